"""The masks chosen for QR codes' data, by its digest (derived: a lost one costs time, nothing else)."""

from __future__ import annotations

import hashlib

from sqlalchemy import bindparam, select

from ..extensions import db
from .database import insert, read_one
from .models import QrMask

_MASK = select(QrMask.mask).where(QrMask.digest == bindparam("digest"))


def _digest(data: str) -> bytes:
    return hashlib.sha256(data.encode()).digest()[:16]


# A QR has eight masks; anything else in the table (an edit by hand) is as good as none.
_MASKS = range(8)


def mask_of(data: str) -> int | None:
    """Return the mask kept for `data`, or None."""
    row = read_one(_MASK, {"digest": _digest(data)})
    return int(row[0]) if row is not None and row[0] in _MASKS else None


def keep(data: str, mask: int) -> None:
    """Keep the mask chosen for `data` (in the session's transaction; a second keeper changes nothing)."""
    statement = insert(QrMask).values(digest=_digest(data), mask=mask)
    db.session.execute(statement.on_conflict_do_nothing(index_elements=["digest"]))
