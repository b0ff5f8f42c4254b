"""What the bot says: the wording of its answers, redacted exactly like the status object."""

from __future__ import annotations

from ..domain.catalogue import Procedure
from ..domain.conversation import CODES_PER_HOUR, MAX_CODES
from ..domain.dossiers import DossierStatus
from ..domain.money import amount_words, money_vnd
from ..domain.vietqr import transfer_content

EXAMPLE_CODE = "000.00.04.H15-201125-0080"
USAGE = f"Vui lòng gửi mã hồ sơ theo cú pháp #<mã hồ sơ>, ví dụ: #{EXAMPLE_CODE}"


def welcome(catalogue_url: str, scan_url: str) -> str:
    """Return the greeting to a new follower: how to look up, scan and browse."""
    return "\n".join(
        [
            "Chào mừng ông/bà đến với kênh tra cứu hồ sơ hành chính.",
            f"• Tra cứu hồ sơ: gửi #<mã hồ sơ> in trên giấy tiếp nhận, ví dụ #{EXAMPLE_CODE}",
            "• Quét mã QR: dùng máy quét QR của Zalo với mã trên giấy tiếp nhận để mở trang hồ sơ, "
            f"hoặc mở {scan_url}",
            "• Nhận thông báo khi hồ sơ thay đổi: gửi mã hồ sơ kèm 4 số cuối điện thoại, "
            f"ví dụ #{EXAMPLE_CODE} 1303",
            f"• Tra cứu thủ tục: gửi “thủ tục <tên thủ tục>” hoặc xem {catalogue_url}",
        ]
    )


def help_text(catalogue_url: str) -> str:
    """Return the short help for a message the bot does not understand."""
    return "\n".join(
        [
            f"Tra cứu hồ sơ: gửi #<mã hồ sơ>, ví dụ #{EXAMPLE_CODE}",
            f"Nhận thông báo: #<mã hồ sơ> và 4 số cuối điện thoại, ví dụ #{EXAMPLE_CODE} 1303",
            f"Tra cứu thủ tục: gửi “thủ tục <tên>” hoặc xem {catalogue_url}",
        ]
    )


def not_found(code: str) -> str:
    """Return the answer about a code that names no dossier."""
    return f"Không tìm thấy hồ sơ có mã {code[:60]}. Vui lòng kiểm tra lại mã trên giấy tiếp nhận."


def status_message(status: DossierStatus, lookup_url: str) -> str:
    """Return the answer about a dossier: status, appointment and the lookup link."""
    lines = [
        f"Hồ sơ {status.code}",
        f"Trạng thái: {status.status_text}" + (" (quá hạn)" if status.overdue else ""),
        f"Hẹn trả kết quả: {status.due_text}",
    ]
    if status.revoked:
        lines.append("Giấy tiếp nhận này đã bị thu hồi.")
    lines += payment_lines(status)
    lines.append(f"Xem chi tiết: {lookup_url}")
    return "\n".join(lines)


def payment_lines(status: DossierStatus) -> list[str]:
    """Return what is owed and how to pay it (while the dossier carries a VietQR), or what was paid."""
    owed = max(status.fee - status.paid, 0)
    if status.payment_qr and owed:
        return [
            f"Phí, lệ phí cần nộp: {money_vnd(owed)} ({amount_words(owed)})",
            "Thanh toán: quét mã QR thanh toán (VietQR) trên giấy tiếp nhận bằng ứng dụng ngân hàng, "
            f"hoặc chuyển khoản với nội dung {transfer_content(status.code)}",
        ]
    if status.fee and status.paid >= status.fee:
        return [f"Đã thanh toán phí, lệ phí: {money_vnd(status.paid)}"]
    return []


def subscribe_hint() -> str:
    """Return how to hear about a dossier's changes."""
    return (
        "Để nhận thông báo khi hồ sơ thay đổi trạng thái, gửi mã hồ sơ kèm 4 số cuối số điện thoại "
        f"của người nộp, ví dụ #{EXAMPLE_CODE} 1303"
    )


def too_many_codes() -> str:
    """Return the answer once the user's codes for the hour are spent."""
    return f"Ông/bà đã tra cứu quá {CODES_PER_HOUR} mã hồ sơ trong một giờ. Vui lòng thử lại sau."


def only_first_codes() -> str:
    """Return the note that only the first codes of a message are answered."""
    return f"(Mỗi tin nhắn chỉ tra cứu tối đa {MAX_CODES} mã hồ sơ.)"


def subscribed(code: str) -> str:
    """Return the confirmation of a subscription."""
    return (
        f"Đã đăng ký nhận thông báo khi hồ sơ {code} thay đổi trạng thái. Để ngừng, gửi: Hủy theo dõi #{code}"
    )


def already_subscribed(code: str) -> str:
    """Return the answer to a second subscription to the same dossier."""
    return f"Ông/bà đã đăng ký nhận thông báo cho hồ sơ {code} từ trước."


def wrong_digits(code: str) -> str:
    """Return the answer to digits that are not the applicant's phone's last 4."""
    return f"4 số cuối điện thoại không khớp với hồ sơ {code}. Vui lòng kiểm tra lại."


def wait(seconds: int) -> str:
    """Return the answer to a try refused until the limit's gate opens."""
    minutes = max(1, -(-seconds // 60))
    return f"Ông/bà đã thử quá nhiều lần. Vui lòng thử lại sau {minutes} phút."


def revoked(code: str) -> str:
    """Return the answer about subscribing to a revoked receipt."""
    return f"Giấy tiếp nhận {code} đã bị thu hồi nên không thể đăng ký nhận thông báo."


def unsubscribed(codes: list[str]) -> str:
    """Return the answer to "Hủy theo dõi"."""
    if not codes:
        return "Ông/bà không theo dõi hồ sơ nào trong số này."
    return "Đã hủy theo dõi hồ sơ " + ", ".join(codes) + ". Ông/bà sẽ không nhận thông báo về hồ sơ này nữa."


def phone_not_matching() -> str:
    """Return the answer to a shared phone that proves none of the dossiers last asked about."""
    return "Số điện thoại đã chia sẻ không khớp với hồ sơ nào ông/bà vừa tra cứu. " + subscribe_hint()


def procedures(found: list[Procedure], links: list[str], more_url: str) -> str:
    """Return the best matches of a catalogue search, each with its link."""
    if not found:
        return f"Không tìm thấy thủ tục phù hợp. Xem danh mục thủ tục: {more_url}"
    lines = ["Các thủ tục phù hợp:"]
    for number, (procedure, link) in enumerate(zip(found, links, strict=True), start=1):
        lines.append(f"{number}. {procedure.name} ({procedure.code})\n{link}")
    lines.append(f"Xem thêm: {more_url}")
    return "\n".join(lines)


def unreadable_photo() -> str:
    """Return the answer to a photo without a receipt's QR code that the bot can read."""
    return "Không đọc được mã QR trên ảnh. Vui lòng chụp rõ mã QR trên giấy tiếp nhận, hoặc gửi #<mã hồ sơ>."
