"""Who may use the service: officers with passwords, machines with API keys."""

from __future__ import annotations

import secrets
from datetime import datetime

from ..domain.errors import InvalidInput
from ..domain.officers import ROLES, Officer
from ..domain.text import clean_line, has_control_chars
from ..signing.passwords import hash_password, password_matches
from ..signing.tokens import hash_api_key, new_api_key
from ..store import catalogue as catalogue_store
from ..store import people as store
from ..store.database import write_transaction

SCOPES = ("issue", "update")
MAX_USERNAME = 80
MIN_PASSWORD = 8


def new_password() -> str:
    """Return a random password for a new account (the demo officer's)."""
    return secrets.token_urlsafe(9)


def officer(user_id: int) -> Officer | None:
    """Return the officer of a session, or None."""
    return store.find_officer(user_id)


def authenticate(username: str, password: str) -> Officer | None:
    """Return the officer if the password matches, else None (in the same time either way)."""
    found = store.find_login(username.strip()[:MAX_USERNAME])
    if found is None:
        password_matches(None, password)
        return None
    officer, stored_hash = found
    return officer if password_matches(stored_hash, password) else None


def save_officer(
    username: str, password: str, role: str, agency_code: str | None, full_name: str = ""
) -> None:
    """Create or update an officer or administrator; raise InvalidInput naming what is wrong."""
    username = username.strip()
    if not 1 <= len(username) <= MAX_USERNAME or has_control_chars(username) or " " in username:
        raise InvalidInput("the username needs 1 to 80 characters without spaces")
    if role not in ROLES:
        raise InvalidInput(f"the role is one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise InvalidInput("the password needs at least 8 characters")
    agency_code = agency_code.strip().upper() if agency_code else None
    if role == "officer" and not agency_code:
        raise InvalidInput("an officer needs --agency")
    with write_transaction():
        if agency_code and catalogue_store.get_agency(agency_code) is None:
            raise InvalidInput(f"no agency {agency_code}")
        store.upsert_officer(username, hash_password(password), role, agency_code, clean_line(full_name))


def create_api_key(name: str, scopes: list[str], now: datetime) -> str:
    """Store a new key's hash and return the key, which is never stored."""
    name = name.strip()
    if not name or len(name) > 100:
        raise InvalidInput("the key needs a name of 1 to 100 characters")
    unknown = set(scopes) - set(SCOPES)
    if unknown or not scopes:
        raise InvalidInput(f"scopes are some of {', '.join(SCOPES)}")
    key = new_api_key()
    with write_transaction():
        store.create_api_key(name, hash_api_key(key), sorted(set(scopes)), now)
    return key


def key_scopes(key: str) -> set[str] | None:
    """Return the scopes of a live API key, or None."""
    return store.api_key_scopes(hash_api_key(key))
