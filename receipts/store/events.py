"""A dossier's records after its receipt (status changes, hand-overs, extensions), and its appointment.

Every write runs inside the caller's `write_transaction`; nothing here commits.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select

from ..domain.dossiers import StoredReceipt
from ..domain.events import EXTENSION, HANDOVER, STATUS, Event, EventDraft
from ..domain.statuses import Status
from ..extensions import db
from . import marks
from .database import read_all
from .models import DossierEvent, Receipt
from .receipts import find_receipt
from .times import aware_local, naive_utc


def add_event(stored: StoredReceipt, draft: EventDraft, at: datetime) -> int:
    """Keep a status change and/or hand-over; move the dossier to the draft's status; return its id."""
    receipt = db.session.get_one(Receipt, stored.id)
    stored_at = naive_utc(at)
    if draft.status is not None:
        receipt.status = draft.status.value
        if draft.status.gives_result and (receipt.result_at is None or stored_at < receipt.result_at):
            receipt.result_at = stored_at  # an event may be dated earlier than one already recorded
    row = DossierEvent(
        receipt_id=stored.id,
        kind=STATUS if draft.status is not None else HANDOVER,
        status=(draft.status or stored.status).value,
        note=draft.note,
        at=stored_at,
        items=list(draft.items) or None,
        officer=draft.officer,
        handover_from=draft.handover_from,
        handover_to=draft.handover_to,
    )
    db.session.add(row)
    db.session.flush()
    marks.changed(stored.id)
    return row.id


def add_extension(stored: StoredReceipt, reason: str, officer: str, due: datetime, at: datetime) -> int:
    """Keep an extension with the appointments before and after, and make `due` the dossier's."""
    receipt = db.session.get_one(Receipt, stored.id)
    receipt.extended_due_at = naive_utc(due)
    row = DossierEvent(
        receipt_id=stored.id,
        kind=EXTENSION,
        status=stored.status.value,
        note=reason,
        at=naive_utc(at),
        officer=officer,
        due_before=naive_utc(stored.due_at),
        due_after=naive_utc(due),
    )
    db.session.add(row)
    db.session.flush()
    marks.changed(stored.id)
    return row.id


_EVENTS = (
    select(*DossierEvent.__table__.columns)
    .where(DossierEvent.receipt_id == bindparam("receipt_id"))
    .order_by(DossierEvent.at, DossierEvent.id)
)


def events_of(receipt_id: int) -> list[Event]:
    """Return a dossier's records, oldest first (plain rows: the public pages read them at every view)."""
    return [_event(row) for row in read_all(_EVENTS, {"receipt_id": receipt_id})]


def find_event(event_id: int) -> tuple[Event, StoredReceipt] | None:
    """Return a record with its dossier (current version), or None."""
    row = db.session.get(DossierEvent, event_id)
    if row is None:
        return None
    code = db.session.execute(select(Receipt.code).where(Receipt.id == row.receipt_id)).scalar_one()
    stored = find_receipt(code)
    return None if stored is None else (_event(row), stored)


def _event(row: Any) -> Event:
    # An ORM row or a Core row of the same columns.
    return Event(
        id=row.id,
        kind=row.kind or STATUS,
        status=Status(row.status),
        at=_local(row.at),
        note=row.note or "",
        items=tuple(str(item) for item in row.items or ()),
        officer=row.officer or "",
        handover_from=row.handover_from or "",
        handover_to=row.handover_to or "",
        due_before=aware_local(row.due_before),
        due_after=aware_local(row.due_after),
    )


def _local(value: datetime) -> datetime:
    moment = aware_local(value)
    assert moment is not None
    return moment
