"""Time the two-copy receipt PDF against a naive WeasyPrint path and a ReportLab floor.

Run from the project root: .venv/bin/python -m benchmarks.bench_pdf [--quick] [--profile]

Every contender prints the same receipt: the example of the province's guide, whose procedure
lists four documents. Timings are medians; the three contenders run in turn within each round, so
that a busy machine slows them alike. The worker measurements (first PDF after a start, RSS over
many renders) run in fresh interpreters, so that nothing this process loaded counts for them.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import logging
import os
import pstats
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Flask

from benchmarks.example_app import (
    PUBLIC,
    issue,
    issue_and_render,
    make_database,
    pdf_of,
    start_app,
    token_of,
)
from benchmarks.harness import (
    in_fresh_worker,
    median_of,
    medians,
    pairwise_median,
    print_worker_result,
    row,
    rss_mb,
    table,
    timer,
)
from benchmarks.naive_receipt import naive_pdfs
from benchmarks.reportlab_receipt import reportlab_pdf
from receipts import links, runtime
from receipts.domain.receipt import COPIES
from receipts.render.forms import receipt_pdf_sources
from receipts.render.pdf import harfbuzz_subset_available
from receipts.signing.qr import qr_svg

MODULE = "benchmarks.bench_pdf"


@dataclass(frozen=True)
class Sizes:
    """How many times each measurement runs."""

    rounds: int
    hits: int
    workers: int
    renders: int


FULL = Sizes(rounds=15, hits=200, workers=5, renders=1000)
QUICK = Sizes(rounds=5, hits=50, workers=2, renders=200)


# --- measurements -------------------------------------------------------------------------------


def side_by_side(app: Flask, rounds: int) -> dict[str, float]:
    """Time issue + first PDF, the two naive renders and ReportLab in turn, `rounds` times."""
    times: dict[str, list[float]] = {"issue": [], "pdf": [], "naive": [], "reportlab": []}
    with app.app_context():
        # Not counted: the first round compiles SQL, loads ReportLab and fills caches. Then freeze
        # what it loaded, as warm() froze the rest, so that the collection after each of our
        # renders does not scan ReportLab's font tables, which a worker never holds.
        _, pdf = issue_and_render()
        reportlab_pdf(issue().snapshot.form_lines(), COPIES, PUBLIC)
        gc.collect()
        gc.freeze()
        for _ in range(rounds):
            qr_svg.cache_clear()
            with timer(times["issue"]):
                stored = issue()
            token = token_of(stored)
            with timer(times["pdf"]):
                pdf_of(token)
            lines, url = stored.snapshot.form_lines(), links.verify_url(PUBLIC, token)
            qr_svg.cache_clear()
            with timer(times["naive"]):
                naive_pdfs(lines, COPIES, url)
            with timer(times["reportlab"]):
                reportlab_pdf(lines, COPIES, url)
    result = medians(times)
    result["ours"] = pairwise_median(times["issue"], times["pdf"])
    result["pdf_kb"] = len(pdf) / 1024
    return result


def cache_hits(app: Flask, count: int) -> dict[str, float]:
    """Time the same PDF asked for again, through the service and through GET /r/<token>.pdf."""
    times: dict[str, list[float]] = {"service": [], "http": []}
    with app.app_context():
        token, first = issue_and_render()
        for _ in range(count):
            with timer(times["service"]):
                pdf = pdf_of(token)
            assert pdf is first
    client = app.test_client()
    for _ in range(count):
        with timer(times["http"]):
            response = client.get(f"/r/{token}.pdf")
        assert response.status_code == 200
    return medians(times)


def worker_first_pdf(url: str, warm: bool) -> dict[str, float]:
    """Start the app as a worker does, time its first PDF and the five after it."""
    started = time.perf_counter()
    app = start_app(url, warm=warm)
    ready = time.perf_counter()
    renders: list[float] = []
    with app.app_context():
        tokens = [token_of(issue()) for _ in range(6)]
        for token in tokens:
            with timer(renders):
                pdf_of(token)
    return {
        "start_ms": (ready - started) * 1000,
        "first_ms": renders[0],
        "warm_ms": statistics.median(renders[1:]),
    }


def worker_rss(url: str, renders: int) -> dict[str, float]:
    """Start a warmed worker and note its RSS over `renders` requests, each issue + a new PDF."""
    app = start_app(url, warm=True)
    marks = {n for n in (100, 500, renders // 2, renders) if n <= renders}
    rss = {"0": rss_mb()}
    for n in range(1, renders + 1):
        with app.app_context():  # one per request, as Flask does
            issue_and_render()
        if n in marks:
            rss[str(n)] = rss_mb()
    return rss


def profile_warm_render(app: Flask, renders: int = 10, top: int = 25) -> str:
    """Return cProfile's cumulative listing of `renders` warm renders of one receipt's HTML."""
    with app.app_context():
        stored = issue()
        sources = receipt_pdf_sources(stored.snapshot, links.verify_url(PUBLIC, token_of(stored)))
        renderer = runtime.renderer()
        renderer.render(*sources)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(renders):
            renderer.render(*sources)
        profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


# --- report -------------------------------------------------------------------------------------


def render_rows(side: dict[str, float], hits: dict[str, float]) -> list[str]:
    """Return the table rows of the in-process measurements."""
    naive_ratio = side["naive"] / side["ours"]
    floor_ratio = side["ours"] / side["reportlab"]
    return [
        row(
            "issue + first PDF, warm",
            f"{side['ours']:.1f} ms (issue {side['issue']:.1f}, PDF {side['pdf']:.1f})",
        ),
        row("two naive one-page renders", f"{side['naive']:.1f} ms"),
        row("ReportLab, the same two pages (floor)", f"{side['reportlab']:.1f} ms"),
        row("naive ÷ ours", f"{naive_ratio:.2f}×", "≥ 1.5×", naive_ratio >= 1.5),
        row("ours ÷ ReportLab", f"{floor_ratio:.2f}×", "≤ 3×", floor_ratio <= 3),
        row(
            "same PDF again, verification.receipt_pdf",
            f"{hits['service']:.2f} ms",
            "≤ 5 ms",
            hits["service"] <= 5,
        ),
        row("same PDF again, GET /r/<token>.pdf", f"{hits['http']:.2f} ms", "≤ 5 ms", hits["http"] <= 5),
    ]


def worker_rows(sizes: Sizes, starts: dict[str, Any]) -> list[str]:
    """Return the table rows of the fresh-worker measurements."""
    warm = median_of(starts["warm"], "warm_ms")
    first = median_of(starts["warm"], "first_ms")
    cold = median_of(starts["cold"], "first_ms")
    rss = starts["rss"]
    values = list(rss.values())
    half, last = rss[str(sizes.renders // 2)], values[-1]
    marks = ", ".join(f"{n}: {v:.0f}" for n, v in rss.items())
    return [
        row("fresh worker: create_app until warmed", f"{median_of(starts['warm'], 'start_ms'):.0f} ms"),
        row(
            "fresh worker: first PDF ÷ warm PDF",
            f"{first:.1f} ÷ {warm:.1f} ms = {first / warm:.2f}×",
            "≤ 2×",
            first / warm <= 2,
        ),
        row("fresh worker without warm(): first PDF", f"{cold:.1f} ms = {cold / warm:.2f}× warm"),
        row(
            "worker RSS after n renders (n: MB)",
            f"{marks}; +{last - half:.1f} in the last {sizes.renders - sizes.renders // 2}",
            "flat, < 150 MB",
            max(values) < 150 and last - half < 5,
        ),
    ]


def run_worker(mode: str, url: str, arg: str) -> None:
    """Run one fresh-worker measurement (this is the child of `in_fresh_worker`) and print its JSON."""
    result = worker_first_pdf(url, arg == "warm") if mode == "first" else worker_rss(url, int(arg))
    print_worker_result(result)


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print its markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds and renders (under a minute)")
    parser.add_argument("--profile", action="store_true", help="also print cProfile of the warm render")
    parser.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    logging.disable(logging.INFO)  # Alembic's migration messages
    if options.worker:
        run_worker(*options.worker)
        return

    sizes = QUICK if options.quick else FULL
    print(
        f"harfbuzz-subset: {'yes' if harfbuzz_subset_available() else 'MISSING (expect 4-5x slower)'}; "
        f"{os.cpu_count()} CPUs; {sizes.rounds} rounds, {sizes.renders} renders for RSS",
        file=sys.stderr,
    )
    with tempfile.TemporaryDirectory() as folder:
        url = make_database(Path(folder))
        app = start_app(url, warm=True)
        side = side_by_side(app, sizes.rounds)
        hits = cache_hits(app, sizes.hits)
        profile = profile_warm_render(app) if options.profile else ""
        starts = {
            "warm": [in_fresh_worker(MODULE, "first", url, "warm") for _ in range(sizes.workers)],
            "cold": [in_fresh_worker(MODULE, "first", url, "cold") for _ in range(sizes.workers)],
            "rss": in_fresh_worker(MODULE, "rss", url, str(sizes.renders)),
        }
    rows = render_rows(side, hits) + worker_rows(sizes, starts)
    print(table([*rows, row("PDF size (cached per receipt version)", f"{side['pdf_kb']:.0f} KB")]))
    if profile:
        print("\n" + profile)


if __name__ == "__main__":
    main()
