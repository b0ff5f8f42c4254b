"""Who may use the service: officers' accounts, and machines with API keys."""

from __future__ import annotations

import secrets
from datetime import datetime

from ..domain.api_keys import LAST_USE_PRECISION, SCOPES, ApiKey
from ..domain.audit import Actor
from ..domain.errors import InvalidInput
from ..domain.officers import ROLES, is_valid_username, normalize_username, password_problem
from ..domain.text import clean_line
from ..signing.passwords import hash_password
from ..signing.tokens import hash_api_key, new_api_key
from ..store import catalogue as catalogue_store
from ..store import people as store
from ..store.database import write_transaction
from . import audit


def new_password() -> str:
    """Return a random password that meets the policy (the demo officer's, a temporary one)."""
    while True:
        password = secrets.token_urlsafe(12)
        if password_problem(password, "") is None:
            return password


def save_officer(
    username: str, password: str, role: str, agency_code: str | None, full_name: str = ""
) -> str:
    """Create or update a user (an update ends their sessions); return the normalised username."""
    username = normalize_username(username)
    if not is_valid_username(username):
        raise InvalidInput("the username needs 1 to 80 characters without spaces")
    if role not in ROLES:
        raise InvalidInput(f"the role is one of {', '.join(ROLES)}")
    problem = password_problem(password, username)
    if problem:
        raise InvalidInput(problem)
    agency_code = None if role == "centre_admin" else _agency(agency_code)
    if role != "centre_admin" and not agency_code:
        raise InvalidInput(f"an {role} needs --agency (a centre administrator: --role centre_admin)")
    with write_transaction():
        _check_agency(agency_code)
        store.upsert_officer(username, hash_password(password), role, agency_code, clean_line(full_name))
    return username


def set_disabled(username: str, disabled: bool, now: datetime) -> str:
    """Disable a user (ending every session; no login until enabled) or enable them again."""
    username = normalize_username(username)
    with write_transaction():
        if not store.set_disabled(username, now if disabled else None):
            raise InvalidInput(f"no user {username}")
    return username


def create_api_key(name: str, scopes: list[str], now: datetime, agency_code: str | None = None) -> str:
    """Store a new key's hash and return the key (never stored); with an agency, the key serves it alone."""
    name = name.strip()
    if not name or len(name) > 100:
        raise InvalidInput("the key needs a name of 1 to 100 characters")
    unknown = set(scopes) - set(SCOPES)
    if unknown or not scopes:
        raise InvalidInput(f"scopes are some of {', '.join(SCOPES)}")
    agency_code = _agency(agency_code)
    key = new_api_key()
    with write_transaction():
        _check_agency(agency_code)
        store.create_api_key(name, hash_api_key(key), sorted(set(scopes)), agency_code, now)
    return key


def api_key(key: str, now: datetime, address: str = "") -> ApiKey | None:
    """Return the live key presented, recording its use (at most once a minute; audited), or None."""
    found = store.live_api_key(hash_api_key(key))
    if found is not None and found.use_worth_recording(now):
        with write_transaction():
            store.record_api_key_use(found.id, now, LAST_USE_PRECISION)
            audit.record("api_key_used", Actor("api_key", found.name, address, found.agency_code), now)
    return found


def api_keys() -> list[ApiKey]:
    """Return every key, revoked ones included, oldest first."""
    return store.api_keys()


def revoke_api_keys(name: str, now: datetime) -> int:
    """Revoke every live key named `name` (they answer 401 from then on); return how many."""
    with write_transaction():
        count = store.revoke_api_keys(name.strip(), now)
    if not count:
        raise InvalidInput(f"no live API key named {name.strip()!r}")
    return count


def _agency(agency_code: str | None) -> str | None:
    return agency_code.strip().upper() if agency_code and agency_code.strip() else None


def _check_agency(agency_code: str | None) -> None:
    if agency_code and catalogue_store.get_agency(agency_code) is None:
        raise InvalidInput(f"no agency {agency_code}")
