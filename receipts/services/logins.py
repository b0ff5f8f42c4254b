"""Officers signing in and out: tries counted before any password is checked; sessions that end.

Each try is counted first (per address, then per username) in the shared counters, then let
through to the password check or refused, so that parallel tries cannot all slip under a limit.
A session is the officer's id and session version, checked on every request: raising the
version (logout, a new password, disabling) ends every session of that officer at once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from ..domain.logins import ADDRESS_TRIES, ADDRESS_WINDOW, FREE_TRIES, NAME_WINDOW, backoff
from ..domain.officers import MAX_USERNAME, ROLES, Officer, SessionRules, normalize_username, parse_session_id
from ..signing.passwords import password_matches
from ..store import counters
from ..store import people as store
from ..store.database import write_transaction
from . import audit


@dataclass(frozen=True)
class SignIn:
    """What a login try came to: the officer, or nobody, with the seconds to wait if it was refused."""

    officer: Officer | None
    wait: int = 0


def sign_in(username: str, password: str, address: str, now: datetime) -> SignIn:
    """Count the try, then check the password if the limits let it through."""
    name = normalize_username(username)[:MAX_USERNAME]
    if not name or not password or not name.isprintable():
        return SignIn(None)  # no account has such a name: nothing to guess, nothing to count
    wait = _wait_before_check(name, address, now)
    officer = None if wait else _check_password(name, password)
    if officer is not None:
        counters.reset(_name_key(name))
        counters.reset(_gate_key(name))
    audit.record_login(name, address, now, officer, wait)
    return SignIn(officer, wait)


def _wait_before_check(name: str, address: str, now: datetime) -> int:
    """Count a try on `name` from `address`; return 0 to let it through, else the seconds to wait."""
    if counters.hit(f"login:address:{address}", ADDRESS_WINDOW, now) > ADDRESS_TRIES:
        return ADDRESS_WINDOW
    tries = counters.hit(_name_key(name), NAME_WINDOW, now)
    if tries < FREE_TRIES:
        return 0
    # Past the free tries, a gate lets one try through and then stays shut for the backoff; of
    # parallel tries only the one that opens the gate (count 1) goes on.
    wait = backoff(tries - FREE_TRIES + 1)
    return 0 if counters.hit(_gate_key(name), wait, now) == 1 else wait


def _name_key(name: str) -> str:
    # Hashed: the counters' store never holds what people typed as their name.
    return "login:name:" + hashlib.sha256(name.encode()).hexdigest()


def _gate_key(name: str) -> str:
    return "login:gate:" + hashlib.sha256(name.encode()).hexdigest()


def _check_password(name: str, password: str) -> Officer | None:
    """Return the active officer if the password matches (in the same time whether or not the name exists)."""
    found = store.find_login(name)
    if found is None:
        password_matches(None, password)
        return None
    officer, stored_hash = found
    if not password_matches(stored_hash, password):
        return None
    return officer if officer.role in ROLES and not officer.disabled else None


def resume(
    session_id: str, started: datetime, seen: datetime, now: datetime, rules: SessionRules
) -> Officer | None:
    """Return the officer of a session that may go on at `now`, or None (ended, expired, disabled)."""
    parsed = parse_session_id(session_id)
    if parsed is None or not rules.alive(started, seen, now):
        return None
    officer = store.find_officer(parsed[0])
    if officer is None or officer.session_version != parsed[1]:
        return None
    return officer if officer.role in ROLES and not officer.disabled else None


def sign_out(officer_id: int) -> None:
    """End every session of the officer (a copied cookie included)."""
    with write_transaction():
        store.end_sessions(officer_id)
