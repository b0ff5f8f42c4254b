"""A dossier as stored: its live status, its versions, the QR verdict and what a stranger may see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .due_dates import due_line, due_text
from .receipt import ReceiptSnapshot
from .statuses import Status
from .text import datetime_long, mask_name

VALID, SUPERSEDED, REVOKED = "valid", "superseded", "revoked"
# What a revoked or replaced version prints across its form, so that no one mistakes it for valid.
STAMPS = {REVOKED: "ĐÃ THU HỒI", SUPERSEDED: "ĐÃ ĐƯỢC THAY THẾ"}


@dataclass(frozen=True)
class StoredReceipt:
    """A receipt's live state with the snapshot of one of its versions."""

    id: int
    code: str
    status: Status
    current_version: int
    revoked: bool
    version_id: int
    snapshot: ReceiptSnapshot
    # Set by an extension (Mẫu 04): the appointment from then on; the snapshot keeps the printed one.
    extended_due_at: datetime | None = None

    @property
    def due_at(self) -> datetime:
        """Return the appointment that binds now: the last extension's, else the printed one."""
        return self.extended_due_at or self.snapshot.due_at

    @property
    def due_text(self) -> str:
        """Return the binding appointment as people read it ('Chiều ngày 09/12/2020')."""
        return due_text(self.due_at)

    @property
    def due_line(self) -> str:
        """Return the binding appointment as the agency's receipts print it (its `due_style`)."""
        return due_line(self.due_at, self.snapshot.agency.due_style)

    @property
    def agency_code(self) -> str:
        """Return the code of the agency that received the dossier."""
        return self.snapshot.agency.code

    def is_overdue(self, now: datetime) -> bool:
        """Tell whether the appointment has passed while the dossier is still being handled."""
        return not self.status.is_finished and now > self.due_at

    @property
    def verdict(self) -> str:
        """Return what this version's QR proves: valid, superseded or revoked."""
        if self.revoked:
            return REVOKED
        if self.snapshot.version < self.current_version:
            return SUPERSEDED
        return VALID


# Statuses and their times, oldest first.
History = tuple[tuple[Status, datetime], ...]


@dataclass(frozen=True)
class DossierStatus:
    """What anyone holding a dossier code may see: no full name, address, phone or email."""

    code: str
    status: Status
    received_at: datetime
    due_at: datetime
    due_text: str
    overdue: bool
    procedure_name: str
    applicant: str
    revoked: bool
    # Statuses and their times only: notes and items may hold personal data.
    history: History = ()
    # Đồng owed in all and received, and the VietQR payload while something is owed (see payments).
    fee: int = 0
    paid: int = 0
    payment_qr: str = ""

    @property
    def status_text(self) -> str:
        """Return the status as shown to citizens."""
        return self.status.text

    @property
    def dvc_status(self) -> int:
        """Return the national portal's numeric status."""
        return self.status.dvc

    @property
    def history_lines(self) -> list[tuple[str, str]]:
        """Return each status of the history as people read it, with its time ('16 giờ 19 phút, ngày …')."""
        return [(each.text, datetime_long(at)) for each, at in self.history]


def redacted(stored: StoredReceipt, now: datetime, history: History = ()) -> DossierStatus:
    """Return a dossier's status as a stranger may see it, with its statuses' `history` if given."""
    snap = stored.snapshot
    return DossierStatus(
        code=stored.code,
        status=stored.status,
        received_at=snap.received_at,
        due_at=stored.due_at,
        due_text=stored.due_text,
        overdue=stored.is_overdue(now),
        procedure_name=snap.procedure.name,
        applicant=mask_name(snap.applicant.name),
        revoked=stored.revoked,
        history=history,
    )
