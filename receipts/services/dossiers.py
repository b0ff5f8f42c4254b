"""A dossier's life after its receipt: status changes and hand-overs from the back office, extensions
of its appointment, its timeline and its redacted status."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from .. import calendars
from ..domain import extensions
from ..domain.audit import SYSTEM, Actor
from ..domain.codes import parse_dossier_code
from ..domain.dossiers import DossierStatus, History, StoredReceipt, redacted
from ..domain.due_dates import parse_sessions
from ..domain.errors import Conflict, NotFound
from ..domain.events import STATUS, Event, EventDraft
from ..domain.localtime import local
from ..domain.payments import Charge, PaymentFacts
from ..domain.statuses import Status, check_transition
from ..links import lookup_url
from ..store import catalogue as catalogue_store
from ..store import events as store
from ..store import live
from ..store import payments as payments_store
from ..store.database import write_transaction
from . import audit, payments, subscriptions
from .receipts import NO_SUCH_DOSSIER, find
from .verification import with_snapshot

if TYPE_CHECKING:
    from ..domain.receipt import ReceiptSnapshot
    from ..lru import LruCache


@dataclass(frozen=True)
class Recorded:
    """A dossier after a record, and the record itself (whose form, if any, prints from its id)."""

    stored: StoredReceipt
    event: Event
    status: DossierStatus


def record_event(
    code: str,
    status: Status,
    note: str,
    at: datetime | None,
    now: datetime,
    *,
    agency: str | None = None,
    public_base: str | None = None,
    charge: Charge | None = None,
    actor: Actor = SYSTEM,
) -> StoredReceipt:
    """Move a dossier to a new status, if its life cycle allows it and its receipt stands."""
    draft = EventDraft(status, note)
    return record(
        code, draft, at, now, agency=agency, public_base=public_base, charge=charge, actor=actor
    ).stored


def record(
    code: str,
    draft: EventDraft,
    at: datetime | None,
    now: datetime,
    *,
    agency: str | None = None,
    public_base: str | None = None,
    charge: Charge | None = None,
    actor: Actor = SYSTEM,
) -> Recorded:
    """Record a status change and/or a hand-over, if the life cycle allows it and the receipt stands.

    With `public_base` (where the links point), each subscriber's notice of a status change is
    written to the outbox in the same transaction. An `awaiting_payment` event may set what the
    dossier owes in all (`charge`).
    """
    draft.check()
    with write_transaction():
        current = find(code, for_update=True, agency=agency)
        if current.revoked:
            refused = {"status": draft.status.value} if draft.status else {}
            raise Conflict("Giấy tiếp nhận đã bị thu hồi: hồ sơ không còn được xử lý.", refused)
        if draft.status is not None:
            check_transition(current.status, draft.status)
        event_id = store.add_event(current, draft, local(at or now))
        action, details = _audited(draft)
        audit.record_dossier(action, actor, now, current, details)
        if charge is not None and draft.status is Status.AWAITING_PAYMENT:
            payments_store.set_charge(current.id, charge, now)
        if public_base is not None and draft.status is not None:
            moved = replace(current, status=draft.status)
            subscriptions.notify_in_transaction(moved, lookup_url(public_base, moved.code), now)
    return _recorded(code, event_id, now)


def extend(
    code: str,
    reason: str,
    now: datetime,
    *,
    working_days: int | None = None,
    new_due_at: datetime | None = None,
    officer: str = "",
    agency: str | None = None,
    public_base: str | None = None,
    actor: Actor = SYSTEM,
) -> Recorded:
    """Give a late dossier a new appointment on the working-day calendar (Mẫu 04); keep the old one.

    With `public_base` (where the links point), each subscriber's notice of the apology and the new
    appointment is written to the outbox in the same transaction.
    """
    with write_transaction():
        current = find(code, for_update=True, agency=agency)
        calendar = calendars.calendar_with(tuple(catalogue_store.decisions()))
        extensions.check_extendable(current, now, calendar)
        found = catalogue_store.get_agency(current.agency_code)
        sessions = parse_sessions(found.office_hours if found else None)
        due = extensions.new_due(
            current, now, calendar, sessions, working_days=working_days, new_due_at=new_due_at
        )
        event_id = store.add_extension(current, reason, officer, due, local(now))
        details = {"reason": reason, "due_at": local(due).isoformat(timespec="minutes")}
        audit.record_dossier("extension", actor, now, current, details)
        if public_base is not None:
            extended = replace(current, extended_due_at=local(due))
            url = lookup_url(public_base, current.code)
            subscriptions.notify_extension_in_transaction(extended, reason, url, now)
    return _recorded(code, event_id, now)


def _audited(draft: EventDraft) -> tuple[str, dict[str, object]]:
    if draft.status is None:
        return "handover", {"from": draft.handover_from, "to": draft.handover_to, "note": draft.note}
    details: dict[str, object] = {"status": draft.status.value, "note": draft.note}
    if draft.items:
        details["items"] = "; ".join(draft.items)
    return "status", details


def _recorded(code: str, event_id: int, now: datetime) -> Recorded:
    found = store.find_event(event_id)
    assert found is not None, "the record was just stored"
    event, stored = found
    return Recorded(stored, event, _status_of(stored, now))


def timeline(stored: StoredReceipt) -> list[Event]:
    """Return every record of a dossier, oldest first (the applicant's page shows what concerns them)."""
    return store.events_of(stored.id)


def status(
    code: str,
    now: datetime,
    snapshots: LruCache[ReceiptSnapshot] | None = None,
    histories: LruCache[History] | None = None,
    states: live.KeptStates | None = None,
) -> DossierStatus:
    """Return a dossier's status as anyone holding its code may see it; raise NotFound.

    One narrow query reads the live state (none while `states` keeps it unchanged); the current
    version's snapshot comes from `snapshots`,
    and its status changes from `histories`, kept under the mark of its records (which changes
    whenever a record is added: records are never changed or removed).
    """
    parsed = parse_dossier_code(code)
    state = live.code_state(str(parsed), states) if parsed else None
    if state is None:
        raise NotFound(NO_SUCH_DOSSIER)
    stored = with_snapshot(state, snapshots)
    changes = None
    if histories is not None:
        changes = histories.get_or_make((state.id, state.events_mark), lambda: _changes(stored))
    return _status_of(stored, now, state.payment, changes)


def _changes(stored: StoredReceipt) -> History:
    return tuple((e.status, e.at) for e in store.events_of(stored.id) if e.kind == STATUS)


def _status_of(
    stored: StoredReceipt, now: datetime, facts: PaymentFacts | None = None, changes: History | None = None
) -> DossierStatus:
    changes = _changes(stored) if changes is None else changes
    history = ((Status.RECEIVED, stored.snapshot.received_at), *changes)
    return payments.with_payment(redacted(stored, now, history), stored, facts)
