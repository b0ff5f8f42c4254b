"""Dates in words follow Nghị định 30/2020/NĐ-CP: a zero before days 1-9 and months 1-2, nowhere else."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from receipts.domain.localtime import LOCAL
from receipts.domain.receipt import AgencyBlock
from receipts.domain.text import date_dmy, date_long, datetime_long
from tests.form_samples import snapshot

EXPECTED_DAYS = {1: "01", 2: "02", 3: "03", 4: "04", 5: "05", 6: "06", 7: "07", 8: "08", 9: "09", 10: "10"}
EXPECTED_MONTHS = {
    1: "01",
    2: "02",
    3: "3",
    4: "4",
    5: "5",
    6: "6",
    7: "7",
    8: "8",
    9: "9",
    10: "10",
    11: "11",
    12: "12",
}


def test_every_day_of_a_leap_year_and_the_next_prints_by_the_rule():
    day = date(2024, 1, 1)
    while day.year < 2026:
        expected_day = EXPECTED_DAYS.get(day.day, str(day.day))
        expected = f"ngày {expected_day} tháng {EXPECTED_MONTHS[day.month]} năm {day.year}"
        assert date_long(day) == expected
        assert datetime_long(datetime(day.year, day.month, day.day, 16, 19, tzinfo=LOCAL)).endswith(expected)
        day += timedelta(days=1)


def test_the_numeric_date_of_the_appointment_keeps_dd_mm_yyyy_as_the_contract_says():
    assert date_dmy(date(2020, 12, 9)) == "09/12/2020"
    assert date_dmy(date(2020, 5, 5)) == "05/05/2020"


def test_every_date_the_receipt_prints_in_words_follows_the_rule():
    for month in range(1, 13):
        for day in (1, 9, 10, 28):
            moment = datetime(2025, month, day, 7, 30, tzinfo=LOCAL)
            agency = AgencyBlock("X", "UBND", "BỘ PHẬN", "Đắk Lắk", due_style="long")
            lines = snapshot(received_at=moment, due_at=moment, agency=agency).form_lines()
            words = f"ngày {EXPECTED_DAYS.get(day, str(day))} tháng {EXPECTED_MONTHS[month]} năm 2025"
            assert lines["place_date"] == f"Đắk Lắk, {words}"
            assert lines["received_long"].endswith(words)
            assert lines["due_line"].endswith(words)
