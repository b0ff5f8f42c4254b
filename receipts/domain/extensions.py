"""Extending a late dossier's appointment (Mẫu 04): when it is allowed and the new appointment."""

from __future__ import annotations

from datetime import datetime

from .calendar import WorkingCalendar
from .dossiers import StoredReceipt
from .due_dates import WORKING_DAYS, Sessions, compute_due, effective_start
from .errors import Conflict, InvalidInput
from .localtime import local

# An apology is due at the latest one working day before the appointment (the agency then asks
# for more time); earlier, nothing is late yet.
NOTICE_WORKING_DAYS = 1
MAX_EXTENSION_DAYS = 365


class NotLate(Conflict):
    """An extension asked for a dossier whose appointment is still more than a working day away."""

    code = "not_late"


class Finished(Conflict):
    """An extension asked for a dossier whose handling is over, or whose receipt was revoked."""

    code = "dossier_closed"


def check_extendable(stored: StoredReceipt, now: datetime, calendar: WorkingCalendar) -> None:
    """Raise Finished or NotLate unless the dossier's appointment may be moved now."""
    if stored.revoked:
        raise Finished("Giấy tiếp nhận đã bị thu hồi: hồ sơ không còn được xử lý.")
    if stored.status.is_finished:
        raise Finished(f"Hồ sơ đã kết thúc (“{stored.status.text}”): không thể gia hạn.")
    due = local(stored.due_at)
    last_notice_day = calendar.add_working_days(local(now).date(), NOTICE_WORKING_DAYS)
    if due.date() > last_notice_day:
        raise NotLate(
            "Hồ sơ chưa đến hạn trả kết quả: văn bản xin lỗi và gia hạn chỉ lập khi hồ sơ quá hạn "
            "hoặc chậm nhất 01 ngày làm việc trước ngày hẹn trả."
        )


def new_due(
    stored: StoredReceipt,
    now: datetime,
    calendar: WorkingCalendar,
    sessions: Sessions,
    *,
    working_days: int | None = None,
    new_due_at: datetime | None = None,
) -> datetime:
    """Return the new appointment on the working-day calendar; raise InvalidInput for a bad date.

    `working_days` count from the later of now and the current appointment; a `new_due_at` given
    must fall after both, inside the office hours of a working day.
    """
    current = max(local(now), local(stored.due_at))
    if working_days is not None:
        return compute_due(current, working_days, WORKING_DAYS, calendar, sessions)
    assert new_due_at is not None, "the schema asks for one of the two"
    wanted = local(new_due_at)
    if wanted <= current:
        raise InvalidInput(
            "Ngày hẹn mới phải sau ngày hẹn hiện tại và sau thời điểm hiện tại.",
            {"new_due_at": "Phải sau ngày hẹn hiện tại."},
        )
    if effective_start(wanted, calendar, sessions) != wanted:
        raise InvalidInput(
            "Ngày hẹn mới phải rơi vào giờ làm việc của một ngày làm việc.",
            {"new_due_at": "Không phải giờ làm việc."},
        )
    return wanted
