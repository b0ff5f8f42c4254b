"""Vietnam's local time, in which dossier codes, appointments and printed dates are read."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

TIMEZONE = "Asia/Ho_Chi_Minh"
LOCAL = ZoneInfo(TIMEZONE)
# Dossier codes carry the local date with a two-digit year.
FIRST_YEAR, LAST_YEAR = 2000, 2099


def local(moment: datetime) -> datetime:
    """Return an aware `moment` in Vietnam's time; a naive one is taken as Vietnam's already."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=LOCAL)
    return moment.astimezone(LOCAL)


def in_code_range(moment: datetime) -> bool:
    """Tell whether a dossier code can carry the local date of `moment` (years 2000-2099)."""
    try:
        year = local(moment).year
    except OverflowError:  # year 1 or 9999 at a far offset: Vietnam's time of it is not representable
        return False
    return FIRST_YEAR <= year <= LAST_YEAR
