"""The working-day calendar of an agency: weekends, public holidays and yearly decisions."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

DAY_OFF = "day_off"
WORKING_DAY = "working_day"
WEEKEND_NAMES = {5: "Thứ Bảy", 6: "Chủ Nhật"}


@dataclass(frozen=True)
class Decision:
    """An official decision for one date: an extra day off or a Saturday made a working day."""

    day: date
    kind: str
    name: str
    source: str = ""


# Given a year, the built-in calendar's days off and make-up working days, as decisions.
HolidaySource = Callable[[int], Iterable[Decision]]


class WorkingCalendar:
    """Tell working days apart, with each year's non-working days computed once."""

    def __init__(
        self,
        holidays: HolidaySource = lambda _year: (),
        decisions: Iterable[Decision] = (),
        weekend: Iterable[int] = (5, 6),
    ) -> None:
        self._holidays = holidays
        self._decisions = {d.day: d for d in decisions}
        self._weekend = frozenset(weekend)
        self._year = lru_cache(maxsize=64)(self._compute_year)

    def _compute_year(self, year: int) -> dict[date, str]:
        off: dict[date, str] = {}
        day = date(year, 1, 1)
        while day.year == year:
            if day.weekday() in self._weekend:
                off[day] = WEEKEND_NAMES.get(day.weekday(), "Ngày nghỉ hằng tuần")
            day += timedelta(days=1)
        built_in = [d for d in self._holidays(year) if d.day.year == year]
        ours = [d for d in self._decisions.values() if d.day.year == year]
        for decision in built_in + ours:
            if decision.kind == DAY_OFF:
                off[decision.day] = decision.name
            else:
                off.pop(decision.day, None)
        return off

    def reason_off(self, day: date) -> str | None:
        """Return why `day` is not a working day, or None when it is one."""
        return self._year(day.year).get(day)

    def is_working_day(self, day: date) -> bool:
        """Tell whether offices work on `day`."""
        return day not in self._year(day.year)

    def next_working_day(self, day: date, *, include: bool = False) -> date:
        """Return the first working day after `day` (or `day` itself when `include`)."""
        current = day if include else day + timedelta(days=1)
        while not self.is_working_day(current):
            current += timedelta(days=1)
        return current

    def add_working_days(self, day: date, count: int) -> date:
        """Return the `count`-th working day after `day`, counting from the next working day."""
        current = day
        for _ in range(count):
            current = self.next_working_day(current)
        return current

    def non_working_days(self, year: int) -> list[tuple[date, str]]:
        """List the year's non-working days with their reasons, in date order."""
        return sorted(self._year(year).items())
