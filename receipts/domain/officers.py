"""The people at the counter: who they are, how their usernames compare, and how long a session lives."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

# An officer works for one agency; an agency's administrator also manages its officers and reads its
# audit log; a centre administrator does all of that for every agency of the centre.
ROLES = ("officer", "admin", "centre_admin")
ROLE_TEXT = {"officer": "Cán bộ", "admin": "Quản trị cơ quan", "centre_admin": "Quản trị trung tâm"}
MAX_USERNAME = 80
MIN_PASSWORD, MAX_PASSWORD = 10, 128
# Refused whatever their length: the first guesses of anyone trying passwords.
COMMON_PASSWORDS = frozenset(
    {
        "1234567890",
        "0123456789",
        "12345678910",
        "qwertyuiop",
        "password123",
        "matkhau123",
        "matkhau1234",
        "abc1234567",
        "1qaz2wsx3edc",
        "123456789a",
        "a123456789",
        "iloveyou123",
        "admin12345",
    }
)


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
    # Set by an administrator's reset: the officer chooses a new password before anything else.
    must_change_password: bool = False

    @property
    def sees_all(self) -> bool:
        """Tell whether this account sees and acts on every agency (a centre administrator)."""
        return self.role == "centre_admin"

    @property
    def is_admin(self) -> bool:
        """Tell whether this account manages officers and reads the audit log (its agency's, or all)."""
        return self.role in ("admin", "centre_admin")

    @property
    def scope(self) -> str | None:
        """Return the one agency this account is confined to; None for a centre administrator."""
        return None if self.sees_all else (self.agency_code or "")

    def may_act_on(self, agency_code: str | None) -> bool:
        """Tell whether this officer may see and act on a receipt (or an account) of `agency_code`."""
        return self.sees_all or (self.agency_code is not None and self.agency_code == agency_code)

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


def password_problem(password: str, username: str) -> str | None:
    """Return why a new password is refused (Vietnamese), or None when it meets the policy."""
    if len(password) < MIN_PASSWORD:
        return f"Mật khẩu cần ít nhất {MIN_PASSWORD} ký tự."
    if len(password) > MAX_PASSWORD:
        return f"Mật khẩu dài tối đa {MAX_PASSWORD} ký tự."
    if not password.isprintable():
        return "Mật khẩu không được chứa ký tự điều khiển."
    folded = normalize_username(password)
    if folded in COMMON_PASSWORDS or len(set(folded)) < 4:
        return "Mật khẩu này quá dễ đoán."
    if username and normalize_username(username) in folded:
        return "Mật khẩu không được chứa tên đăng nhập."
    return None
