"""Officers' password hashes (Werkzeug's scrypt), checked in constant time."""

from __future__ import annotations

from werkzeug.security import check_password_hash, generate_password_hash

# Checked when the username is unknown, so that a wrong name costs as long as a wrong password.
_DUMMY_HASH = "scrypt:32768:8:1$abcdefghijklmnop$" + "0" * 128


def hash_password(password: str) -> str:
    """Return the stored form of a password."""
    return generate_password_hash(password)


def password_matches(stored_hash: str | None, password: str) -> bool:
    """Tell whether `password` matches; with no hash, spend the same time and say no."""
    if stored_hash is None:
        check_password_hash(_DUMMY_HASH, password)
        return False
    return check_password_hash(stored_hash, password)
