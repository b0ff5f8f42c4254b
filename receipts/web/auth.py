"""Officers' sessions (Flask-Login), checked on the server at every request.

The signed cookie holds the officer's id and session version (`Officer.session_id`) and when
the session started and was last seen; the loader ends it when the version moved on (logout,
a new password, disabling), when it has been idle too long or lived past its lifetime.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta

from flask import current_app, session
from flask_login import UserMixin, current_user, login_user, logout_user

from .. import clock
from ..domain.officers import Officer, SessionRules
from ..extensions import login
from ..services import logins

_STARTED, _SEEN = "started", "seen"  # epoch seconds, in the signed session cookie


@dataclass(frozen=True)
class SessionOfficer(Officer, UserMixin):
    """The logged-in officer, as Flask-Login wants it."""

    def get_id(self) -> str:
        """Return the session identifier: id and session version."""
        return self.session_id


def as_session(officer: Officer) -> SessionOfficer:
    """Return the officer in the form Flask-Login keeps."""
    return SessionOfficer(**{f.name: getattr(officer, f.name) for f in fields(officer)})


def start_session(officer: Officer) -> None:
    """Sign the officer in with a fresh session; nothing from before the login survives it."""
    session.clear()
    login_user(as_session(officer))
    # Read through the module, so that tests can stop the clock.
    session[_STARTED] = session[_SEEN] = int(clock.now_local().timestamp())


def end_session() -> None:
    """Sign the officer out and end every session of theirs, copies of this cookie included."""
    if current_user.is_authenticated:
        logins.sign_out(current_user.id)
    logout_user()


def rules() -> SessionRules:
    """Return the configured session lifetime and idle timeout."""
    config = current_app.config
    return SessionRules(
        lifetime=timedelta(hours=config["SESSION_LIFETIME_HOURS"]),
        idle=timedelta(minutes=config["SESSION_IDLE_MINUTES"]),
    )


@login.user_loader
def load_user(session_id: str) -> SessionOfficer | None:
    """Return the officer of a session that may go on, or None; note that it was seen now."""
    started, seen = _moment(session.get(_STARTED)), _moment(session.get(_SEEN))
    if started is None or seen is None:
        return None
    now = clock.now_local()
    officer = logins.resume(session_id, started, seen, now, rules())
    if officer is None:
        return None
    session[_SEEN] = int(now.timestamp())
    return as_session(officer)


def _moment(value: object) -> datetime | None:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value < 2**40:
        return None
    return datetime.fromtimestamp(value, UTC)
