"""The working-day calendar of an agency: weekends, public holidays and yearly decisions."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

DAY_OFF = "day_off"
WORKING_DAY = "working_day"
KINDS = (DAY_OFF, WORKING_DAY)
WEEKDAY_NAMES = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
WEEKLY_REST = "Nghỉ hằng tuần"


@dataclass(frozen=True)
class Decision:
    """An official decision for one date: an extra day off or a Saturday made a working day."""

    day: date
    kind: str
    name: str
    source: str = ""


# Given a year, the built-in calendar's days off and make-up working days, as decisions.
HolidaySource = Callable[[int], Iterable[Decision]]


@dataclass(frozen=True)
class _Year:
    off: dict[date, str]  # every non-working day and why
    named: dict[date, str]  # the non-working days that are more than a plain weekend
    made_working: dict[date, str]  # weekend days and holidays that a decision made working days
    working: tuple[date, ...]  # the working days, in order


class WorkingCalendar:
    """Tell working days apart, with each year's days computed once and then looked up by bisection."""

    def __init__(
        self,
        holidays: HolidaySource = lambda _year: (),
        decisions: Iterable[Decision] = (),
        weekend: Iterable[int] = (5, 6),
    ) -> None:
        self._holidays = holidays
        self._decisions = {d.day: d for d in decisions}
        self._weekend = frozenset(weekend)
        if not self._weekend < frozenset(range(7)):
            raise ValueError("the weekend holds weekday numbers 0-6 and leaves at least one working day")
        unknown = {d.kind for d in self._decisions.values()} - set(KINDS)
        if unknown:
            raise ValueError(f"unknown decision kind {sorted(unknown)[0]!r}")
        self._year = lru_cache(maxsize=128)(self._compute_year)

    @property
    def weekend(self) -> frozenset[int]:
        """The weekday numbers (Monday is 0) of the weekly rest days."""
        return self._weekend

    def _compute_year(self, year: int) -> _Year:
        named: dict[date, str] = {}
        made_working: dict[date, str] = {}
        built_in = [d for d in self._holidays(year) if d.day.year == year]
        ours = [d for d in self._decisions.values() if d.day.year == year]
        # Our decisions come last so that they win over the package's.
        for decision in built_in + ours:
            if decision.kind == DAY_OFF:
                named[decision.day] = decision.name
                made_working.pop(decision.day, None)
            else:
                if decision.day in named or decision.day.weekday() in self._weekend:
                    made_working[decision.day] = decision.name
                named.pop(decision.day, None)
        off: dict[date, str] = {}
        working: list[date] = []
        day = date(year, 1, 1)
        while day.year == year:
            if day in named:
                off[day] = named[day]
            elif day.weekday() in self._weekend and day not in made_working:
                off[day] = WEEKLY_REST
            else:
                working.append(day)
            day += timedelta(days=1)
        return _Year(off, dict(sorted(named.items())), dict(sorted(made_working.items())), tuple(working))

    def reason_off(self, day: date) -> str | None:
        """Return why `day` is not a working day, or None when it is one."""
        return self._year(day.year).off.get(day)

    def is_working_day(self, day: date) -> bool:
        """Tell whether offices work on `day`."""
        return day not in self._year(day.year).off

    def next_working_day(self, day: date, *, include: bool = False) -> date:
        """Return the first working day after `day` (or `day` itself when `include`)."""
        return self.add_working_days(day - timedelta(days=1), 1) if include else self.add_working_days(day, 1)

    def add_working_days(self, day: date, count: int) -> date:
        """Return the `count`-th working day after `day`, counting from the next working day."""
        if count < 0:
            raise ValueError("count is never negative")
        if count == 0:
            return day
        year = day.year
        working = self._year(year).working
        index = bisect_right(working, day)
        # Whole years are skipped at once, so a far appointment costs about as much as a near one.
        while index + count > len(working):
            count -= len(working) - index
            year += 1
            if year > date.max.year:
                raise ValueError(f"no working day in the calendar after {day.isoformat()}")
            working = self._year(year).working
            if not working:
                # A year without a working day means wrong decisions; refuse rather than loop on.
                raise ValueError(f"the year {year} has no working day")
            index = 0
        return working[index + count - 1]

    def non_working_days(self, year: int) -> list[tuple[date, str]]:
        """List the year's non-working days with their reasons, in date order."""
        return sorted(self._year(year).off.items())

    def days_off(self, year: int) -> list[tuple[date, str]]:
        """List the year's holidays and decided days off (plain weekends left out), in date order."""
        return list(self._year(year).named.items())

    def made_working_days(self, year: int) -> list[tuple[date, str]]:
        """List the weekend days and holidays of the year that a decision made working days."""
        return list(self._year(year).made_working.items())
