"""The one reading of the system clock; services take `now` as a value instead."""

from __future__ import annotations

from datetime import UTC, datetime

from .domain.localtime import LOCAL


def now_local() -> datetime:
    """Return the current time in Vietnam, to the second."""
    return datetime.now(UTC).astimezone(LOCAL).replace(microsecond=0)
