"""The receipt as printed: an immutable snapshot, and the derived lines of Mẫu số 01."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from .due_dates import LONG_STYLE, due_line, due_text, duration_text
from .text import date_long, datetime_long, money_vnd, upper_vi

DELIVERY_TEXT = {
    "counter": "Bộ phận Tiếp nhận và Trả kết quả",
    "post": "Nhận qua dịch vụ bưu chính công ích",
    "online": "Nhận trực tuyến qua Cổng Dịch vụ công",
}
DELIVERIES = tuple(DELIVERY_TEXT)
# Where the result goes, as item 6 of the form names the place (the counter's own name, the
# applicant's address by post, the national portal online).
ONLINE_PLACE = "Cổng Dịch vụ công quốc gia (trực tuyến)"
# How item 5 prints the appointment: the province's guide ("Chiều ngày 09/12/2020") or the form's words.
DUE_STYLES = ("session", LONG_STYLE)
COPIES = ("Liên 1: Lưu", "Liên 2: Giao người nộp hồ sơ")
# The PDF a citizen opens from the receipt page starts with the copy that is theirs.
CITIZEN_COPIES = (COPIES[1], COPIES[0])
# A receipt lists at most this many papers, so that no receipt prints more than a few pages per copy.
MAX_DOCUMENTS = 100


@dataclass(frozen=True)
class Applicant:
    """Who lodged the dossier."""

    name: str
    organization: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class DocumentItem:
    """One paper of the dossier."""

    name: str
    copies: int = 1
    form: str = ""


@dataclass(frozen=True)
class AgencyBlock:
    """The agency lines of the form, as they read on the day of printing."""

    code: str
    parent_name: str
    unit_name: str
    place: str
    paper: str = "A4"
    due_style: str = "session"


@dataclass(frozen=True)
class ProcedureInfo:
    """The procedure as it was named on the day of printing."""

    code: str
    name: str
    duration: int
    duration_unit: str
    field: str = ""
    level: str = ""
    agency_name: str = ""
    fee: int = 0


@dataclass(frozen=True)
class ReceiptSnapshot:
    """Everything printed on one version of a receipt; never changed once stored."""

    code: str
    version: int
    agency: AgencyBlock
    procedure: ProcedureInfo
    applicant: Applicant
    documents: tuple[DocumentItem, ...]
    received_at: datetime
    due_at: datetime
    sets: int = 1
    delivery: str = "counter"
    officer_name: str = ""
    book: str = ""
    number: int = 0
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return the snapshot as plain JSON-ready values."""
        data = asdict(self)
        data["received_at"] = self.received_at.isoformat()
        data["due_at"] = self.due_at.isoformat()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ReceiptSnapshot:
        """Rebuild a snapshot stored by `to_dict`."""
        return cls(
            code=data["code"],
            version=data["version"],
            agency=AgencyBlock(**data["agency"]),
            procedure=ProcedureInfo(**data["procedure"]),
            applicant=Applicant(**data["applicant"]),
            documents=tuple(DocumentItem(**d) for d in data["documents"]),
            received_at=datetime.fromisoformat(data["received_at"]),
            due_at=datetime.fromisoformat(data["due_at"]),
            sets=data.get("sets", 1),
            delivery=data.get("delivery", "counter"),
            officer_name=data.get("officer_name", ""),
            book=data.get("book", ""),
            number=data.get("number", 0),
            note=data.get("note", ""),
        )

    @property
    def due_text(self) -> str:
        """Return 'Chiều ngày 09/12/2020'."""
        return due_text(self.due_at)

    def due_line(self) -> str:
        """Return the appointment as item 5 prints it, in the one style the agency chose."""
        return due_line(self.due_at, self.agency.due_style)

    def delivery_place(self) -> str:
        """Return where the result is to be collected, with the place itself ('' when unknown)."""
        if self.delivery == "post":
            address = self.applicant.address
            return f"{DELIVERY_TEXT['post']}, địa chỉ: {address}" if address else ""
        if self.delivery == "online":
            return ONLINE_PLACE
        return f"{self.agency.unit_name}, {self.agency.parent_name}"

    def form_lines(self) -> dict[str, Any]:
        """Return the plain values the templates print (one source for page and PDF)."""
        return {
            "code": self.code,
            "version": self.version,
            "parent_name": self.agency.parent_name,
            "unit_name": self.agency.unit_name,
            "paper": self.agency.paper,
            "place_date": f"{self.agency.place}, {date_long(self.received_at)}",
            "applicant_name": upper_vi(self.applicant.name),
            "organization": self.applicant.organization,
            "address": self.applicant.address,
            "phone": self.applicant.phone,
            "email": self.applicant.email,
            "procedure_code": self.procedure.code,
            "procedure_name": self.procedure.name,
            "documents": [asdict(d) for d in self.documents],
            "sets": self.sets,
            "duration": duration_text(self.procedure.duration, self.procedure.duration_unit),
            "fee": money_vnd(self.procedure.fee) if self.procedure.fee else "",
            "received_long": datetime_long(self.received_at),
            "due_long": datetime_long(self.due_at),
            "due_text": self.due_text,
            "due_line": self.due_line(),
            "delivery": DELIVERY_TEXT.get(self.delivery, self.delivery),
            "delivery_place": self.delivery_place(),
            "book": self.book,
            "number": self.number,
            "officer_name": self.officer_name,
            "note": self.note,
        }


def book_entry(received: datetime, sequence: int) -> tuple[str, int]:
    """Return the log book's volume ('Quyển số') and entry number ('Số thứ tự') of a dossier.

    The receipt prints them and the log book (Mẫu 07) lists them: one volume a year, numbered by the
    agency's daily sequence that also ends the dossier code.
    """
    return f"{received.year}", sequence
