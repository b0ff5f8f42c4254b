"""Mẫu 07, the log book: an agency's dossiers for a range of days, as rows, CSV or PDF."""

from __future__ import annotations

from datetime import date, datetime

from ..domain.book import FORMATS, LogBook, book_row, check_printable, check_range
from ..domain.errors import InvalidInput, UnknownAgency
from ..render import book as render_book
from ..render.book_pdf import book_pdf
from ..store import catalogue as catalogue_store
from ..store import receipts as store


def log_book(agency_code: str, first_day: date, last_day: date, now: datetime) -> LogBook:
    """Return the log book of an agency's dossiers received from `first_day` to `last_day` (local days)."""
    check_range(first_day, last_day)
    agency = catalogue_store.get_agency(agency_code)
    if agency is None:
        raise UnknownAgency("Không có cơ quan với mã này.", {"agency": "Mã cơ quan không tồn tại."})
    returned = store.returned_times(agency_code, first_day, last_day)
    rows = tuple(
        book_row(stored, returned.get(stored.id))
        for stored in store.receipts_between(agency_code, first_day, last_day)
    )
    return LogBook(
        agency.code, agency.parent_name, agency.unit_name, agency.place, first_day, last_day, now, rows
    )


def export(agency_code: str, first_day: date, last_day: date, fmt: str, now: datetime) -> bytes:
    """Return the log book as CSV (UTF-8 with BOM) or as a landscape A4 PDF."""
    if fmt not in FORMATS:
        raise InvalidInput("Định dạng phải là csv hoặc pdf.", {"format": "csv hoặc pdf."})
    book = log_book(agency_code, first_day, last_day, now)
    if fmt == "csv":
        return render_book.book_csv(book)
    check_printable(book)
    return book_pdf(book)
