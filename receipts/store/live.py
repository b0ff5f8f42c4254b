"""Narrow reads for the public pages: a version's live state in one query, its snapshot apart."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import aliased

from ..domain.live import ReceiptState
from ..domain.receipt import ReceiptSnapshot
from ..domain.statuses import Status
from ..extensions import db
from .models import Receipt, ReceiptVersion

_Current = aliased(ReceiptVersion)


def _state_query(version: Any) -> Any:
    # Plain columns, no entities: nothing to load lazily later, nothing to track in the session.
    return (
        select(
            Receipt.id,
            Receipt.code,
            Receipt.status,
            Receipt.current_version,
            Receipt.revoked_at.is_not(None),
            version.id,
            _Current.id,
        )
        .select_from(Receipt)
        .join(_Current, (_Current.receipt_id == Receipt.id) & (_Current.version == Receipt.current_version))
    )


def _state(row: Any) -> ReceiptState | None:
    if row is None:
        return None
    receipt_id, code, status, current, revoked, version_id, current_id = row
    return ReceiptState(receipt_id, code, Status(status), current, bool(revoked), version_id, current_id)


def version_state(version_id: int) -> ReceiptState | None:
    """Return the live state of the receipt holding version `version_id`, or None."""
    version = aliased(ReceiptVersion)
    query = (
        _state_query(version).join(version, version.receipt_id == Receipt.id).where(version.id == version_id)
    )
    return _state(db.session.execute(query).first())


def code_state(code: str) -> ReceiptState | None:
    """Return the live state of a receipt by its (canonical) code, seen from its current version."""
    query = _state_query(_Current).where(Receipt.code == code)
    return _state(db.session.execute(query).first())


def version_snapshot(version_id: int) -> ReceiptSnapshot:
    """Return a version's snapshot, exactly as printed (it never changes)."""
    query = select(ReceiptVersion.snapshot).where(ReceiptVersion.id == version_id)
    return ReceiptSnapshot.from_dict(db.session.execute(query).scalar_one())
