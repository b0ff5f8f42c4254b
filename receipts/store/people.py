"""Officers and API keys (only hashes of their secrets are kept).

Every write runs inside the caller's `write_transaction`; nothing here commits.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import or_, select, update

from ..domain.api_keys import ApiKey
from ..domain.officers import Officer
from ..extensions import db
from . import models
from .times import from_naive_utc, naive_utc


def _officer(row: models.User) -> Officer:
    return Officer(
        row.id,
        row.username,
        row.role,
        row.agency_code,
        row.full_name,
        session_version=row.session_version,
        disabled=row.disabled_at is not None,
        must_change_password=row.must_change_password,
    )


def _user(username: str) -> models.User | None:
    return db.session.scalars(select(models.User).where(models.User.username == username)).first()


def find_officer(user_id: int) -> Officer | None:
    """Return an officer by id, or None."""
    row = db.session.get(models.User, user_id)
    return None if row is None else _officer(row)


def find_login(username: str) -> tuple[Officer, str] | None:
    """Return an officer and the hash of their password by (normalised) username, or None."""
    row = _user(username)
    return None if row is None else (_officer(row), row.password_hash)


def upsert_officer(
    username: str, password_hash: str, role: str, agency_code: str | None, full_name: str
) -> None:
    """Create or update a user; an existing user's sessions all end (a new password was set)."""
    row = _user(username)
    if row is None:
        row = models.User(username=username, session_version=1)
    else:
        row.session_version += 1
    row.password_hash, row.role, row.agency_code, row.full_name = password_hash, role, agency_code, full_name
    db.session.add(row)


def end_sessions(user_id: int) -> None:
    """End every session of a user."""
    db.session.execute(
        update(models.User)
        .where(models.User.id == user_id)
        .values(session_version=models.User.session_version + 1)
    )


def set_disabled(username: str, now: datetime | None) -> bool:
    """Disable a user at `now` (ending their sessions) or, with None, enable them; False if unknown."""
    row = _user(username)
    if row is None:
        return False
    row.disabled_at = None if now is None else naive_utc(now)
    row.session_version += 1
    return True


def officers(agency_code: str | None) -> list[Officer]:
    """Return the accounts of an agency (None: every account), by username."""
    query = select(models.User).order_by(models.User.username)
    if agency_code is not None:
        query = query.where(models.User.agency_code == agency_code)
    return [_officer(row) for row in db.session.scalars(query)]


def add_officer(
    username: str, password_hash: str, role: str, agency_code: str | None, full_name: str
) -> bool:
    """Create an account that must change its password at first login; False if the name is taken."""
    if _user(username) is not None:
        return False
    db.session.add(
        models.User(
            username=username,
            password_hash=password_hash,
            role=role,
            agency_code=agency_code,
            full_name=full_name,
            session_version=1,
            must_change_password=True,
        )
    )
    db.session.flush()
    return True


def set_password(user_id: int, password_hash: str, *, must_change: bool) -> None:
    """Give a user a new password (every session ends); `must_change` makes them choose another at once."""
    row = db.session.get_one(models.User, user_id)
    row.password_hash, row.must_change_password = password_hash, must_change
    row.session_version += 1


def password_hash(user_id: int) -> str | None:
    """Return a user's password hash, or None."""
    row = db.session.get(models.User, user_id)
    return None if row is None else row.password_hash


def _api_key(row: models.ApiKey) -> ApiKey:
    created = from_naive_utc(row.created_at)
    assert created is not None
    return ApiKey(
        id=row.id,
        name=row.name,
        scopes=tuple(row.scopes.split()),
        agency_code=row.agency_code,
        created_at=created,
        last_used_at=from_naive_utc(row.last_used_at),
        revoked_at=from_naive_utc(row.revoked_at),
    )


def create_api_key(
    name: str, key_hash: str, scopes: list[str], agency_code: str | None, now: datetime
) -> None:
    """Store a new API key's hash."""
    db.session.add(
        models.ApiKey(
            name=name,
            key_hash=key_hash,
            scopes=" ".join(scopes),
            agency_code=agency_code,
            created_at=naive_utc(now),
        )
    )


def live_api_key(key_hash: str) -> ApiKey | None:
    """Return the live (unrevoked) key with that hash, or None."""
    row = db.session.scalars(select(models.ApiKey).where(models.ApiKey.key_hash == key_hash)).first()
    return None if row is None or row.revoked_at is not None else _api_key(row)


def record_api_key_use(key_id: int, now: datetime, precision: timedelta) -> None:
    """Write a key's last use, unless another request wrote one within `precision`."""
    at = naive_utc(now)
    earlier = at - precision
    db.session.execute(
        update(models.ApiKey)
        .where(models.ApiKey.id == key_id)
        .where(or_(models.ApiKey.last_used_at.is_(None), models.ApiKey.last_used_at <= earlier))
        .values(last_used_at=at)
    )


def api_keys() -> list[ApiKey]:
    """Return every key, revoked ones included, oldest first."""
    rows = db.session.scalars(select(models.ApiKey).order_by(models.ApiKey.id))
    return [_api_key(row) for row in rows]


def revoke_api_keys(name: str, now: datetime) -> int:
    """Revoke every live key named `name`; return how many."""
    result = db.session.execute(
        update(models.ApiKey)
        .where(models.ApiKey.name == name, models.ApiKey.revoked_at.is_(None))
        .values(revoked_at=naive_utc(now))
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
