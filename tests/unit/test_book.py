"""The log book's rules, without Flask or a database: the range it covers and what a row prints."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime

import pytest

from receipts.domain.book import book_row, check_range, row_cells
from receipts.domain.dossiers import StoredReceipt
from receipts.domain.errors import InvalidInput
from receipts.domain.localtime import LOCAL
from receipts.domain.receipt import book_entry
from receipts.domain.statuses import Status
from tests.form_samples import snapshot


def stored(**changes: object) -> StoredReceipt:
    fields = {"id": 1, "code": "x", "status": Status.RECEIVED, "current_version": 2, "revoked": False}
    fields.update(changes)
    return StoredReceipt(version_id=1, snapshot=snapshot(), **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("first", "last"), [(date(2025, 1, 1), date(2025, 1, 1)), (date(2024, 1, 1), date(2024, 12, 31))]
)
def test_a_range_of_one_day_up_to_a_leap_year_is_accepted(first, last):
    check_range(first, last)


@pytest.mark.parametrize(
    ("first", "last", "field"),
    [(date(2025, 1, 2), date(2025, 1, 1), "to"), (date(2024, 1, 1), date(2025, 1, 1), "to")],
)
def test_a_range_that_ends_before_it_starts_or_passes_366_days_is_refused(first, last, field):
    with pytest.raises(InvalidInput) as refused:
        check_range(first, last)
    assert field in refused.value.fields


def test_the_volume_is_the_year_and_the_number_the_days_sequence():
    assert book_entry(datetime(2025, 12, 31, 23, 59, tzinfo=LOCAL), 1) == ("2025", 1)
    assert book_entry(datetime(2026, 1, 1, 0, 0, tzinfo=LOCAL), 9999) == ("2026", 9999)


def test_a_row_prints_what_the_receipt_printed_and_notes_corrections_and_revocations():
    row = book_row(stored(), datetime(2025, 2, 20, 9, 5, tzinfo=LOCAL))
    cells = row_cells(row)

    assert cells[:3] == ["2025", "7", "000.00.04.H15-250205-0007"]
    assert cells[5] == "PHAN QUỐC HẬU (VNPT Đắk Lắk)"
    assert cells[6] == "06 Lê Duẩn, Phường Tân Tiến, 0946911303"
    assert cells[8:10] == ["16:19 05/02/2025", "16:19 19/02/2025"]
    assert cells[10:12] == ["", ""] and cells[12] == "09:05 20/02/2025"
    assert cells[14] == "Điều chỉnh lần 1"
    assert (
        row_cells(book_row(stored(revoked=True), None))[14] == "Đã thu hồi giấy tiếp nhận; Điều chỉnh lần 1"
    )
    first = dataclasses.replace(snapshot(), version=1)
    assert row_cells(book_row(StoredReceipt(1, "x", Status.RECEIVED, 1, False, 1, first), None))[12:] == [
        "",
        "",
        "",
    ]
