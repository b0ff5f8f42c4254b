"""Appointments for real cases, each row with the document that makes it right."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from receipts.domain.calendar import WorkingCalendar
from receipts.domain.due_dates import (
    CALENDAR_DAYS,
    DEFAULT_SESSIONS,
    WORKING_DAYS,
    WORKING_HOURS,
    compute_due,
    due_text,
    duration_text,
    effective_start,
    parse_sessions,
)
from receipts.domain.text import datetime_long
from tests.unit.test_calendar import vietnam

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def at(text: str) -> datetime:
    """A local moment written 'YYYY-MM-DD HH:MM[:SS]'."""
    return datetime.fromisoformat(text).replace(tzinfo=VN)


D, H, C = WORKING_DAYS, WORKING_HOURS, CALENDAR_DAYS
CASES = [
    # The province's example receipt (Đắk Lắk, 1.000028.000.00.00.H15): 10 working days, clock kept.
    ("2020-11-25 16:19:50", 10, D, "2020-12-09 16:19:50", "Chiều ngày 09/12/2020"),
    # Tết Ất Tỵ, Công văn 8726/VPCP-KGVX and Thông báo 6150/TB-LĐTBXH: off 25/01-02/02/2025.
    ("2025-01-24 10:00", 1, D, "2025-02-03 10:00", "Sáng ngày 03/02/2025"),
    ("2025-01-24 10:00", 10, D, "2025-02-14 10:00", "Sáng ngày 14/02/2025"),
    ("2025-01-30 09:00", 10, D, "2025-02-17 07:00", "Sáng ngày 17/02/2025"),
    ("2025-02-03 08:00", 10, D, "2025-02-17 08:00", "Sáng ngày 17/02/2025"),
    ("2025-01-24 16:00", 2, H, "2025-02-03 08:00", "Sáng ngày 03/02/2025"),
    # Tết Bính Ngọ, the Prime Minister's agreement (Government Office, 10/2025): off 14/02-22/02/2026.
    ("2026-02-13 09:00", 5, D, "2026-02-27 09:00", "Sáng ngày 27/02/2026"),
    ("2026-02-16 09:00", 1, D, "2026-02-24 07:00", "Sáng ngày 24/02/2026"),
    ("2026-02-23 14:00", 5, D, "2026-03-02 14:00", "Chiều ngày 02/03/2026"),
    # 30/4-1/5/2025, Công văn 8726/VPCP-KGVX: Friday 02/05 off, Saturday 26/04 worked in its place.
    ("2025-04-25 16:00", 1, D, "2025-04-26 16:00", "Chiều ngày 26/04/2025"),
    ("2025-04-26 09:00", 0, H, "2025-04-26 09:00", "Sáng ngày 26/04/2025"),
    ("2025-04-26 09:00", 0, D, "2025-04-26 17:00", "Chiều ngày 26/04/2025"),  # trả trong ngày
    ("2025-04-26 09:00", 1, D, "2025-04-28 09:00", "Sáng ngày 28/04/2025"),
    ("2025-04-29 10:00", 1, D, "2025-05-05 10:00", "Sáng ngày 05/05/2025"),
    ("2025-05-02 10:00", 1, D, "2025-05-06 07:00", "Sáng ngày 06/05/2025"),
    ("2025-04-23 10:00", 3, C, "2025-04-26 10:00", "Sáng ngày 26/04/2025"),
    ("2025-04-23 10:00", 10, C, "2025-05-05 10:00", "Sáng ngày 05/05/2025"),
    # Quốc khánh 2025, same letter: off 30/08-02/09/2025.
    ("2025-08-29 15:00", 2, D, "2025-09-04 15:00", "Chiều ngày 04/09/2025"),
    ("2025-09-01 09:00", 1, D, "2025-09-04 07:00", "Sáng ngày 04/09/2025"),
    # Quốc khánh 2026, agreement of 10/2025: off 29/08-02/09/2026, Monday 31/08 for Saturday 22/08.
    ("2026-08-21 16:00", 1, D, "2026-08-22 16:00", "Chiều ngày 22/08/2026"),
    ("2026-08-28 10:00", 1, D, "2026-09-03 10:00", "Sáng ngày 03/09/2026"),
    ("2026-09-02 10:00", 0, H, "2026-09-03 07:00", "Sáng ngày 03/09/2026"),
    ("2026-09-02 10:00", 0, D, "2026-09-03 17:00", "Chiều ngày 03/09/2026"),
    # Giỗ Tổ on Sunday 26/04/2026, nghỉ bù on Monday 27/04 (Bộ luật Lao động 2019, khoản 3 Điều 111).
    ("2026-04-24 15:00", 1, D, "2026-04-28 15:00", "Chiều ngày 28/04/2026"),
    # A plain Saturday (Bộ luật Lao động 2019, Điều 111: weekly rest): counted from Monday's first session.
    ("2024-12-07 09:00", 1, D, "2024-12-10 07:00", "Sáng ngày 10/12/2024"),
    ("2024-12-07 09:00", 2, H, "2024-12-09 09:00", "Sáng ngày 09/12/2024"),
    ("2024-12-05 10:00", 3, C, "2024-12-09 10:00", "Sáng ngày 09/12/2024"),
    # After office hours (the agency's sessions 07:00-11:30, 13:30-17:00): counted from the next morning.
    ("2020-11-25 17:30", 10, D, "2020-12-10 07:00", "Sáng ngày 10/12/2020"),
    ("2020-11-25 17:00", 0, H, "2020-11-26 07:00", "Sáng ngày 26/11/2020"),
    ("2020-11-27 18:00", 1, D, "2020-12-01 07:00", "Sáng ngày 01/12/2020"),
    ("2020-11-25 06:15", 0, H, "2020-11-25 07:00", "Sáng ngày 25/11/2020"),
    # Working hours inside the sessions: across lunch, across a night, ending exactly at a session's end.
    ("2025-03-05 10:00", 3, H, "2025-03-05 15:00", "Chiều ngày 05/03/2025"),
    ("2025-03-05 16:00", 8, H, "2025-03-06 16:00", "Chiều ngày 06/03/2025"),
    ("2025-03-05 09:30", 2, H, "2025-03-05 11:30", "Sáng ngày 05/03/2025"),
    ("2025-03-05 07:00", 8, H, "2025-03-05 17:00", "Chiều ngày 05/03/2025"),
    ("2025-03-05 07:00", 16, H, "2025-03-06 17:00", "Chiều ngày 06/03/2025"),
    ("2025-03-05 12:00", 1, H, "2025-03-05 14:30", "Chiều ngày 05/03/2025"),
    ("2025-03-05 12:00", 0, H, "2025-03-05 13:30", "Chiều ngày 05/03/2025"),
    ("2025-04-30 10:00", 8, H, "2025-05-05 17:00", "Chiều ngày 05/05/2025"),
]


@pytest.mark.parametrize(("received", "duration", "unit", "due", "text"), CASES)
def test_real_cases_get_the_appointment_an_officer_would_write(received, duration, unit, due, text):
    appointment = compute_due(at(received), duration, unit, vietnam())
    assert appointment == at(due)
    assert due_text(appointment) == text


def test_the_appointment_keeps_the_time_zone_of_the_receipt():
    appointment = compute_due(at("2020-11-25 16:19:50"), 10, WORKING_DAYS, vietnam())
    assert appointment.isoformat() == "2020-12-09T16:19:50+07:00"


@pytest.mark.parametrize(
    ("received", "start"),
    [
        ("2025-03-05 06:59:59", "2025-03-05 07:00"),
        ("2025-03-05 07:00", "2025-03-05 07:00"),
        ("2025-03-05 11:29:59", "2025-03-05 11:29:59"),
        ("2025-03-05 11:30", "2025-03-05 13:30"),
        ("2025-03-05 16:59:59", "2025-03-05 16:59:59"),
        ("2025-03-05 17:00", "2025-03-06 07:00"),
        ("2025-03-08 10:00", "2025-03-10 07:00"),  # Saturday
        ("2025-01-29 10:00", "2025-02-03 07:00"),  # Tết
    ],
)
def test_counting_starts_inside_a_session_or_at_the_next_one(received, start):
    assert effective_start(at(received), vietnam(), DEFAULT_SESSIONS) == at(start)


def test_an_agency_with_other_office_hours_counts_its_own_sessions():
    sessions = parse_sessions([["13:00", "17:00"], ["07:30", "11:30"]])
    assert sessions == ((time(7, 30), time(11, 30)), (time(13, 0), time(17, 0)))
    due = compute_due(at("2025-03-05 11:00"), 2, WORKING_HOURS, WorkingCalendar(), sessions)
    assert due == at("2025-03-05 14:30")


def test_a_single_session_day_carries_hours_over_the_night():
    sessions = parse_sessions([["08:00", "16:00"]])
    due = compute_due(at("2025-03-07 15:00"), 3, WORKING_HOURS, WorkingCalendar(), sessions)
    assert due == at("2025-03-10 10:00")


@pytest.mark.parametrize(
    ("pairs", "message"),
    [
        ([["07:00", "11:30", "x"]], "each session"),
        ([["11:30", "07:00"]], "ends after"),
        ([["07:00", "12:00"], ["11:00", "17:00"]], "overlap"),
        ([["7h", "11:30"]], "Invalid isoformat"),
    ],
)
def test_bad_office_hours_are_refused(pairs, message):
    with pytest.raises(ValueError, match=message):
        parse_sessions(pairs)


def test_missing_office_hours_mean_the_default_sessions():
    assert parse_sessions(None) == parse_sessions([]) == DEFAULT_SESSIONS


@pytest.mark.parametrize(
    ("duration", "unit", "sessions", "message"),
    [
        (-1, WORKING_DAYS, DEFAULT_SESSIONS, "negative"),
        (1, "weeks", DEFAULT_SESSIONS, "unknown duration unit"),
        (1, WORKING_HOURS, (), "session"),
    ],
)
def test_impossible_durations_and_office_hours_are_refused(duration, unit, sessions, message):
    with pytest.raises(ValueError, match=message):
        compute_due(at("2025-03-05 10:00"), duration, unit, WorkingCalendar(), sessions)


@pytest.mark.parametrize(
    ("due", "text"),
    [
        ("2025-03-05 07:00", "Sáng ngày 05/03/2025"),
        ("2025-03-05 11:59:59", "Sáng ngày 05/03/2025"),
        ("2025-03-05 12:00", "Chiều ngày 05/03/2025"),
        ("2025-03-05 17:00", "Chiều ngày 05/03/2025"),
    ],
)
def test_the_short_form_names_the_half_day(due, text):
    assert due_text(at(due)) == text


def test_the_long_form_spells_out_hour_minute_and_date_for_the_pdf():
    assert datetime_long(at("2020-12-09 16:19:50")) == "16 giờ 19 phút, ngày 09 tháng 12 năm 2020"
    assert datetime_long(at("2025-02-03 07:05")) == "07 giờ 05 phút, ngày 03 tháng 02 năm 2025"


@pytest.mark.parametrize(
    ("duration", "unit", "text"),
    [
        (10, WORKING_DAYS, "10 ngày làm việc"),
        (8, WORKING_HOURS, "8 giờ làm việc"),
        (30, CALENDAR_DAYS, "30 ngày"),
    ],
)
def test_the_duration_reads_in_vietnamese(duration, unit, text):
    assert duration_text(duration, unit) == text
