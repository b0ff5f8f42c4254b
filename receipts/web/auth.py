"""Officers' sessions (Flask-Login): who is at the counter and for which agency."""

from __future__ import annotations

from dataclasses import dataclass

from flask_login import UserMixin

from ..domain.officers import Officer
from ..extensions import login
from ..services import access


@dataclass(frozen=True)
class SessionOfficer(Officer, UserMixin):
    """The logged-in officer, as Flask-Login wants it."""

    def get_id(self) -> str:
        """Return the session identifier."""
        return str(self.id)


def as_session(officer: Officer) -> SessionOfficer:
    """Return the officer in the form Flask-Login keeps."""
    return SessionOfficer(officer.id, officer.username, officer.role, officer.agency_code, officer.full_name)


@login.user_loader
def load_user(user_id: str) -> SessionOfficer | None:
    """Return the officer of a session, or None."""
    if not user_id.isdigit() or len(user_id) > 18:
        return None
    officer = access.officer(int(user_id))
    return as_session(officer) if officer else None
