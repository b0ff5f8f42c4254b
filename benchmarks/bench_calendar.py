"""Appointments computed per second, near-future against far-future, in the same run.

Run: .venv/bin/python -m benchmarks.bench_calendar [--quick]

Random receipts over ten years (2026-2035) get appointments a few days ahead ("near") or one to
two years ahead ("far"), in the three units of the contract. The calendar is Vietnam's as the
service builds it: the holidays package overridden by the shipped decisions. Each figure is the
median of several runs; near and far batches alternate so that drift hits both alike. A
day-by-day count of working days (how the calendar counted before) is timed beside it.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from receipts import calendars
from receipts.config import ROOT
from receipts.domain.calendar import Decision, WorkingCalendar
from receipts.domain.due_dates import (
    CALENDAR_DAYS,
    DEFAULT_SESSIONS,
    UNITS,
    WORKING_DAYS,
    WORKING_HOURS,
    compute_due,
    effective_start,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
FIRST, YEARS = date(2026, 1, 1), 10
# (near, far) duration ranges per unit: near ends within about three weeks, far in one to two years.
RANGES = {
    WORKING_DAYS: ((1, 15), (250, 500)),
    WORKING_HOURS: ((1, 40), (2000, 4000)),
    CALENDAR_DAYS: ((1, 20), (365, 730)),
}
Receipt = tuple[datetime, int, str]


def shipped_decisions() -> tuple[Decision, ...]:
    """The decisions the project ships, as `holidays import` stores them."""
    rows = json.loads((ROOT / "data" / "holidays" / "vietnam-2024-2026.json").read_text(encoding="utf-8"))
    return tuple(Decision(date.fromisoformat(r["date"]), r["kind"], r["name"], r["source"]) for r in rows)


def receipts(count: int, horizon: int, units: Sequence[str], seed: int) -> list[Receipt]:
    """Random receipts over the ten years, at any clock time, with near (0) or far (1) durations."""
    rng = random.Random(seed)
    batch = []
    for _ in range(count):
        day = FIRST + timedelta(days=rng.randrange(365 * YEARS))
        clock = timedelta(seconds=rng.randrange(6 * 3600, 19 * 3600))
        unit = rng.choice(units)
        low, high = RANGES[unit][horizon]
        batch.append(
            (datetime.combine(day, datetime.min.time(), tzinfo=VN) + clock, rng.randint(low, high), unit)
        )
    return batch


def day_by_day(received: datetime, duration: int, unit: str, cal: WorkingCalendar) -> datetime:
    """Count working days one at a time, as the calendar did before it bisected its years."""
    start = effective_start(received, cal, DEFAULT_SESSIONS)
    day = start.date()
    for _ in range(duration):
        day += timedelta(days=1)
        while not cal.is_working_day(day):
            day += timedelta(days=1)
    return datetime.combine(day, start.timetz())


def rate(
    compute: Callable[[datetime, int, str, WorkingCalendar], datetime], batch: list[Receipt], cal
) -> float:
    """Appointments per second over one batch."""
    began = time.perf_counter()
    for received, duration, unit in batch:
        compute(received, duration, unit, cal)
    return len(batch) / (time.perf_counter() - began)


def medians(
    compute, near: list[Receipt], far: list[Receipt], cal: WorkingCalendar, runs: int
) -> tuple[float, float]:
    """Median rates of the near and far batches, alternating which goes first."""
    near_rates, far_rates = [], []
    for run in range(runs):
        order = [(near, near_rates), (far, far_rates)]
        for batch, rates in order if run % 2 == 0 else reversed(order):
            rates.append(rate(compute, batch, cal))
    return statistics.median(near_rates), statistics.median(far_rates)


def first_use_of_a_year(runs: int) -> float:
    """Milliseconds to build one year's calendar from the holidays package and the decisions."""
    timings = []
    for run in range(runs):
        calendars.vietnam_holidays.cache_clear()
        cal = WorkingCalendar(calendars.vietnam_holidays, shipped_decisions())
        began = time.perf_counter()
        cal.is_working_day(date(2030 + run % YEARS, 6, 1))
        timings.append((time.perf_counter() - began) * 1000)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer receipts and runs, for a smoke test")
    args = parser.parse_args()
    count, runs = (2_000, 3) if args.quick else (20_000, 7)

    began = time.perf_counter()
    cal = calendars.calendar_with(shipped_decisions())
    cal.is_working_day(FIRST)
    first_ever = (time.perf_counter() - began) * 1000
    for year in range(FIRST.year, FIRST.year + YEARS + 3):
        cal.is_working_day(date(year, 1, 1))  # every year the appointments reach, computed once up front

    rows = []
    for label, units in [("all three units", UNITS), *((unit, (unit,)) for unit in UNITS)]:
        near, far = receipts(count, 0, units, seed=1), receipts(count, 1, units, seed=2)
        rows.append((f"compute_due, {label}", *medians(compute_due, near, far, cal, runs)))
    near, far = receipts(count // 10, 0, (WORKING_DAYS,), 1), receipts(count // 10, 1, (WORKING_DAYS,), 2)
    rows.append(("day-by-day count*, working_days", *medians(day_by_day, near, far, cal, runs)))

    cold = first_use_of_a_year(runs)
    years = f"{FIRST.year}-{FIRST.year + YEARS - 1}"
    print(f"Appointments per second: {count:,} random receipts received {years},")
    print(f"median of {runs} runs (near: days ahead; far: one to two years ahead).")
    print()
    print(f"{'':34} {'near/s':>10} {'far/s':>10} {'near ÷ far':>11}")
    for label, near_rate, far_rate in rows:
        print(f"{label:34} {near_rate:>10,.0f} {far_rate:>10,.0f} {near_rate / far_rate:>10.2f}×")
    print(f"* on {count // 10:,} receipts, counting working days one at a time as before (for comparison)")
    print()
    print(f"First year in this process (the package loads its data): {first_ever:6.1f} ms")
    print(f"Each further year on first use, then cached:              {cold:6.1f} ms")


if __name__ == "__main__":
    main()
