"""What every benchmark needs: timing, medians, fresh worker interpreters, RSS and the report table.

Nothing here knows about receipts, so that a later benchmark can time anything with it.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TABLE_HEAD = ("| Measure | Result | Target | Met |", "|---|---|---|---|")


@contextmanager
def timer(into: list[float]) -> Iterator[None]:
    """Append the wall time of the block, in milliseconds, to `into`."""
    start = time.perf_counter()
    yield
    into.append((time.perf_counter() - start) * 1000)


def medians(times: Mapping[str, Sequence[float]]) -> dict[str, float]:
    """Return the median of each named series."""
    return {name: statistics.median(values) for name, values in times.items()}


def pairwise_median(first: Sequence[float], second: Sequence[float]) -> float:
    """Return the median of the sums of two series timed in the same rounds (e.g. two steps of one task)."""
    return statistics.median(a + b for a, b in zip(first, second, strict=True))


def median_of(results: Iterable[Mapping[str, float]], key: str) -> float:
    """Return the median of one field over several workers' results."""
    return statistics.median(result[key] for result in results)


def in_fresh_worker(module: str, mode: str, *args: str) -> dict[str, Any]:
    """Run `python -m module --worker mode args…` in a fresh interpreter; return the JSON it prints last.

    A fresh interpreter, so that nothing this process loaded or warmed counts for the measurement.
    """
    out = subprocess.run(
        [sys.executable, "-m", module, "--worker", mode, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def print_worker_result(result: Mapping[str, Any]) -> None:
    """Print a worker's result as the one JSON line `in_fresh_worker` reads."""
    print(json.dumps(result))


def rss_mb() -> float:
    """Return the resident set size of this process in MB."""
    import psutil  # a development requirement: imported only by the benchmarks that measure RSS

    return psutil.Process().memory_info().rss / 2**20


def row(what: str, result: str, target: str = "", met: bool | None = None) -> str:
    """Return one line of the markdown results table."""
    verdict = "" if met is None else ("yes" if met else "**no**")
    return f"| {what} | {result} | {target} | {verdict} |"


def table(rows: Iterable[str]) -> str:
    """Return the markdown results table: its head, then `rows` made by `row`."""
    return "\n".join([*TABLE_HEAD, *rows])
