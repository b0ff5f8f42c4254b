"""A dossier's life after its receipt: status changes from the back office, and its redacted status."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from ..domain.audit import SYSTEM, Actor
from ..domain.dossiers import DossierStatus, StoredReceipt, redacted
from ..domain.errors import Conflict
from ..domain.localtime import local
from ..domain.statuses import Status, check_transition
from ..links import lookup_url
from ..store import receipts as store
from ..store.database import write_transaction
from . import audit, subscriptions
from .receipts import find


def record_event(
    code: str,
    status: Status,
    note: str,
    at: datetime | None,
    now: datetime,
    *,
    agency: str | None = None,
    public_base: str | None = None,
    actor: Actor = SYSTEM,
) -> StoredReceipt:
    """Move a dossier to a new status, if its life cycle allows it and its receipt stands.

    With `public_base` (where the links point), each subscriber's notice is written to the outbox
    in the same transaction.
    """
    with write_transaction():
        current = find(code, for_update=True, agency=agency)
        if current.revoked:
            raise Conflict(
                "Giấy tiếp nhận đã bị thu hồi: hồ sơ không còn được xử lý.", {"status": status.value}
            )
        check_transition(current.status, status)
        store.record_status(current.id, status, note, local(at or now))
        audit.record_dossier("status", actor, now, current, {"status": status.value, "note": note})
        if public_base is not None:
            moved = replace(current, status=status)
            subscriptions.notify_in_transaction(moved, lookup_url(public_base, moved.code), now)
    return find(code)


def status(code: str, now: datetime) -> DossierStatus:
    """Return a dossier's status as anyone holding its code may see it; raise NotFound."""
    return redacted(find(code), now)
