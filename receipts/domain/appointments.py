"""What the counter shows before issuing: the appointment and the fee a receipt would print."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .due_dates import due_text
from .text import datetime_long, money_vnd


@dataclass(frozen=True)
class Appointment:
    """The appointment and fee of a receipt not yet issued, computed as issuing computes them."""

    received_at: datetime
    due_at: datetime
    fee: int

    def lines(self) -> dict[str, str]:
        """Return the plain values the form shows (and the preview endpoint answers)."""
        return {
            "received_at": self.received_at.isoformat(),
            "due_at": self.due_at.isoformat(),
            "due_text": due_text(self.due_at),
            "due_long": datetime_long(self.due_at),
            "fee": str(self.fee),
            "fee_text": money_vnd(self.fee) if self.fee else "Không thu phí",
        }
