"""A dossier's history as the counter shows it: every printed version and every status change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from .receipt import ReceiptSnapshot
from .statuses import Status


@dataclass(frozen=True)
class PrintedVersion:
    """One version of a receipt and when it was stored."""

    snapshot: ReceiptSnapshot
    created_at: datetime


@dataclass(frozen=True)
class StatusEvent:
    """One status change recorded for a dossier."""

    status: Status
    note: str
    at: datetime
