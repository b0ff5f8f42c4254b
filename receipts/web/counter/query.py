"""Reading the counter's search and filter fields from a query string: text, days, the page."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from ...domain.text import clean_line, has_control_chars

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def text(value: str, limit: int) -> str:
    """Return a typed field cut to `limit` and cleaned; nothing when it holds control characters."""
    value = value[:limit]
    return "" if has_control_chars(value) else clean_line(value)


def day(args: Any, name: str, errors: dict[str, str], earliest: date = date.min) -> date | None:
    """Return the day typed as YYYY-MM-DD (None when empty); an invalid one is named in `errors`."""
    value = args.get(name, "").strip()
    if not value:
        return None
    try:
        found = date.fromisoformat(value) if _ISO_DAY.fullmatch(value) else None
    except ValueError:
        found = None
    if found is None or found < earliest:
        errors[name] = "Ngày không hợp lệ."
        return None
    return found


def page(args: Any, errors: dict[str, str], maximum: int) -> int:
    """Return the page asked for (`trang`), 1 to `maximum`; anything else is 1 and named in `errors`."""
    raw = args.get("trang", "1")
    number = int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= len(str(maximum)) else 0
    if not 1 <= number <= maximum:
        errors["trang"] = "Số trang không hợp lệ."
        number = 1
    return number
