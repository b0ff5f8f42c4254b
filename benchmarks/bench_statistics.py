"""The statistics page (/quay/thong-ke) over a year of a centre: 500,000 receipts on PostgreSQL.

Run from the project root:
    .venv/bin/python -m benchmarks.bench_statistics [--receipts 500000] [--rounds 5] [--postgres URL]

It creates a throw-away database on the server (default postgresql+psycopg://postgres@127.0.0.1:5432/postgres),
migrates it, loads 20 agencies and a province's 2,000 procedures, then writes the receipts with one
INSERT … SELECT over generate_series (spread over 365 days, the three channels, every status; 60 %
with an "in progress" event and a result, half of those returned), and their events, then ANALYZE.
Only the columns the statistics read are filled: receipts carry no printed versions.

It times, as medians of the rounds:
- the service alone (`services.statistics.centre`) for the whole centre over the year, and for one
  agency over the default 30 days;
- the whole page (`GET /quay/thong-ke?…` through the test client, logged in, HTML rendered) for
  the centre over the year and over 30 days, and for an agency's officer;
- one export (`/quay/thong-ke/theo-thu-tuc.xlsx`) for the centre over the year.
The issue's target is the page under 1 s; this reports, it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import logging
import statistics as stats
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import psycopg
from sqlalchemy import text

from benchmarks.harness import row, table
from receipts import create_app
from receipts.domain.localtime import LOCAL
from receipts.domain.statistics import DateRange
from receipts.extensions import db
from receipts.schemas import files
from receipts.services import catalogue, statistics
from tests.support import (
    OFFICER_PASSWORD,
    add_agency,
    base_config,
    make_officer,
    migrate_to_head,
    province_procedures,
)

AGENCIES = [f"000.00.{n:02d}.H15" for n in range(1, 21)]
TARGET_MS = 1000.0
NOW = datetime(2026, 12, 31, 16, 0, tzinfo=LOCAL)
YEAR = {"tu": "2026-01-01", "den": "2026-12-31"}
MONTH = {"tu": "2026-12-02", "den": "2026-12-31"}

FILL = """
INSERT INTO receipts (code, agency_code, procedure_code, day, sequence, status, current_version,
                      received_at, due_at, revoke_reason, delivery, officer_name, revoked_at)
SELECT a.code || '-' || to_char(d, 'YYMMDD') || '-' || lpad(s::text, 6, '0'),
       a.code, p.code, d, s,
       (ARRAY['received','in_progress','result_ready','returned','returned','returned',
              'rejected','needs_supplement','withdrawn','suspended'])[1 + n % 10],
       1, d + interval '1 hour' + (n % 9) * interval '1 hour',
       d + (3 + n % 15) * interval '1 day', '',
       (ARRAY['counter','counter','post','online'])[1 + n % 4],
       'Cán bộ ' || (n % 50), CASE WHEN n % 97 = 0 THEN d + interval '1 day' END
FROM generate_series(0::bigint, :total - 1) AS n
CROSS JOIN LATERAL (SELECT DATE '2026-01-01' + (n * 7919 % 365)::int AS d, (n / 20 + 1)::int AS s) AS t
JOIN (SELECT code, row_number() OVER (ORDER BY code) - 1 AS i FROM agencies) AS a ON a.i = n % 20
JOIN (SELECT code, row_number() OVER (ORDER BY code) - 1 AS i FROM procedures) AS p
  ON p.i = (n * 31) % :procedures
"""
EVENTS = """
INSERT INTO dossier_events (receipt_id, status, note, at)
SELECT id, 'in_progress', '', received_at + interval '2 hours' FROM receipts WHERE id % 10 < 6
UNION ALL
SELECT id, 'result_ready', '', received_at + (id % 20) * interval '1 day' FROM receipts WHERE id % 10 < 6
UNION ALL
SELECT id, 'returned', '', received_at + (id % 20 + 1) * interval '1 day' FROM receipts WHERE id % 10 < 3
"""

# What store/events.add_event keeps on each receipt (and migration 0010 fills): its first result.
RESULTS = """
UPDATE receipts SET result_at = first.at
FROM (SELECT receipt_id, MIN(at) AS at FROM dossier_events WHERE status IN ('result_ready', 'returned')
      GROUP BY receipt_id) AS first
WHERE first.receipt_id = receipts.id
"""


def build(url: str, total: int) -> None:
    """Migrate a fresh database and fill it with agencies, procedures, receipts and events."""
    migrate_to_head(url)
    app = create_app(base_config(url))
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "procedures.json"
        data.write_text(json.dumps(province_procedures(2000), ensure_ascii=False), encoding="utf-8")
        with app.app_context():
            catalogue.load_procedures(files.read_procedures(data))
    for code in AGENCIES:
        add_agency(app, code, f"BỘ PHẬN MỘT CỬA {code}")
    with app.app_context():
        procedures = db.session.execute(text("SELECT count(*) FROM procedures")).scalar_one()
        db.session.execute(text(FILL), {"total": total, "procedures": procedures})
        db.session.execute(text(EVENTS))
        db.session.execute(text(RESULTS))
        db.session.commit()
        db.session.remove()
        with db.engine.connect() as connection:
            # As autovacuum would soon: fresh statistics and visibility map for the planner.
            connection.execution_options(isolation_level="AUTOCOMMIT").execute(text("VACUUM ANALYZE"))
        db.engine.dispose()


def median_ms(rounds: int, task: Callable[[], object]) -> float:
    """Run `task` once to warm up, then `rounds` times; return the median in milliseconds."""
    task()
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        task()
        times.append((time.perf_counter() - start) * 1000)
    return stats.median(times)


def measure(url: str, rounds: int) -> list[str]:
    """Time the service and the page; return the report's rows."""
    app = create_app(base_config(url, WTF_CSRF_ENABLED=False))
    make_officer(app, "truong.trung.tam", role="admin", agency=None)
    make_officer(app, "canbo.01", agency=AGENCIES[0])
    centre, officer = app.test_client(), app.test_client()
    for client, name in ((centre, "truong.trung.tam"), (officer, "canbo.01")):
        assert (
            client.post("/quay/dang-nhap", data={"username": name, "password": OFFICER_PASSWORD}).status_code
            == 303
        )

    def page(client: object, query: dict[str, str], path: str = "/quay/thong-ke") -> Callable[[], object]:
        def run() -> object:
            response = client.get(path, query_string=query)  # type: ignore[attr-defined]
            assert response.status_code == 200, response.status_code
            return response.data

        return run

    with app.app_context():
        year = DateRange(date(2026, 1, 1), date(2026, 12, 31))
        month = DateRange(date(2026, 12, 2), date(2026, 12, 31))
        service_year = median_ms(rounds, lambda: statistics.centre(None, year, NOW))
        service_agency = median_ms(rounds, lambda: statistics.centre(AGENCIES[0], month, NOW))
    results = [
        ("service: whole centre, one year", service_year, None),
        ("service: one agency, 30 days", service_agency, None),
        ("page: whole centre, one year", median_ms(rounds, page(centre, YEAR)), TARGET_MS),
        ("page: whole centre, 30 days", median_ms(rounds, page(centre, MONTH)), TARGET_MS),
        ("page: an agency's officer, one year", median_ms(rounds, page(officer, YEAR)), TARGET_MS),
        (
            "XLSX of receipts per procedure, one year",
            median_ms(rounds, page(centre, YEAR, "/quay/thong-ke/theo-thu-tuc.xlsx")),
            None,
        ),
    ]
    with app.app_context():
        db.engine.dispose()
    return [
        row(
            what,
            f"{ms:.0f} ms",
            "" if target is None else f"< {target:.0f} ms",
            None if target is None else ms < target,
        )
        for what, ms, target in results
    ]


def main() -> None:
    """Build the database, measure, print the report, drop the database."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--receipts", type=int, default=500_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    logging.getLogger("alembic").setLevel(logging.WARNING)
    name = f"receipts_bench_stats_{uuid.uuid4().hex[:8]}"
    admin = psycopg.connect(args.postgres.replace("+psycopg", ""), autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    url = args.postgres.rsplit("/", 1)[0] + "/" + name
    try:
        started = time.perf_counter()
        build(url, args.receipts)
        print(f"built {args.receipts:,} receipts in {time.perf_counter() - started:.0f} s", file=sys.stderr)
        rows = measure(url, args.rounds)
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()
    print(
        f"Statistics page over {args.receipts:,} receipts on PostgreSQL (medians of {args.rounds} rounds)\n"
    )
    print(table(rows))


if __name__ == "__main__":
    main()
