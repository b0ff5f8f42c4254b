"""Vietnam's public holidays from the `holidays` package; the only importer of that package."""

from __future__ import annotations

from functools import lru_cache

import holidays

from .domain.calendar import DAY_OFF, WORKING_DAY, Decision, WorkingCalendar


@lru_cache(maxsize=64)
def vietnam_holidays(year: int) -> tuple[Decision, ...]:
    """Return the package's days off and make-up working days of `year`, named in Vietnamese."""
    if not 1900 <= year <= 2200:
        return ()
    table = holidays.country_holidays("VN", years=year, language="vi")
    source = f"holidays {holidays.__version__}"
    days = [Decision(day, DAY_OFF, name, source) for day, name in sorted(table.items())]
    # weekend_workdays may hold make-up days of other years (swaps across New Year); keep this year's.
    workdays = getattr(table, "weekend_workdays", ())
    days += [Decision(day, WORKING_DAY, "Làm bù", source) for day in sorted(workdays) if day.year == year]
    return tuple(days)


@lru_cache(maxsize=16)
def calendar_with(decisions: tuple[Decision, ...]) -> WorkingCalendar:
    """Return the (cached) calendar of the built-in holidays overridden by `decisions`."""
    return WorkingCalendar(vietnam_holidays, decisions)
