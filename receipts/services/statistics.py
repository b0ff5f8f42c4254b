"""The centre's statistics for one scope (an agency, or every agency) and one range of local days."""

from __future__ import annotations

from datetime import datetime

from ..domain import statistics as stats
from ..domain.statistics import DateRange, Statistics
from ..store import statistics as store

# The page lists the longest-overdue dossiers; the exports carry up to this many.
OVERDUE_SHOWN = 200
OVERDUE_EXPORTED = 50_000


def centre(
    scope: str | None, period: DateRange, now: datetime, *, overdue_limit: int = OVERDUE_SHOWN
) -> Statistics:
    """Return the counts per day, week, agency, field, procedure and channel, on-time rate and overdue."""
    days = store.per_day(period, scope)
    agencies = store.agencies(scope)
    tallies = store.tallies(period, scope)
    procedures = store.per_procedure(period, scope)
    overdue, overdue_total = store.overdue(scope, now, overdue_limit)
    return Statistics(
        scope=scope,
        range=period,
        per_day=stats.fill_days(period, days),
        per_week=stats.weeks(period, days),
        per_agency=stats.by_agency(agencies, tallies),
        per_field=stats.by_field(procedures),
        per_procedure=stats.ranked(count for count, _ in procedures),
        per_channel=stats.by_channel(tallies),
        on_time=stats.on_time_by_agency(agencies, tallies),
        overdue=tuple(overdue),
        overdue_total=overdue_total,
    )
