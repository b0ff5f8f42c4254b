"""The centre's statistics: what is counted, over which days, and the rows the page and exports show.

Counts come from the database already grouped; this module only names them, fills the days and
weeks that have none with zeros, and says how late an overdue dossier is.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from .errors import InvalidInput
from .receipt import DELIVERIES
from .statuses import Status
from .text import fold

# Statuses that close a dossier's handling: it can no longer be overdue.
FINISHED = tuple(s.value for s in Status if s.is_finished)
# Statuses whose first event marks the result as given (on-time rate).
RESULT_STATUSES = tuple(s.value for s in Status if s.gives_result)
# A chart of more than a year of days is unreadable, and the page must stay fast.
MAX_DAYS = 366
DEFAULT_DAYS = 30
# Roles that see every agency of the centre; an administrator without an agency is one too.
CENTRE_ROLES = ("centre_admin",)


@dataclass(frozen=True)
class DateRange:
    """Local days from `start` to `end`, both included."""

    start: date
    end: date

    @property
    def days(self) -> list[date]:
        """Return every day of the range, in order."""
        return [self.start + timedelta(days=n) for n in range((self.end - self.start).days + 1)]


def default_range(today: date) -> DateRange:
    """Return the last 30 days up to today."""
    return DateRange(today - timedelta(days=DEFAULT_DAYS - 1), today)


def parse_range(start: str, end: str, today: date) -> DateRange:
    """Read 'YYYY-MM-DD' bounds (either may be blank); raise InvalidInput with the fields at fault."""
    errors: dict[str, str] = {}
    first = _day(start, "tu", errors)
    last = _day(end, "den", errors)
    if errors:
        raise InvalidInput("Ngày không hợp lệ.", errors)
    last = last or (first + timedelta(days=DEFAULT_DAYS - 1) if first else today)
    first = first or last - timedelta(days=DEFAULT_DAYS - 1)
    if first > last:
        raise InvalidInput("Ngày bắt đầu sau ngày kết thúc.", {"tu": "Phải trước hoặc bằng ngày kết thúc."})
    if (last - first).days + 1 > MAX_DAYS:
        raise InvalidInput(
            f"Khoảng thời gian dài tối đa {MAX_DAYS} ngày.", {"den": f"Tối đa {MAX_DAYS} ngày."}
        )
    return DateRange(first, last)


def _day(value: str, name: str, errors: dict[str, str]) -> date | None:
    value = value.strip()
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        errors[name] = "Nhập ngày theo dạng năm-tháng-ngày."
        return None
    if not 2000 <= day.year <= 2099:
        errors[name] = "Năm phải từ 2000 đến 2099."
        return None
    return day


def scope_of(role: str, agency_code: str | None) -> str | None:
    """Return the agency whose figures a user sees, or None for every agency of the centre."""
    if role in CENTRE_ROLES or (role == "admin" and agency_code is None):
        return None
    if agency_code is None:
        raise InvalidInput("Tài khoản chưa gắn với cơ quan nào.", {"agency_code": "Chưa có."})
    return agency_code


@dataclass(frozen=True)
class Count:
    """A number of receipts under one key (an agency, a field, a procedure, a channel, a day)."""

    key: str
    label: str
    count: int


@dataclass(frozen=True)
class OnTime:
    """Dossiers of one agency whose result was given, and how many of those by the appointment."""

    agency_code: str
    label: str
    with_result: int
    on_time: int

    @property
    def late(self) -> int:
        """Return how many results were given after the appointment."""
        return self.with_result - self.on_time

    @property
    def rate(self) -> float | None:
        """Return the share given on time (0–1), or None when no result was given yet."""
        return self.on_time / self.with_result if self.with_result else None


@dataclass(frozen=True)
class Overdue:
    """A dossier past its appointment and still being handled, and who holds it."""

    code: str
    agency_code: str
    agency_label: str
    procedure_name: str
    status: Status
    due_at: datetime
    officer_name: str
    days_overdue: int


@dataclass(frozen=True)
class Tally:
    """Receipts of one agency through one channel: how many, how many got a result, how many on time."""

    agency_code: str
    delivery: str
    count: int
    with_result: int
    on_time: int


def by_agency(agencies: Mapping[str, str], tallies: Iterable[Tally]) -> tuple[Count, ...]:
    """Return every agency in scope (code → label) with its receipts, zero for one without any."""
    counts = dict.fromkeys(agencies, 0)
    for t in tallies:
        counts[t.agency_code] = counts.get(t.agency_code, 0) + t.count
    return ranked(Count(code, agencies.get(code, code), n) for code, n in counts.items())


def by_channel(tallies: Iterable[Tally]) -> tuple[Count, ...]:
    """Return the receipts of each channel, the three known ones always."""
    counts: dict[str, int] = {}
    for t in tallies:
        counts[t.delivery] = counts.get(t.delivery, 0) + t.count
    return channels(counts)


def on_time_by_agency(agencies: Mapping[str, str], tallies: Iterable[Tally]) -> tuple[OnTime, ...]:
    """Return the on-time figures of each agency that received dossiers, by label."""
    sums: dict[str, tuple[int, int]] = {}
    for t in tallies:
        done, timely = sums.get(t.agency_code, (0, 0))
        sums[t.agency_code] = (done + t.with_result, timely + t.on_time)
    items = [OnTime(code, agencies.get(code, code), done, timely) for code, (done, timely) in sums.items()]
    return tuple(sorted(items, key=lambda o: (fold(o.label), o.agency_code)))


def by_field(procedures: Iterable[tuple[Count, str]]) -> tuple[Count, ...]:
    """Return the receipts of each field from the counts per procedure and each one's field."""
    counts: dict[str, int] = {}
    for count, field in procedures:
        counts[field] = counts.get(field, 0) + count.count
    return ranked(Count(field, field or "Chưa phân loại", n) for field, n in counts.items())


def days_late(due_at: datetime, now: datetime) -> int:
    """Return whole days since the appointment (0 on its own day, 1 the next day…)."""
    return max(0, (now.date() - due_at.astimezone(now.tzinfo).date()).days)


@dataclass(frozen=True)
class Statistics:
    """Everything the statistics page shows for one scope and date range."""

    scope: str | None
    range: DateRange
    per_day: tuple[Count, ...]
    per_week: tuple[Count, ...]
    per_agency: tuple[Count, ...]
    per_field: tuple[Count, ...]
    per_procedure: tuple[Count, ...]
    per_channel: tuple[Count, ...]
    on_time: tuple[OnTime, ...]
    overdue: tuple[Overdue, ...]
    overdue_total: int

    @property
    def total(self) -> int:
        """Return the number of receipts in the range."""
        return sum(c.count for c in self.per_day)

    @property
    def on_time_total(self) -> OnTime:
        """Return the on-time figures of every agency in scope together."""
        return OnTime(
            "", "Tổng", sum(o.with_result for o in self.on_time), sum(o.on_time for o in self.on_time)
        )


def fill_days(period: DateRange, counts: Mapping[date, int]) -> tuple[Count, ...]:
    """Return one count per day of the range, zero for a day without receipts."""
    return tuple(Count(d.isoformat(), f"{d:%d/%m/%Y}", counts.get(d, 0)) for d in period.days)


def weeks(period: DateRange, counts: Mapping[date, int]) -> tuple[Count, ...]:
    """Return one count per ISO week (Monday to Sunday) that the range touches, cut to the range."""
    totals: dict[date, int] = {}
    for day in period.days:
        monday = day - timedelta(days=day.weekday())
        totals[monday] = totals.get(monday, 0) + counts.get(day, 0)
    out = []
    for monday, count in totals.items():
        first, last = max(monday, period.start), min(monday + timedelta(days=6), period.end)
        iso = monday.isocalendar()
        label = f"Tuần {iso.week}/{iso.year} ({first:%d/%m}–{last:%d/%m})"
        out.append(Count(f"{iso.year}-W{iso.week:02d}", label, count))
    return tuple(out)


CHANNEL_TEXT = {"counter": "Tại quầy", "post": "Bưu chính công ích", "online": "Trực tuyến"}


def channels(counts: Mapping[str, int]) -> tuple[Count, ...]:
    """Return the three channels in their fixed order (zero when none), then any unknown one."""
    known = [Count(k, CHANNEL_TEXT[k], counts.get(k, 0)) for k in DELIVERIES]
    return tuple(known + [Count(k, k, n) for k, n in sorted(counts.items()) if k not in DELIVERIES])


def ranked(items: Iterable[Count]) -> tuple[Count, ...]:
    """Return counts largest first, ties in Vietnamese alphabetical order ('Đ' with 'D')."""
    return tuple(sorted(items, key=lambda c: (-c.count, fold(c.label), c.label, c.key)))
