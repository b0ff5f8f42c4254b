"""Narrow reads for the public pages: a version's live state in one query, its snapshot apart.

The live state holds all a public page shows that can change: the status, the current version, the
appointment, what was paid, and a mark of the dossier's records (their count and newest id).

The statements are built once, with bound parameters, and run as Core statements (outside a
transaction on PostgreSQL, `database.read_one`): plain columns, no entities to load lazily later or
to track, and SQLAlchemy's compiled cache hit at every call (building a statement with aliases costs
more than running it).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from typing import Any

from sqlalchemy import bindparam, func, select
from sqlalchemy.orm import aliased

from ..domain.live import ReceiptState
from ..domain.receipt import ReceiptSnapshot
from ..domain.statuses import Status
from ..extensions import db
from ..lru import LruCache
from . import marks, payments
from .database import read_one
from .models import DossierEvent, Receipt, ReceiptVersion
from .times import aware_local

_Current = aliased(ReceiptVersion)
_Seen = aliased(ReceiptVersion)
# How many records the dossier has and the newest one's id: records are only ever added, so this
# pair changes exactly when its timeline does (a page keeps its rendered timeline under it).
_EVENTS_MARK = (
    select(func.count(DossierEvent.id)).where(DossierEvent.receipt_id == Receipt.id).scalar_subquery(),
    select(func.coalesce(func.max(DossierEvent.id), 0))
    .where(DossierEvent.receipt_id == Receipt.id)
    .scalar_subquery(),
)
_STATE = (
    select(
        Receipt.id,
        Receipt.code,
        Receipt.status,
        Receipt.current_version,
        Receipt.revoked_at.is_not(None),
        Receipt.extended_due_at,
        _Current.id,
        *_EVENTS_MARK,
        *payments.facts_columns(Receipt.id, Receipt.agency_code),
    )
    .select_from(Receipt)
    .join(_Current, (_Current.receipt_id == Receipt.id) & (_Current.version == Receipt.current_version))
)
_BY_VERSION = _STATE.add_columns(_Seen.id).join(_Seen, _Seen.receipt_id == Receipt.id)
_BY_VERSION = _BY_VERSION.where(_Seen.id == bindparam("version_id"))
_BY_CODE = _STATE.add_columns(_Current.id).where(Receipt.code == bindparam("code"))
_SNAPSHOT = select(ReceiptVersion.snapshot).where(ReceiptVersion.id == bindparam("version_id"))


def _state(row: Any) -> ReceiptState | None:
    if row is None:
        return None
    receipt_id, code, status, current, revoked, extended, current_id, count, last_event = row[:9]
    return ReceiptState(
        receipt_id,
        code,
        Status(status),
        current,
        bool(revoked),
        row[-1],
        current_id,
        aware_local(extended),
        events_mark=(int(count), int(last_event)),
        payment=payments.facts_from(row[9:-1]),
    )


class KeptStates:
    """A process's live states, each trusted without a query while its dossier's change mark
    (`marks`) stays what it was before the query that read it, and for `trust` seconds at most.

    The first view of a version or code only learns which dossier it is (that never changes); from
    the second on, the mark is read before the query, so that a change committed while the query
    runs is either in what it read or changes the mark.
    """

    def __init__(self, size: int, trust: float, observe: Callable[[str, bool], None] | None = None) -> None:
        self.trust = trust
        self._receipts = LruCache[int]("live_receipt", size)
        self._states = LruCache[tuple[ReceiptState, bytes, float]]("live_state", size, observe)
        self._marks: marks.ChangeMarks | None = None

    def get(self, key: Hashable, read: Callable[[], ReceiptState | None]) -> ReceiptState | None:
        """Return the live state under `key`, kept if its mark has not changed, else `read()` now."""
        if self.trust <= 0:
            return read()
        receipt_id = self._receipts.get(key)
        mark = None
        if receipt_id is not None:
            if self._marks is None:
                self._marks = marks.of(db.engine)
            mark = self._marks.mark(receipt_id)
            kept = self._states.get(key)
            if kept is not None and kept[1] == mark and time.monotonic() - kept[2] < self.trust:
                return kept[0]
        state = read()
        if state is None:
            return None
        if receipt_id is None:
            self._receipts.put(key, state.id)
        elif mark is not None:
            self._states.put(key, (state, mark, time.monotonic()))
        return state


def version_state(version_id: int, kept: KeptStates | None = None) -> ReceiptState | None:
    """Return the live state of the receipt holding version `version_id`, or None (`kept` if unchanged)."""

    def read() -> ReceiptState | None:
        return _state(read_one(_BY_VERSION, {"version_id": version_id}))

    return read() if kept is None else kept.get(("version", version_id), read)


def code_state(code: str, kept: KeptStates | None = None) -> ReceiptState | None:
    """Return the live state of a receipt by its (canonical) code, seen from its current version."""

    def read() -> ReceiptState | None:
        return _state(read_one(_BY_CODE, {"code": code}))

    return read() if kept is None else kept.get(("code", code), read)


def version_snapshot(version_id: int) -> ReceiptSnapshot:
    """Return a version's snapshot, exactly as printed (it never changes)."""
    row = read_one(_SNAPSHOT, {"version_id": version_id})
    assert row is not None, "a version's live state was read before its snapshot"
    return ReceiptSnapshot.from_dict(row[0])
