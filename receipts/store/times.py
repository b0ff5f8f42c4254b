"""How moments are stored: naive UTC, the one form both SQLite and PostgreSQL keep alike."""

from __future__ import annotations

from datetime import UTC, datetime

from ..domain.localtime import LOCAL


def naive_utc(value: datetime) -> datetime:
    """Return an aware moment as naive UTC for a DateTime column."""
    return value.astimezone(UTC).replace(tzinfo=None)


def from_naive_utc(value: datetime | None) -> datetime | None:
    """Return a DateTime column's naive UTC value as an aware moment (None stays None)."""
    return None if value is None else value.replace(tzinfo=UTC)


def aware_local(value: datetime | None) -> datetime | None:
    """Return a stored naive-UTC moment as Vietnam's time (None stays None)."""
    return None if value is None else value.replace(tzinfo=UTC).astimezone(LOCAL)
