"""The working-day calendar: weekends, the holidays package, and the decisions that win over it."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest

from receipts import calendars
from receipts.domain.calendar import DAY_OFF, KINDS, WEEKLY_REST, WORKING_DAY, Decision, WorkingCalendar

SHIPPED = Path(__file__).resolve().parents[2] / "data" / "holidays" / "vietnam-2024-2026.json"


def shipped_decisions() -> tuple[Decision, ...]:
    """Read the decisions file the project ships, as `holidays import` would store it."""
    rows = json.loads(SHIPPED.read_text(encoding="utf-8"))
    return tuple(Decision(date.fromisoformat(r["date"]), r["kind"], r["name"], r["source"]) for r in rows)


def vietnam() -> WorkingCalendar:
    """Vietnam's calendar as the service builds it: the package overridden by the shipped decisions."""
    return calendars.calendar_with(shipped_decisions())


def days(first: str, last: str) -> list[date]:
    """Every date from `first` to `last`, both included."""
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def test_saturday_and_sunday_are_rest_days_and_weekdays_are_working_days():
    cal = WorkingCalendar()
    assert [cal.is_working_day(d) for d in days("2030-03-04", "2030-03-10")] == [True] * 5 + [False] * 2
    assert cal.reason_off(date(2030, 3, 9)) == WEEKLY_REST
    assert cal.reason_off(date(2030, 3, 8)) is None


def test_a_decided_day_off_stops_work_on_a_weekday_and_says_why():
    cal = WorkingCalendar(decisions=[Decision(date(2030, 3, 5), DAY_OFF, "Nghỉ bù")])
    assert not cal.is_working_day(date(2030, 3, 5))
    assert cal.reason_off(date(2030, 3, 5)) == "Nghỉ bù"
    assert cal.days_off(2030) == [(date(2030, 3, 5), "Nghỉ bù")]


def test_a_saturday_made_a_working_day_is_worked_and_listed():
    cal = WorkingCalendar(decisions=[Decision(date(2030, 3, 9), WORKING_DAY, "Làm bù")])
    assert cal.is_working_day(date(2030, 3, 9))
    assert cal.made_working_days(2030) == [(date(2030, 3, 9), "Làm bù")]
    assert date(2030, 3, 9) not in dict(cal.non_working_days(2030))


def test_our_decisions_win_over_the_built_in_holidays_both_ways():
    built_in = [
        Decision(date(2030, 3, 5), DAY_OFF, "Package holiday"),
        Decision(date(2030, 3, 9), WORKING_DAY, "Package make-up day"),
    ]
    ours = [
        Decision(date(2030, 3, 5), WORKING_DAY, "Đi làm bình thường"),
        Decision(date(2030, 3, 9), DAY_OFF, "Không làm bù"),
    ]
    cal = WorkingCalendar(lambda year: built_in if year == 2030 else (), ours)
    assert cal.is_working_day(date(2030, 3, 5))
    assert not cal.is_working_day(date(2030, 3, 9))
    assert cal.reason_off(date(2030, 3, 9)) == "Không làm bù"
    # The holiday we cancelled shows as a day made working, so the operator sees the override.
    assert cal.made_working_days(2030) == [(date(2030, 3, 5), "Đi làm bình thường")]


def test_the_next_working_day_skips_a_holiday_that_spans_new_year():
    off = [Decision(d, DAY_OFF, "Nghỉ") for d in days("2030-12-30", "2031-01-02")]
    cal = WorkingCalendar(decisions=off)
    assert cal.next_working_day(date(2030, 12, 27)) == date(2031, 1, 3)
    assert cal.next_working_day(date(2031, 1, 3), include=True) == date(2031, 1, 3)
    assert cal.next_working_day(date(2030, 12, 31), include=True) == date(2031, 1, 3)


def test_adding_working_days_counts_from_the_next_working_day_and_crosses_years():
    cal = WorkingCalendar()
    assert cal.add_working_days(date(2030, 3, 8), 0) == date(2030, 3, 8)
    assert cal.add_working_days(date(2030, 3, 8), 1) == date(2030, 3, 11)
    assert cal.add_working_days(date(2030, 3, 9), 1) == date(2030, 3, 11)
    # 2031 has 261 weekdays: 261 working days after 31/12/2030 is the last weekday of 2031.
    assert cal.add_working_days(date(2030, 12, 31), 261) == date(2031, 12, 31)
    assert cal.add_working_days(date(2030, 12, 31), 262) == date(2032, 1, 1)


def test_a_negative_count_of_working_days_is_refused():
    with pytest.raises(ValueError, match="negative"):
        WorkingCalendar().add_working_days(date(2030, 3, 8), -1)


def test_a_year_without_any_working_day_is_refused_instead_of_searched_forever():
    every_day = [Decision(d, DAY_OFF, "Nghỉ") for d in days("2031-01-01", "2031-12-31")]
    cal = WorkingCalendar(decisions=every_day)
    with pytest.raises(ValueError, match="2031"):
        cal.add_working_days(date(2030, 12, 31), 1)


def test_a_week_that_is_all_weekend_is_refused():
    with pytest.raises(ValueError, match="weekend"):
        WorkingCalendar(weekend=range(7))


def test_a_decision_of_an_unknown_kind_is_refused():
    with pytest.raises(ValueError, match="holiday"):
        WorkingCalendar(decisions=[Decision(date(2030, 3, 5), "holiday", "?")])


def test_each_year_is_asked_of_the_holiday_source_once():
    asked: list[int] = []

    def source(year: int) -> tuple[Decision, ...]:
        asked.append(year)
        return ()

    cal = WorkingCalendar(source)
    for day in days("2030-01-01", "2031-12-31"):
        cal.is_working_day(day)
    cal.add_working_days(date(2030, 1, 1), 400)
    assert asked == [2030, 2031]


def test_the_package_names_vietnams_holidays_in_vietnamese():
    names = dict((d.day, d.name) for d in calendars.vietnam_holidays(2025))
    assert names[date(2025, 1, 29)] == "Tết Nguyên Đán"
    assert names[date(2025, 4, 7)] == "Ngày Giỗ Tổ Hùng Vương"
    assert names[date(2025, 9, 2)] == "Quốc khánh"


def test_the_package_make_up_saturdays_become_working_days_of_their_own_year_only():
    in_2014 = {d.day for d in calendars.vietnam_holidays(2014) if d.kind == WORKING_DAY}
    in_2015 = {d.day for d in calendars.vietnam_holidays(2015) if d.kind == WORKING_DAY}
    # 27/12/2014 was worked for 02/01/2015, a swap the package files under 2015.
    assert date(2014, 12, 27) in in_2014
    assert all(day.year == 2015 for day in in_2015)


def test_years_the_package_cannot_compute_have_no_holidays():
    assert calendars.vietnam_holidays(1850) == ()


def test_the_shipped_decisions_are_well_formed_and_each_names_its_source():
    rows = json.loads(SHIPPED.read_text(encoding="utf-8"))
    decisions = shipped_decisions()
    assert len({d.day for d in decisions}) == len(rows)
    assert all(d.kind in KINDS and d.name and d.source for d in decisions)
    assert all(2024 <= d.day.year <= 2026 for d in decisions)
    assert all(d.day.weekday() == 5 for d in decisions if d.kind == WORKING_DAY)


@pytest.mark.parametrize(
    ("first", "last"),
    [
        # Thông báo 5015/TB-LĐTBXH ngày 22/11/2023: Tết Giáp Thìn from Thursday 08/02 to Wednesday 14/02/2024.
        ("2024-02-08", "2024-02-14"),
        # Công văn 2450/VPCP-KGVX ngày 12/04/2024: 27/04 to 01/05/2024, Monday 29/04 swapped.
        ("2024-04-27", "2024-05-01"),
        # Thông báo 5015/TB-LĐTBXH: Quốc khánh from Saturday 31/08 to Tuesday 03/09/2024.
        ("2024-08-31", "2024-09-03"),
        # Công văn 8726/VPCP-KGVX ngày 26/11/2024: Tết Ất Tỵ from Saturday 25/01 to Sunday 02/02/2025.
        ("2025-01-25", "2025-02-02"),
        # Same letter: 30/04 to 04/05/2025, Friday 02/05 swapped with Saturday 26/04.
        ("2025-04-30", "2025-05-04"),
        # Same letter: Quốc khánh from Saturday 30/08 to Tuesday 02/09/2025.
        ("2025-08-30", "2025-09-02"),
        # Công văn 12729/VPCP-KGVX ngày 25/12/2025: 01/01 to 04/01/2026, Friday 02/01 swapped.
        ("2026-01-01", "2026-01-04"),
        # The Prime Minister's agreement of 10/2025: Tết Bính Ngọ from Saturday 14/02 to Sunday 22/02/2026.
        ("2026-02-14", "2026-02-22"),
        # Giỗ Tổ on Sunday 26/04/2026, nghỉ bù on Monday 27/04 (Bộ luật Lao động 2019, Điều 111).
        ("2026-04-25", "2026-04-27"),
        # The agreement of 10/2025: Quốc khánh from 29/08 to Wednesday 02/09/2026, Monday 31/08 swapped.
        ("2026-08-29", "2026-09-02"),
    ],
)
def test_an_announced_holiday_is_off_from_its_first_to_its_last_day_and_no_longer(first, last):
    cal = vietnam()
    assert [d for d in days(first, last) if cal.is_working_day(d)] == []
    assert cal.is_working_day(date.fromisoformat(first) - timedelta(days=1))
    assert cal.is_working_day(date.fromisoformat(last) + timedelta(days=1))


@pytest.mark.parametrize(
    "saturday",
    [
        date(2024, 5, 4),  # Công văn 2450/VPCP-KGVX: worked for Monday 29/04/2024.
        date(2025, 4, 26),  # Công văn 8726/VPCP-KGVX: worked for Friday 02/05/2025.
        date(2026, 1, 10),  # Công văn 12729/VPCP-KGVX: worked for Friday 02/01/2026.
        date(2026, 8, 22),  # The agreement of 10/2025: worked for Monday 31/08/2026.
    ],
)
def test_every_announced_make_up_saturday_is_a_working_day(saturday):
    cal = vietnam()
    assert saturday.weekday() == 5
    assert cal.is_working_day(saturday)
    assert saturday in dict(cal.made_working_days(saturday.year))


def test_a_year_lists_its_days_off_apart_from_its_plain_weekends():
    cal = vietnam()
    named = dict(cal.days_off(2025))
    everything = dict(cal.non_working_days(2025))
    assert named[date(2025, 5, 2)].startswith("Nghỉ")
    assert all(reason == WEEKLY_REST for day, reason in everything.items() if day not in named)
    assert date(2025, 4, 26) not in everything
    assert 365 - len(everything) == 250
