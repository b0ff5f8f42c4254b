"""What the bot says: the wording of its answers, redacted exactly like the status object."""

from __future__ import annotations

from ..domain.dossiers import DossierStatus

USAGE = "Vui lòng gửi mã hồ sơ theo cú pháp #<mã hồ sơ>, ví dụ: #000.00.04.H15-201125-0080"


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
    lines.append(f"Xem chi tiết: {lookup_url}")
    return "\n".join(lines)
