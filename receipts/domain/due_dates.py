"""Appointment times: durations in working days, working hours or calendar days."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

from .calendar import WorkingCalendar
from .text import date_dmy, datetime_long

WORKING_DAYS = "working_days"
WORKING_HOURS = "working_hours"
CALENDAR_DAYS = "calendar_days"
UNITS = (WORKING_DAYS, WORKING_HOURS, CALENDAR_DAYS)
UNIT_TEXT = {WORKING_DAYS: "ngày làm việc", WORKING_HOURS: "giờ làm việc", CALENDAR_DAYS: "ngày"}

Sessions = Sequence[tuple[time, time]]
DEFAULT_SESSIONS: tuple[tuple[time, time], ...] = ((time(7, 0), time(11, 30)), (time(13, 30), time(17, 0)))
NOON = time(12, 0)
# An agency's `due_style` that prints the appointment with its time, in words (else by session).
LONG_STYLE = "long"
_TICK = timedelta(microseconds=1)


def parse_sessions(pairs: Sequence[Sequence[str]] | None) -> tuple[tuple[time, time], ...]:
    """Turn [["07:00", "11:30"], …] into ordered (start, end) times; raise ValueError if bad."""
    if not pairs:
        return DEFAULT_SESSIONS
    sessions = []
    for pair in pairs:
        if len(pair) != 2:
            raise ValueError("each session is [start, end]")
        start, end = (time.fromisoformat(str(value)) for value in pair)
        if start >= end:
            raise ValueError("a session ends after it starts")
        sessions.append((start, end))
    sessions.sort()
    for (_, end), (start, _) in zip(sessions, sessions[1:], strict=False):
        if start < end:
            raise ValueError("sessions overlap")
    return tuple(sessions)


def effective_start(received: datetime, calendar: WorkingCalendar, sessions: Sessions) -> datetime:
    """Return when counting starts: `received` if inside a session, else the next session's start."""
    _check_sessions(sessions)
    day = received.date()
    clock = received.timetz().replace(tzinfo=None)
    if calendar.is_working_day(day):
        for start, end in sessions:
            if clock < start:
                return _at(received, day, start)
            if clock < end:
                return received
    return _at(received, calendar.next_working_day(day), sessions[0][0])


def compute_due(
    received: datetime,
    duration: int,
    unit: str,
    calendar: WorkingCalendar,
    sessions: Sessions = DEFAULT_SESSIONS,
) -> datetime:
    """Return the appointment for a dossier received at `received` (local time, aware or naive).

    Counting starts at `effective_start`. Working days keep the start's clock time (zero working
    days: the same day's close); working hours
    are spent inside the sessions; calendar days that end on a day off move to the next working day.
    """
    if duration < 0:
        raise ValueError("duration is never negative")
    if unit not in UNITS:
        raise ValueError(f"unknown duration unit {unit!r}")
    start = effective_start(received, calendar, sessions)
    if unit == WORKING_DAYS:
        if duration == 0:
            # "Trả trong ngày": by the close of the day's last session, never at the counter's time.
            return _at(start, start.date(), sessions[-1][1])
        return _at(start, calendar.add_working_days(start.date(), duration), start.timetz())
    if unit == CALENDAR_DAYS:
        day = start.date() + timedelta(days=duration)
        return _at(start, calendar.next_working_day(day, include=True), start.timetz())
    return _add_working_hours(start, timedelta(hours=duration), calendar, sessions)


def _add_working_hours(
    start: datetime, hours: timedelta, calendar: WorkingCalendar, sessions: Sessions
) -> datetime:
    due, left = _spend(start, hours, sessions)
    if not left:
        return due
    # Skip the whole working days at once; what is left (more than nothing, at most one day's
    # worth) is spent on the last day, so that a time ending with a session ends at its close.
    per_day = _day_length(sessions)
    whole = (left - _TICK) // per_day
    day = calendar.add_working_days(start.date(), whole + 1)
    due, _ = _spend(_at(start, day, sessions[0][0]), left - whole * per_day, sessions)
    return due


def _spend(current: datetime, remaining: timedelta, sessions: Sessions) -> tuple[datetime, timedelta]:
    """Spend working time from `current` within its day; return where it stopped and what is left."""
    for session_start, session_end in sessions:
        begin = max(_at(current, current.date(), session_start), current)
        end = _at(current, current.date(), session_end)
        if end <= begin:
            continue
        if remaining <= end - begin:
            return begin + remaining, timedelta(0)
        remaining -= end - begin
        current = end
    return current, remaining


def _day_length(sessions: Sessions) -> timedelta:
    day = date(2000, 1, 1)
    return sum(
        (datetime.combine(day, end) - datetime.combine(day, start) for start, end in sessions), timedelta(0)
    )


def _check_sessions(sessions: Sessions) -> None:
    if not sessions:
        raise ValueError("an agency has at least one office session")


def _at(like: datetime, day: date, clock: time) -> datetime:
    return datetime.combine(day, clock.replace(tzinfo=None), tzinfo=like.tzinfo)


def due_text(due: datetime) -> str:
    """Return 'Sáng ngày 09/12/2020' or 'Chiều ngày 09/12/2020' by the appointment's session."""
    part = "Sáng" if due.timetz().replace(tzinfo=None) < NOON else "Chiều"
    return f"{part} ngày {date_dmy(due)}"


def due_line(due: datetime, style: str) -> str:
    """Return the appointment in the agency's style: 'long' in words with its time, else by session."""
    return datetime_long(due) if style == LONG_STYLE else due_text(due)


def duration_text(duration: int, unit: str) -> str:
    """Return '10 ngày làm việc'."""
    return f"{duration} {UNIT_TEXT[unit]}"
