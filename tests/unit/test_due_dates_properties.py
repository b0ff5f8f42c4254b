"""What holds for every receipt: appointments on working days, never early, never shorter."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from receipts.domain.calendar import DAY_OFF, WORKING_DAY, Decision, WorkingCalendar
from receipts.domain.due_dates import (
    CALENDAR_DAYS,
    DEFAULT_SESSIONS,
    UNITS,
    WORKING_DAYS,
    WORKING_HOURS,
    compute_due,
    effective_start,
    parse_sessions,
)
from tests.unit.test_calendar import vietnam

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CALENDAR = vietnam()
# Office hours agencies publish; the whole hours of a day make "one more working day" in hours.
SESSIONS = [
    DEFAULT_SESSIONS,
    parse_sessions([["07:30", "11:30"], ["13:00", "17:00"]]),
    parse_sessions([["08:00", "12:00"], ["13:00", "17:00"]]),
    parse_sessions([["08:00", "16:00"]]),
]

# Round clocks land on the sessions' edges, where off-by-one mistakes hide; any other clock too.
round_clocks = st.sampled_from([time(hour, minute) for hour in range(6, 19) for minute in (0, 30)])
received_at = st.builds(
    lambda day, clock: datetime.combine(day, clock, tzinfo=VN),
    st.dates(date(2015, 1, 1), date(2034, 12, 31)),
    st.one_of(round_clocks, st.times()),
)
# Mostly short durations, whose appointments fall on the edges of a day; some as long as a year and more.
durations = st.one_of(st.integers(min_value=0, max_value=24), st.integers(min_value=0, max_value=400))
units = st.sampled_from(UNITS)
sessions_of_agency = st.sampled_from(SESSIONS)
fast = settings(max_examples=150, deadline=None)


def inside_office_hours(moment: datetime, sessions) -> bool:
    """Tell whether the clock of `moment` falls in a session, its closing minute included."""
    clock = moment.timetz().replace(tzinfo=None)
    return any(start <= clock <= end for start, end in sessions)


def hours_a_day(sessions) -> int:
    """The office hours of one working day."""
    day = date(2030, 1, 1)
    seconds = sum(
        (datetime.combine(day, end) - datetime.combine(day, start)).seconds for start, end in sessions
    )
    return seconds // 3600


def working_time_between(start: datetime, end: datetime, calendar: WorkingCalendar, sessions) -> timedelta:
    """Add up the office time from `start` to `end`, one day at a time (a reference, kept naive)."""
    total = timedelta(0)
    day = start.date()
    while day <= end.date():
        if calendar.is_working_day(day):
            for open_, close in sessions:
                begin = max(datetime.combine(day, open_, tzinfo=start.tzinfo), start)
                finish = min(datetime.combine(day, close, tzinfo=start.tzinfo), end)
                total += max(finish - begin, timedelta(0))
        day += timedelta(days=1)
    return total


@fast
@given(received_at, durations, units, sessions_of_agency)
def test_an_appointment_is_always_on_a_working_day_inside_office_hours(received, duration, unit, sessions):
    due = compute_due(received, duration, unit, CALENDAR, sessions)
    assert CALENDAR.is_working_day(due.date())
    assert inside_office_hours(due, sessions)


@fast
@given(received_at, durations, units, sessions_of_agency)
def test_an_appointment_is_never_before_the_receipt(received, duration, unit, sessions):
    assert compute_due(received, duration, unit, CALENDAR, sessions) >= received


@fast
@given(received_at, durations, durations, units, sessions_of_agency)
def test_a_longer_duration_never_gives_an_earlier_appointment(received, first, second, unit, sessions):
    shorter, longer = sorted((first, second))
    assert compute_due(received, shorter, unit, CALENDAR, sessions) <= compute_due(
        received, longer, unit, CALENDAR, sessions
    )


@fast
@given(received_at, durations.filter(bool), sessions_of_agency)
def test_one_more_working_day_moves_the_appointment_to_the_next_working_day(received, duration, sessions):
    due = compute_due(received, duration, WORKING_DAYS, CALENDAR, sessions)
    later = compute_due(received, duration + 1, WORKING_DAYS, CALENDAR, sessions)
    assert later.date() == CALENDAR.next_working_day(due.date())
    assert later.timetz() == due.timetz()


@fast
@given(received_at, durations.filter(bool), sessions_of_agency)
def test_one_more_days_worth_of_working_hours_moves_the_appointment_to_the_next_working_day(
    received, hours, sessions
):
    due = compute_due(received, hours, WORKING_HOURS, CALENDAR, sessions)
    later = compute_due(received, hours + hours_a_day(sessions), WORKING_HOURS, CALENDAR, sessions)
    assert later.date() == CALENDAR.next_working_day(due.date())
    assert later.timetz() == due.timetz()


@fast
@given(received_at, durations, sessions_of_agency)
def test_one_more_calendar_day_moves_an_appointment_that_was_not_postponed_to_the_next_working_day(
    received, duration, sessions
):
    start = effective_start(received, CALENDAR, sessions)
    due = compute_due(received, duration, CALENDAR_DAYS, CALENDAR, sessions)
    later = compute_due(received, duration + 1, CALENDAR_DAYS, CALENDAR, sessions)
    if due.date() == start.date() + timedelta(days=duration):
        assert later.date() == CALENDAR.next_working_day(due.date())
    else:
        # The last day was a day off: one more calendar day may land on the same working day.
        assert later.date() in (due.date(), CALENDAR.next_working_day(due.date()))


@fast
@given(received_at, st.integers(min_value=0, max_value=200), sessions_of_agency)
def test_working_hours_spend_exactly_the_duration_in_office_time(received, hours, sessions):
    start = effective_start(received, CALENDAR, sessions)
    due = compute_due(received, hours, WORKING_HOURS, CALENDAR, sessions)
    assert working_time_between(start, due, CALENDAR, sessions) == timedelta(hours=hours)


@fast
@given(received_at, durations, sessions_of_agency)
def test_working_days_leave_exactly_that_many_working_days_after_the_start(received, duration, sessions):
    start = effective_start(received, CALENDAR, sessions)
    due = compute_due(received, duration, WORKING_DAYS, CALENDAR, sessions)
    between = [
        start.date() + timedelta(days=n)
        for n in range(1, (due.date() - start.date()).days + 1)
        if CALENDAR.is_working_day(start.date() + timedelta(days=n))
    ]
    assert len(between) == duration


decisions = st.lists(
    st.builds(
        Decision,
        day=st.dates(min_value=date(2029, 12, 1), max_value=date(2031, 1, 31)),
        kind=st.sampled_from([DAY_OFF, WORKING_DAY]),
        name=st.just("Quyết định"),
    ),
    max_size=60,
)


@fast
@given(decisions, st.dates(min_value=date(2029, 12, 1), max_value=date(2030, 12, 31)), st.integers(0, 300))
def test_adding_working_days_agrees_with_counting_them_one_by_one(decided, start, count):
    cal = WorkingCalendar(decisions=decided)
    day, left = start, count
    while left:
        day += timedelta(days=1)
        left -= cal.is_working_day(day)
    assert cal.add_working_days(start, count) == day


@fast
@given(decisions, st.dates(min_value=date(2029, 12, 1), max_value=date(2031, 1, 31)))
def test_a_decision_always_wins_over_the_weekend(decided, day):
    cal = WorkingCalendar(decisions=decided)
    last = {d.day: d.kind for d in decided}
    expected = last.get(day, WORKING_DAY if day.weekday() < 5 else DAY_OFF)
    assert cal.is_working_day(day) == (expected == WORKING_DAY)


@fast
@given(received_at, sessions_of_agency)
def test_zero_working_days_is_the_close_of_the_day_counting_starts(received, sessions):
    start = effective_start(received, CALENDAR, sessions)
    due = compute_due(received, 0, WORKING_DAYS, CALENDAR, sessions)
    assert due.date() == start.date()
    assert due.timetz().replace(tzinfo=None) == sessions[-1][1]
    assert due >= received
