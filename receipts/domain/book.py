"""Mẫu 07, the log book (Sổ theo dõi hồ sơ): one row per dossier received, as its receipt printed it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .dossiers import StoredReceipt
from .errors import InvalidInput, TooLarge
from .localtime import local
from .text import date_dmy, date_long, upper_vi

# A book exported at once covers at most a year: a longer range is a mistake or a backup.
MAX_DAYS = 366
# A PDF of more rows (some 500 pages) would hold the renderer for minutes: such a range goes to CSV.
MAX_PDF_ROWS = 5000
FORMATS = ("csv", "pdf")


@dataclass(frozen=True)
class BookRow:
    """One dossier's line in the log book."""

    book: str
    number: int
    code: str
    procedure_name: str
    sets: int
    applicant: str
    contact: str
    handled_by: str
    received_at: datetime
    due_at: datetime
    returned_at: datetime | None
    note: str

    def cells(self) -> list[str]:
        """Return the row as the book prints it, cell by cell (`row_cells`)."""
        return row_cells(self)


@dataclass(frozen=True)
class LogBook:
    """An agency's dossiers received between two local days, both included, in the order received."""

    agency_code: str
    parent_name: str
    unit_name: str
    place: str
    first_day: date
    last_day: date
    printed_at: datetime
    rows: tuple[BookRow, ...]

    def header(self) -> dict[str, str]:
        """Return the lines of the forms' shared header (parent_name, unit_name, place_date)."""
        return {
            "parent_name": self.parent_name,
            "unit_name": self.unit_name,
            "place_date": f"{self.place}, {date_long(self.printed_at)}",
        }

    def period(self) -> str:
        """Return the range the book covers: 'Từ ngày 25/11/2020 đến ngày 25/11/2020'."""
        return f"Từ ngày {date_dmy(self.first_day)} đến ngày {date_dmy(self.last_day)}"


def check_range(first_day: date, last_day: date) -> None:
    """Refuse a range that ends before it starts or covers more than MAX_DAYS."""
    if last_day < first_day:
        raise InvalidInput("Ngày kết thúc trước ngày bắt đầu.", {"to": "Phải từ ngày bắt đầu trở đi."})
    if last_day - first_day >= timedelta(days=MAX_DAYS):
        raise InvalidInput(
            f"Mỗi lần xuất sổ tối đa {MAX_DAYS} ngày.", {"to": f"Tối đa {MAX_DAYS} ngày kể từ ngày bắt đầu."}
        )


def check_printable(book: LogBook) -> None:
    """Refuse to print a book of more than MAX_PDF_ROWS dossiers (the CSV has no such limit)."""
    if len(book.rows) > MAX_PDF_ROWS:
        raise TooLarge(
            f"Sổ có {len(book.rows)} hồ sơ, quá dài để in một lần (tối đa {MAX_PDF_ROWS}). "
            "Vui lòng chọn khoảng ngày ngắn hơn hoặc tải bản CSV."
        )


def book_row(stored: StoredReceipt, returned_at: datetime | None) -> BookRow:
    """Return a dossier's row: the volume and number its receipt printed, who lodged it, the dates."""
    snap = stored.snapshot
    applicant = upper_vi(snap.applicant.name)
    if snap.applicant.organization:
        applicant += f" ({snap.applicant.organization})"
    contact = ", ".join(part for part in (snap.applicant.address, snap.applicant.phone) if part)
    notes = []
    if stored.revoked:
        notes.append("Đã thu hồi giấy tiếp nhận")
    if snap.version > 1:
        notes.append(f"Điều chỉnh lần {snap.version - 1}")
    return BookRow(
        book=snap.book,
        number=snap.number,
        code=snap.code,
        procedure_name=snap.procedure.name,
        sets=snap.sets,
        applicant=applicant,
        contact=contact,
        handled_by=snap.procedure.agency_name,
        received_at=snap.received_at,
        due_at=snap.due_at,
        returned_at=returned_at,
        note="; ".join(notes),
    )


def _moment(value: datetime | None) -> str:
    if value is None:
        return ""
    value = local(value)
    return f"{value:%H:%M} {date_dmy(value)}"


def row_cells(row: BookRow) -> list[str]:
    """Return a row as the book prints it, cell by cell (one formatter for the PDF and the CSV)."""
    return [
        row.book,
        str(row.number),
        row.code,
        row.procedure_name,
        str(row.sets),
        row.applicant,
        row.contact,
        row.handled_by,
        _moment(row.received_at),
        _moment(row.due_at),
        "",
        "",
        _moment(row.returned_at),
        "",
        row.note,
    ]
