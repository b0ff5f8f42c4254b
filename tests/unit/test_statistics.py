"""The statistics' domain: date ranges, weeks and days filled with zeros, channels, who sees what."""

from __future__ import annotations

from datetime import date

import pytest

from receipts.domain.errors import InvalidInput
from receipts.domain.statistics import (
    MAX_DAYS,
    Count,
    DateRange,
    OnTime,
    channels,
    fill_days,
    parse_range,
    ranked,
    scope_of,
    weeks,
)

TODAY = date(2026, 3, 15)


def test_a_blank_range_is_the_last_30_days_up_to_today():
    assert parse_range("", "", TODAY) == DateRange(date(2026, 2, 14), TODAY)


def test_one_bound_alone_spans_30_days_from_or_to_it():
    assert parse_range("2026-01-01", "", TODAY) == DateRange(date(2026, 1, 1), date(2026, 1, 30))
    assert parse_range("", "2026-01-30", TODAY) == DateRange(date(2026, 1, 1), date(2026, 1, 30))


def test_a_range_of_one_day_and_of_exactly_the_longest_are_allowed_one_more_day_is_not():
    assert parse_range("2026-03-01", "2026-03-01", TODAY).days == [date(2026, 3, 1)]
    longest = parse_range("2024-01-01", "2024-12-31", TODAY)  # a leap year: 366 days
    assert len(longest.days) == MAX_DAYS
    with pytest.raises(InvalidInput) as refused:
        parse_range("2024-01-01", "2025-01-01", TODAY)
    assert "den" in refused.value.fields


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        ("2026-02-30", "", "tu"),
        ("", "ngày mai", "den"),
        ("1999-12-31", "2000-01-01", "tu"),
        ("2000-01-01", "2100-01-01", "den"),
        ("2026-03-02", "2026-03-01", "tu"),
    ],
)
def test_a_bad_range_names_the_field_at_fault(start, end, field):
    with pytest.raises(InvalidInput) as refused:
        parse_range(start, end, TODAY)

    assert field in refused.value.fields


def test_days_without_receipts_count_zero_and_weeks_run_monday_to_sunday_cut_to_the_range():
    period = DateRange(date(2026, 3, 1), date(2026, 3, 9))  # Sunday to the next Monday but one
    counts = {date(2026, 3, 1): 2, date(2026, 3, 8): 1, date(2026, 3, 9): 4, date(2026, 3, 10): 99}

    days = fill_days(period, counts)
    by_week = weeks(period, counts)

    assert [c.count for c in days] == [2, 0, 0, 0, 0, 0, 0, 1, 4]
    assert days[0] == Count("2026-03-01", "01/03/2026", 2)
    assert [(c.key, c.count) for c in by_week] == [("2026-W09", 2), ("2026-W10", 1), ("2026-W11", 4)]
    assert by_week[0].label == "Tuần 9/2026 (01/03–01/03)"
    assert by_week[1].label == "Tuần 10/2026 (02/03–08/03)"


def test_the_first_week_of_a_year_may_belong_to_the_year_before():
    period = DateRange(date(2027, 1, 1), date(2027, 1, 4))

    assert [c.key for c in weeks(period, {})] == ["2026-W53", "2027-W01"]


def test_the_three_channels_always_show_in_order_and_an_unknown_one_after_them():
    assert [(c.label, c.count) for c in channels({"post": 3, "drone": 1})] == [
        ("Tại quầy", 0),
        ("Bưu chính công ích", 3),
        ("Trực tuyến", 0),
        ("drone", 1),
    ]


def test_ranked_counts_go_largest_first_then_in_vietnamese_order():
    items = [Count("b", "Đường bộ", 2), Count("a", "Hộ tịch", 2), Count("c", "Xây dựng", 5)]

    assert [c.label for c in ranked(items)] == ["Xây dựng", "Đường bộ", "Hộ tịch"]


def test_an_agency_without_results_has_no_rate_rather_than_zero():
    assert OnTime("x", "x", 0, 0).rate is None
    assert OnTime("x", "x", 4, 3).rate == 0.75 and OnTime("x", "x", 4, 3).late == 1


@pytest.mark.parametrize(
    ("role", "agency", "scope"),
    [
        ("officer", "000.00.04.H15", "000.00.04.H15"),
        ("admin", "000.00.04.H15", "000.00.04.H15"),
        ("admin", None, None),
        ("centre_admin", "000.00.04.H15", None),
        ("centre_admin", None, None),
    ],
)
def test_officers_see_their_agency_and_the_centres_administrators_every_agency(role, agency, scope):
    assert scope_of(role, agency) == scope


def test_an_officer_without_an_agency_sees_nothing():
    with pytest.raises(InvalidInput):
        scope_of("officer", None)
