"""Narrow reads for the public pages: a version's live state in one query, its snapshot apart.

The statements are built once, with bound parameters, and run on the session's connection as Core
statements: plain columns, no entities to load lazily later or to track, and SQLAlchemy's compiled
cache hit at every call (building a statement with aliases costs more than running it).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import aliased

from ..domain.live import ReceiptState
from ..domain.receipt import ReceiptSnapshot
from ..domain.statuses import Status
from ..extensions import db
from .models import Receipt, ReceiptVersion
from .times import aware_local

_Current = aliased(ReceiptVersion)
_Seen = aliased(ReceiptVersion)
_STATE = (
    select(
        Receipt.id,
        Receipt.code,
        Receipt.status,
        Receipt.current_version,
        Receipt.revoked_at.is_not(None),
        Receipt.extended_due_at,
        _Current.id,
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
    receipt_id, code, status, current, revoked, extended, current_id, version_id = row
    return ReceiptState(
        receipt_id,
        code,
        Status(status),
        current,
        bool(revoked),
        version_id,
        current_id,
        aware_local(extended),
    )


def version_state(version_id: int) -> ReceiptState | None:
    """Return the live state of the receipt holding version `version_id`, or None."""
    return _state(db.session.connection().execute(_BY_VERSION, {"version_id": version_id}).first())


def code_state(code: str) -> ReceiptState | None:
    """Return the live state of a receipt by its (canonical) code, seen from its current version."""
    return _state(db.session.connection().execute(_BY_CODE, {"code": code}).first())


def version_snapshot(version_id: int) -> ReceiptSnapshot:
    """Return a version's snapshot, exactly as printed (it never changes)."""
    row = db.session.connection().execute(_SNAPSHOT, {"version_id": version_id}).scalar_one()
    return ReceiptSnapshot.from_dict(row)
