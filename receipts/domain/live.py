"""What changes about a stored receipt version after it is printed: read apart from what never does."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .dossiers import StoredReceipt
from .payments import PaymentFacts
from .receipt import ReceiptSnapshot
from .statuses import Status


@dataclass(frozen=True)
class ReceiptState:
    """A receipt's live state as seen from one of its versions (the snapshot is read apart, once)."""

    id: int
    code: str
    status: Status
    current_version: int
    revoked: bool
    version_id: int
    current_version_id: int
    # The appointment of the last extension (Mẫu 04), if any.
    extended_due_at: datetime | None = None
    # The dossier's records: how many, and the newest one's id (they are only ever added).
    events_mark: tuple[int, int] = (0, 0)
    # What is stored about paying the dossier, read in the same query.
    payment: PaymentFacts | None = None

    def with_snapshot(self, snapshot: ReceiptSnapshot) -> StoredReceipt:
        """Return the stored receipt: this state with the version's (immutable) snapshot."""
        return StoredReceipt(
            id=self.id,
            code=self.code,
            status=self.status,
            current_version=self.current_version,
            revoked=self.revoked,
            version_id=self.version_id,
            snapshot=snapshot,
            extended_due_at=self.extended_due_at,
        )
