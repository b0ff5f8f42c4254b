"""What an officer or the back office asks for: a receipt to issue, a correction to make."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, fields
from datetime import datetime

from .errors import NothingToChange
from .localtime import local
from .receipt import Applicant, DocumentItem, ReceiptSnapshot

APPLICANT_FIELDS = tuple(f.name for f in fields(Applicant))


@dataclass(frozen=True)
class IssueCommand:
    """A receipt to issue; documents None means the procedure's own list."""

    agency_code: str
    procedure_code: str
    applicant: Applicant
    documents: tuple[DocumentItem, ...] | None = None
    sets: int = 1
    received_at: datetime | None = None
    delivery: str = "counter"
    officer_name: str = ""
    note: str = ""


# What a correction (reissue) may change: everything but the agency, whose sequence the code is.
EDITABLE = tuple(f.name for f in fields(IssueCommand) if f.name != "agency_code")


@dataclass(frozen=True)
class Correction:
    """What a reissue changes; None leaves a field as printed, `applicant` holds only changed keys."""

    procedure_code: str | None = None
    applicant: dict[str, str] | None = None
    documents: tuple[DocumentItem, ...] | None = None
    sets: int | None = None
    received_at: datetime | None = None
    delivery: str | None = None
    officer_name: str | None = None
    note: str | None = None


def as_command(snapshot: ReceiptSnapshot) -> IssueCommand:
    """Return the command that would print `snapshot` again."""
    return IssueCommand(
        agency_code=snapshot.agency.code,
        procedure_code=snapshot.procedure.code,
        applicant=snapshot.applicant,
        documents=snapshot.documents,
        sets=snapshot.sets,
        received_at=snapshot.received_at,
        delivery=snapshot.delivery,
        officer_name=snapshot.officer_name,
        note=snapshot.note,
    )


def corrected(snapshot: ReceiptSnapshot, correction: Correction) -> IssueCommand:
    """Return the command for the corrected receipt; raise NothingToChange if it changes nothing."""
    before = as_command(snapshot)
    changes = {name: getattr(correction, name) for name in EDITABLE if getattr(correction, name) is not None}
    if "applicant" in changes:
        changes["applicant"] = dataclasses.replace(snapshot.applicant, **changes["applicant"])
    if "documents" in changes:
        changes["documents"] = tuple(changes["documents"])
    if "received_at" in changes:
        changes["received_at"] = local(changes["received_at"])
    after = dataclasses.replace(before, **changes)
    if after == before:
        raise NothingToChange("Không có nội dung nào thay đổi so với giấy tiếp nhận hiện hành.")
    return after
