"""The audit log's vocabulary: who acted, what they did, and which fields a correction changed."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .receipt import ReceiptSnapshot

# Every action the log records, with what an administrator reads.
ACTIONS = {
    "issue": "Tiếp nhận, cấp giấy",
    "print": "In, in lại giấy tiếp nhận",
    "reissue": "Điều chỉnh, cấp lại",
    "revoke": "Thu hồi",
    "status": "Cập nhật trạng thái",
    "handover": "Giao nhận hồ sơ (Mẫu 06)",
    "extension": "Gia hạn, hẹn lại (Mẫu 04)",
    "login": "Đăng nhập",
    "login_failed": "Đăng nhập không thành công",
    "password_changed": "Đổi mật khẩu",
    "officer_created": "Tạo tài khoản cán bộ",
    "password_reset": "Đặt lại mật khẩu",
    "officer_disabled": "Khóa tài khoản",
    "officer_enabled": "Mở khóa tài khoản",
    "import": "Nhập dữ liệu",
    "api_key_used": "Dùng khóa API",
}
# Who may act: an officer at the counter, a machine with an API key, an operator at the command line.
ACTOR_TEXT = {"officer": "cán bộ", "api_key": "khóa API", "cli": "dòng lệnh", "system": "hệ thống"}
# The fields of a receipt a correction may change, in the order the form prints them.
RECEIPT_FIELDS = (
    "procedure",
    "applicant.name",
    "applicant.organization",
    "applicant.address",
    "applicant.phone",
    "applicant.email",
    "documents",
    "sets",
    "received_at",
    "due_at",
    "delivery",
    "officer_name",
    "note",
)

# What an administrator reads for each key of an entry's details and each field of a receipt.
DETAIL_TEXT = {
    "reason": "Lý do",
    "status": "Trạng thái",
    "note": "Ghi chú",
    "items": "Nội dung (giấy tờ thiếu, lý do)",
    "from": "Bên giao",
    "to": "Bên nhận",
    "version": "Lần cấp",
    "wait": "Phải chờ (giây)",
    "data": "Dữ liệu",
    "rows": "Số dòng",
    "file": "Tệp",
    "username": "Tài khoản",
    "role": "Vai trò",
    "procedure": "Thủ tục",
    "applicant.name": "Họ tên",
    "applicant.organization": "Cơ quan, tổ chức",
    "applicant.address": "Địa chỉ",
    "applicant.phone": "Số điện thoại",
    "applicant.email": "Thư điện tử",
    "documents": "Giấy tờ",
    "sets": "Số bộ",
    "received_at": "Thời điểm nhận",
    "due_at": "Hẹn trả",
    "delivery": "Nơi trả kết quả",
    "officer_name": "Cán bộ tiếp nhận",
}


@dataclass(frozen=True)
class Actor:
    """Who did something and from where: the adapter that took the request knows both."""

    kind: str
    name: str
    address: str = ""
    agency_code: str | None = None


SYSTEM = Actor("system", "hệ thống")


@dataclass(frozen=True)
class AuditEntry:
    """One line of the log; stored once and never changed."""

    id: int
    at: datetime
    action: str
    actor: Actor
    agency_code: str | None
    dossier_code: str | None
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def action_text(self) -> str:
        """Return the action as an administrator reads it."""
        return ACTIONS.get(self.action, self.action)


@dataclass(frozen=True)
class AuditFilter:
    """What an administrator narrows the log to; None or "" means any."""

    agency_code: str | None = None
    action: str = ""
    actor: str = ""
    dossier_code: str = ""
    date_from: datetime | None = None
    date_to: datetime | None = None


def receipt_fields(snapshot: dict[str, Any]) -> dict[str, Any]:
    """Return the correctable fields of a stored snapshot (its `to_dict()`), flat and comparable."""
    applicant = snapshot.get("applicant", {})
    procedure = snapshot.get("procedure", {})
    return {
        "procedure": procedure.get("code", ""),
        **{f"applicant.{key}": applicant.get(key, "") for key in applicant},
        "documents": [
            f"{d.get('name', '')} ({d.get('form', '')}, {d.get('copies', 1)})"
            for d in snapshot.get("documents", [])
        ],
        "sets": snapshot.get("sets"),
        "received_at": snapshot.get("received_at"),
        "due_at": snapshot.get("due_at"),
        "delivery": snapshot.get("delivery"),
        "officer_name": snapshot.get("officer_name"),
        "note": snapshot.get("note", ""),
    }


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Return each field a correction changed, as [before, after], in the form's order."""
    old, new = receipt_fields(before), receipt_fields(after)
    names = [*RECEIPT_FIELDS, *sorted((set(old) | set(new)) - set(RECEIPT_FIELDS))]
    return {name: [old.get(name), new.get(name)] for name in names if old.get(name) != new.get(name)}


def changes(before: ReceiptSnapshot, after: ReceiptSnapshot) -> dict[str, Any]:
    """Return a reissue's audit details: the new version and each field it changed."""
    return {"version": after.version, "fields": changed_fields(before.to_dict(), after.to_dict())}
