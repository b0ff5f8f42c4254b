"""Officers' sessions (Flask-Login): who is at the counter and for which agency."""

from __future__ import annotations

from dataclasses import dataclass

from flask_login import UserMixin
from werkzeug.security import check_password_hash

from ..extensions import login
from ..store import queries

# Checked when the username is unknown, so that a wrong name costs as long as a wrong password.
_DUMMY_HASH = "scrypt:32768:8:1$abcdefghijklmnop$" + "0" * 128


@dataclass(frozen=True)
class Officer(UserMixin):
    """A logged-in counter officer or administrator."""

    id: int
    username: str
    role: str
    agency_code: str | None
    full_name: str

    def get_id(self) -> str:
        """Return the session identifier."""
        return str(self.id)


def _officer(row: dict) -> Officer:
    return Officer(row["id"], row["username"], row["role"], row["agency_code"], row["full_name"])


@login.user_loader
def load_user(user_id: str) -> Officer | None:
    """Return the officer of a session, or None."""
    if not user_id.isdigit():
        return None
    row = queries.find_user(user_id=int(user_id))
    return _officer(row) if row else None


def authenticate(username: str, password: str) -> Officer | None:
    """Return the officer if the password matches, else None."""
    row = queries.find_user(username=username.strip()[:80])
    if row is None:
        check_password_hash(_DUMMY_HASH, password)
        return None
    return _officer(row) if check_password_hash(row["password_hash"], password) else None
