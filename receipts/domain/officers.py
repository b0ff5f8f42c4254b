"""The people at the counter: who they are, how their usernames compare, and how long a session lives."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

ROLES = ("officer", "admin")
MAX_USERNAME = 80


@dataclass(frozen=True)
class Officer:
    """A counter officer (bound to one agency) or an administrator (any agency when it has none)."""

    id: int
    username: str
    role: str
    agency_code: str | None
    full_name: str
    # Raised whenever every session of the account must end (logout, new password, disabling).
    session_version: int = 1
    disabled: bool = False

    def may_act_on(self, agency_code: str) -> bool:
        """Tell whether this officer may see and act on a receipt of `agency_code`."""
        return self.role == "admin" or self.agency_code == agency_code

    @property
    def session_id(self) -> str:
        """Return what a session remembers of the officer: id and session version."""
        return f"{self.id}.{self.session_version}"


def normalize_username(value: str) -> str:
    """Return the one form of a username that accounts and login counts are keyed on."""
    # NFKC folds width and compatibility forms (a non-breaking space becomes a space, 'ｃａｎｂｏ'
    # becomes 'canbo'); with case folded and the ends trimmed, every spelling a person would read
    # as the same name lands on the same account and the same login count.
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", value).casefold())
    return folded.strip()


def is_valid_username(name: str) -> bool:
    """Tell whether a normalised username may name an account: 1–80 printable characters, no spaces."""
    return 1 <= len(name) <= MAX_USERNAME and name.isprintable() and not any(c.isspace() for c in name)


def parse_session_id(value: str) -> tuple[int, int] | None:
    """Return (officer id, session version) from a session's identifier, or None if malformed."""
    user_id, dot, version = value.partition(".")
    if not dot or not (user_id.isdigit() and version.isdigit()) or len(value) > 40:
        return None
    return int(user_id), int(version)


@dataclass(frozen=True)
class SessionRules:
    """How long an officer's session lives: at most `lifetime` after login, `idle` after the last request."""

    lifetime: timedelta
    idle: timedelta

    def alive(self, started: datetime, seen: datetime, now: datetime) -> bool:
        """Tell whether a session started and last seen at these moments may go on at `now`."""
        return now - started < self.lifetime and now - seen < self.idle
