"""The Official Account's tokens: one row, read under a row lock before its refresh token is spent.

Every write runs inside the caller's `write_transaction`; nothing here commits.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select

from ..domain.oa_tokens import OaCredentials, TokenPair
from ..extensions import db
from .models import ZaloCredentials
from .times import aware_local, naive_utc

_ROW = 1


def _credentials(row: ZaloCredentials) -> OaCredentials:
    return OaCredentials(
        access_token=row.access_token,
        refresh_token=row.refresh_token,
        expires_at=aware_local(row.expires_at),
        renewed_at=aware_local(row.renewed_at),
        last_error=row.last_error,
        last_error_at=aware_local(row.last_error_at),
    )


def _row(*, for_update: bool = False) -> ZaloCredentials | None:
    query = select(ZaloCredentials).where(ZaloCredentials.id == _ROW)
    if for_update:
        # FOR UPDATE on PostgreSQL (SQLite's BEGIN IMMEDIATE already holds every writer off);
        # populate_existing re-reads the row that the lock may have waited for.
        query = query.with_for_update()
    return db.session.scalars(query.execution_options(populate_existing=True)).first()


def credentials(*, for_update: bool = False) -> OaCredentials | None:
    """Return the stored tokens, or None; `for_update` locks the row until the transaction ends."""
    row = _row(for_update=for_update)
    return None if row is None else _credentials(row)


def save_refresh_token(refresh_token: str) -> None:
    """Store a refresh token given by the operator; the access token is renewed next."""
    row = _row(for_update=True) or ZaloCredentials(id=_ROW, last_error="")
    row.refresh_token = refresh_token
    row.access_token = ""
    row.expires_at = None
    db.session.add(row)
    db.session.flush()


def save_renewal(pair: TokenPair, now: datetime) -> OaCredentials:
    """Store the pair a renewal returned: the old refresh token is spent and never used again."""
    row = db.session.get_one(ZaloCredentials, _ROW)
    row.access_token, row.refresh_token = pair.access_token, pair.refresh_token
    row.expires_at = naive_utc(now + timedelta(seconds=pair.expires_in))
    row.renewed_at = naive_utc(now)
    row.last_error, row.last_error_at = "", None
    db.session.flush()
    return _credentials(row)


def save_error(error: str, now: datetime) -> None:
    """Keep the last renewal error for `zalo status`."""
    row = db.session.get_one(ZaloCredentials, _ROW)
    row.last_error, row.last_error_at = error[:1000], naive_utc(now)
    db.session.flush()
