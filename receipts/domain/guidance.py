"""What each status means to the citizen and what to do next: the words of a status-change notice,
and of the notice of a late dossier's new appointment (Mẫu 04)."""

from __future__ import annotations

from dataclasses import dataclass

from .statuses import Status
from .text import nfc

# One text per status; a test checks that none is missing.
NEXT_STEPS: dict[Status, str] = {
    Status.RECEIVED: "Hồ sơ đã được tiếp nhận. Vui lòng chờ đến ngày hẹn trả kết quả.",
    Status.REJECTED: (
        "Hồ sơ không được tiếp nhận. Vui lòng xem lý do tại Bộ phận tiếp nhận và trả kết quả "
        "hoặc trên trang tra cứu, rồi nộp lại hồ sơ nếu cần."
    ),
    Status.IN_PROGRESS: "Hồ sơ đang được giải quyết. Ông/bà chưa cần làm gì thêm.",
    Status.NEEDS_SUPPLEMENT: (
        "Hồ sơ cần bổ sung giấy tờ. Vui lòng mang giấy tờ còn thiếu đến Bộ phận tiếp nhận và trả "
        "kết quả (xem danh sách trên phiếu yêu cầu bổ sung)."
    ),
    Status.AWAITING_PAYMENT: (
        "Hồ sơ chờ thực hiện nghĩa vụ tài chính. Vui lòng nộp phí, lệ phí (chuyển khoản theo mã QR "
        "trên trang tra cứu hoặc nộp tại quầy)."
    ),
    Status.WITHDRAWN: "Hồ sơ đã được rút theo yêu cầu của công dân. Việc giải quyết kết thúc.",
    Status.SUSPENDED: (
        "Hồ sơ bị dừng xử lý. Vui lòng liên hệ Bộ phận tiếp nhận và trả kết quả để biết lý do."
    ),
    Status.RESULT_READY: (
        "Đã có kết quả. Vui lòng mang giấy tiếp nhận và giấy tờ tùy thân đến Bộ phận tiếp nhận "
        "và trả kết quả để nhận."
    ),
    Status.RETURNED: "Kết quả đã được trả. Cảm ơn ông/bà đã sử dụng dịch vụ.",
}


@dataclass(frozen=True)
class StatusNotice:
    """A status change told to a subscriber: the dossier, its new status, the next step, the link."""

    code: str
    status: Status
    due_text: str
    lookup_url: str

    @property
    def next_step(self) -> str:
        """Return what the citizen should do now."""
        return NEXT_STEPS[self.status]

    def text(self) -> str:
        """Return the consultation message."""
        return "\n".join(
            [
                f"Hồ sơ {self.code} vừa chuyển trạng thái: {self.status.text}.",
                self.next_step,
                f"Hẹn trả kết quả: {self.due_text}",
                f"Xem chi tiết: {self.lookup_url}",
                f"Để ngừng nhận thông báo, gửi: Hủy theo dõi #{self.code}",
            ]
        )

    def template_data(self) -> dict[str, str]:
        """Return the ZNS template's parameters (the approved template must name these)."""
        return {
            "ma_ho_so": self.code,
            "trang_thai": self.status.text,
            "huong_dan": self.next_step,
            "hen_tra": self.due_text,
        }


# The words of Mẫu 04 (data/forms/04.json), shortened for a chat message.
LATE = "cơ quan giải quyết chưa trả được kết quả đúng hẹn"
APOLOGY = "Chúng tôi thành thật xin lỗi ông/bà vì sự chậm trễ này."
EXTENDED = "Gia hạn thời gian giải quyết"


@dataclass(frozen=True)
class ExtensionNotice:
    """A late dossier's new appointment told to a subscriber: the apology, the reason, the link."""

    code: str
    reason: str
    due_line: str
    lookup_url: str

    def text(self) -> str:
        """Return the consultation message."""
        return nfc(
            "\n".join(
                [
                    f"Hồ sơ {self.code} trễ hẹn: {LATE}.",
                    APOLOGY,
                    f"Lý do: {self.reason}",
                    f"Hẹn trả kết quả mới: {self.due_line}",
                    f"Xem chi tiết: {self.lookup_url}",
                    f"Để ngừng nhận thông báo, gửi: Hủy theo dõi #{self.code}",
                ]
            )
        )

    def template_data(self) -> dict[str, str]:
        """Return the parameters of the status notice's ZNS template, the one template approved."""
        return {
            "ma_ho_so": self.code,
            "trang_thai": EXTENDED,
            "huong_dan": nfc(f"Hồ sơ trễ hẹn: {LATE}. {APOLOGY} Lý do: {self.reason}"),
            "hen_tra": self.due_line,
        }
