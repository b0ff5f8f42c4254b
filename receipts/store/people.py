"""Officers and API keys (only hashes of their secrets are kept)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from ..domain.officers import Officer
from ..extensions import db
from . import models
from .times import naive_utc


def _officer(row: models.User) -> Officer:
    return Officer(row.id, row.username, row.role, row.agency_code, row.full_name)


def find_officer(user_id: int) -> Officer | None:
    """Return an officer by id, or None."""
    row = db.session.get(models.User, user_id)
    return None if row is None else _officer(row)


def find_login(username: str) -> tuple[Officer, str] | None:
    """Return an officer and the hash of their password by username, or None."""
    row = db.session.scalars(select(models.User).where(models.User.username == username)).first()
    return None if row is None else (_officer(row), row.password_hash)


def upsert_officer(
    username: str, password_hash: str, role: str, agency_code: str | None, full_name: str
) -> None:
    """Create or update a user (inside the caller's transaction)."""
    row = db.session.scalars(select(models.User).where(models.User.username == username)).first()
    row = row or models.User(username=username)
    row.password_hash, row.role, row.agency_code, row.full_name = password_hash, role, agency_code, full_name
    db.session.add(row)


def create_api_key(name: str, key_hash: str, scopes: list[str], now: datetime) -> None:
    """Store a new API key's hash (inside the caller's transaction)."""
    db.session.add(
        models.ApiKey(name=name, key_hash=key_hash, scopes=" ".join(scopes), created_at=naive_utc(now))
    )


def api_key_scopes(key_hash: str) -> set[str] | None:
    """Return the scopes of a live key, or None if no live key has that hash."""
    row = db.session.scalars(select(models.ApiKey).where(models.ApiKey.key_hash == key_hash)).first()
    if row is None or row.revoked_at is not None:
        return None
    return set(row.scopes.split())
