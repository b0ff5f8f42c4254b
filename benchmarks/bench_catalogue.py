"""The catalogue over a province's 5,000 procedures: one page with its counts by level and field.

Run from the project root: .venv/bin/python -m benchmarks.bench_catalogue [--quick] [--postgres URL]

Every contender answers the same searches (words with or without diacritics, filters by level and
field, a late page, a search that finds nothing) with the same result: the total, the counts by
level within the chosen field, the counts by field within the chosen level, and a page of 50.
In each round the contenders run one after the other on every search, so that a busy machine slows
them alike; the figures are medians.

- ours: `services.catalogue.browse_procedures` — one GROUP BY level, field over the matching
  rows (read from the covering index on SQLite) and one page of plain rows.
- ours without the index: the same on a copy of the database without `ix_procedures_facets`.
- baseline: every procedure loaded and filtered, counted and paged in Python (what "not by loading
  rows" rules out).
- the page: `GET /thu-tuc?…` through the test client (ours, with the template).
- with --postgres: ours on a throw-away PostgreSQL database (the URL of a server we may create
  databases on, e.g. postgresql+psycopg://postgres@127.0.0.1:5432/postgres).
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import select, text

from benchmarks.harness import row, table, timer
from receipts import create_app
from receipts.domain.catalogue import facet_counts
from receipts.domain.text import fold
from receipts.extensions import db
from receipts.services import catalogue
from receipts.store import models
from tests.support import base_config, migrate_to_head, province_procedures

SIZE = 5000
PER_PAGE = 50
TARGET_MS = 20.0
Search = tuple[str, str | None, str | None, int]
SEARCHES: list[Search] = [
    ("", None, None, 1),
    ("khai sinh", None, None, 1),
    ("giay phep lai xe", None, None, 1),
    ("Cấp đổi giấy phép", "province", None, 1),
    ("", "commune", "Hộ tịch", 1),
    ("dat dai", None, "Đất đai", 1),
    ("", None, None, 80),
    ("zzzz", None, None, 1),
]


def import_province(app: Flask, folder: Path) -> None:
    """Import the province's procedures with the command operators use."""
    data = folder / "procedures.json"
    data.write_text(json.dumps(province_procedures(SIZE), ensure_ascii=False), encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["procedures", "import", str(data)])
    if result.exit_code != 0:
        raise RuntimeError(result.output)


def sqlite_app(folder: Path, *, index: bool) -> Flask:
    """Return the app on its own SQLite file holding the province, with or without the covering index."""
    url = f"sqlite:///{folder / ('with' if index else 'without')}.sqlite3"
    migrate_to_head(url)
    app = create_app(base_config(url))
    import_province(app, folder)
    if not index:
        with app.app_context():
            db.session.execute(text("DROP INDEX ix_procedures_facets"))
            db.session.commit()
    return app


@contextmanager
def postgres_app(admin_url: str, folder: Path) -> Iterator[Flask]:
    """Yield the app on a throw-away PostgreSQL database holding the province; drop it afterwards."""
    import psycopg

    name = f"bench_catalogue_{uuid.uuid4().hex[:8]}"
    admin = psycopg.connect(admin_url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    app = None
    try:
        url = admin_url.rsplit("/", 1)[0] + "/" + name
        migrate_to_head(url)
        app = create_app(base_config(url))
        import_province(app, folder)
        with app.app_context():
            db.session.execute(text("ANALYZE procedures"))
            db.session.commit()
        yield app
    finally:
        if app is not None:
            with app.app_context():
                db.session.remove()
                db.engine.dispose()
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def ours(search: Search) -> tuple[int, int]:
    """Browse as the page does; return the total and the first number of the page."""
    q, level, field, page = search
    found = catalogue.browse_procedures(q, level, field, page, PER_PAGE)
    return found.found.total, len(found.found.items)


def baseline(search: Search) -> tuple[int, int]:
    """Load every procedure, then filter, count by level and field, and page in Python."""
    q, level, field, page = search
    words = fold(q).split()
    rows = db.session.scalars(select(models.Procedure)).all()
    matching = [r for r in rows if all(w in fold(r.name) for w in words)]
    groups: dict[tuple[str, str], int] = {}
    for r in matching:
        groups[(r.level, r.field)] = groups.get((r.level, r.field), 0) + 1
    by_level, _ = facet_counts(groups, level, field)
    chosen = sorted(
        (r for r in matching if (not level or r.level == level) and (not field or r.field == field)),
        key=lambda r: r.code,
    )
    total = by_level.get(level, 0) if level else sum(by_level.values())
    return total, len(chosen[(page - 1) * PER_PAGE : page * PER_PAGE])


def page_over_http(app: Flask) -> Callable[[Search], tuple[int, int]]:
    """Return a contender that asks for the page through the test client."""
    client = app.test_client()

    def get(search: Search) -> tuple[int, int]:
        q, level, field, page = search
        response = client.get(
            "/thu-tuc", query_string={"q": q, "level": level or "", "field": field or "", "page": page}
        )
        assert response.status_code == 200
        return 0, 0

    return get


def side_by_side(
    contenders: dict[str, tuple[Flask, Callable[[Search], Any]]], rounds: int
) -> dict[str, dict[Search, list[float]]]:
    """Time every contender on every search in each round; check they agree; return the times in ms."""
    times: dict[str, dict[Search, list[float]]] = {name: {s: [] for s in SEARCHES} for name in contenders}
    for _ in range(rounds):
        for search in SEARCHES:
            answers = {}
            for name, (app, contender) in contenders.items():
                with app.app_context(), timer(times[name][search]):
                    answers[name] = contender(search)
            agreed = {answer for name, answer in answers.items() if not name.startswith("the page")}
            if len(agreed) != 1:
                raise AssertionError(f"contenders disagree on {search}: {answers}")
    return times


def summary(times: dict[Search, list[float]]) -> tuple[float, float, Search]:
    """Return the median over every search and round, and the slowest search's median with the search."""
    every = statistics.median(t for series in times.values() for t in series)
    slowest = max(times, key=lambda s: statistics.median(times[s]))
    return every, statistics.median(times[slowest]), slowest


def report(times: dict[str, dict[Search, list[float]]]) -> str:
    """Return the markdown table: each contender's medians, the slowest search, and the ratios."""
    rows = []
    overall = {name: summary(series) for name, series in times.items()}
    for name, (every, worst, search) in overall.items():
        mine = name.startswith("ours") or name.startswith("the page")
        target = f"< {TARGET_MS:.0f} ms" if mine and "without" not in name else ""
        met = worst < TARGET_MS if target else None
        rows.append(
            row(
                f"{name}: median / slowest search {describe(search)}",
                f"{every:.2f} / {worst:.2f} ms",
                target,
                met,
            )
        )
    base = overall["baseline: load every row, count in Python"][0]
    for name, (every, _, _) in overall.items():
        if name.startswith("ours"):
            rows.append(row(f"baseline ÷ {name}", f"{base / every:.1f}×"))
    return table(rows)


def describe(search: Search) -> str:
    """Return a search as a short query string for the table."""
    q, level, field, page = search
    parts = [f"q={q}" if q else "", f"level={level}" if level else "", f"field={field}" if field else ""]
    parts.append(f"page={page}" if page > 1 else "")
    return "(" + ", ".join(p for p in parts if p) + ")" if any(parts) else "(everything)"


def main(argv: list[str] | None = None) -> None:
    """Build the databases, run the contenders side by side and print the markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="5 rounds instead of 40")
    parser.add_argument("--postgres", metavar="URL", help="also run ours on a throw-away PostgreSQL database")
    options = parser.parse_args(argv)
    logging.disable(logging.INFO)  # Alembic's migration messages
    rounds = 5 if options.quick else 40
    with tempfile.TemporaryDirectory() as folder, _maybe_postgres(options.postgres, Path(folder)) as pg:
        indexed = sqlite_app(Path(folder), index=True)
        plain = sqlite_app(Path(folder), index=False)
        contenders: dict[str, tuple[Flask, Callable[[Search], Any]]] = {
            "ours (SQLite)": (indexed, ours),
            "ours without the index (SQLite)": (plain, ours),
            "baseline: load every row, count in Python": (indexed, baseline),
            "the page GET /thu-tuc (SQLite)": (indexed, page_over_http(indexed)),
        }
        if pg is not None:
            contenders["ours (PostgreSQL)"] = (pg, ours)
        print(f"{SIZE} procedures, {len(SEARCHES)} searches, {rounds} rounds", file=sys.stderr)
        print(report(side_by_side(contenders, rounds)))


@contextmanager
def _maybe_postgres(url: str | None, folder: Path) -> Iterator[Flask | None]:
    if url is None:
        yield None
        return
    pg_folder = folder / "pg"
    pg_folder.mkdir()
    with postgres_app(url, pg_folder) as app:
        yield app


if __name__ == "__main__":
    main()
