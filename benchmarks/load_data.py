"""The load test's data: a fresh PostgreSQL database, receipts bulk-inserted by the thousand or the
million, tokens of random receipts, and the plans of the queries a page view runs.

Rows are made inside PostgreSQL (`INSERT … SELECT … FROM generate_series`), each batch one
statement: a real issued receipt's snapshot is the template, its code and number rewritten per
row, 1,000 receipts a day going back from yesterday, and `day_sequences` set to match, so that
issuing goes on as after years of service.
"""

from __future__ import annotations

import json
import random
import re
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import psycopg
from sqlalchemy import event

from receipts import create_app, links
from receipts.clock import now_local
from receipts.extensions import db
from receipts.services import access, receipts
from receipts.signing.qr import best_mask
from receipts.signing.tokens import TokenSigner
from receipts.store import qr_masks
from receipts.store.database import write_transaction
from tests.support import DEMO_AGENCY, EXAMPLE, base_config, load_demo, migrate_to_head

BENCH_KEY = "benchmark-key-0123456789abcdef"
PER_DAY = 1000
BATCH = 100_000
# Tables whose full scan on a page view would make it grow with the data.
DAY_LIST = "the counter's list of today's receipts, every agency (an admin)"
WATCHED = ("receipts", "receipt_versions", "dossier_events", "subscriptions", "idempotency_keys", "qr_masks")

INSERT = """
WITH made AS (
  INSERT INTO receipts (code, agency_code, procedure_code, day, sequence, status, current_version,
                        received_at, due_at, revoke_reason)
  SELECT %(agency)s || '-' || to_char(d, 'YYMMDD') || '-' || lpad(s::text, 4, '0'),
         %(agency)s, %(procedure)s, d, s, 'received', 1, d + time '02:00', d + 14 + time '09:00', ''
  FROM (SELECT %(newest)s::date - ((g - 1) / %(per_day)s::int) AS d, (g - 1) %% %(per_day)s::int + 1 AS s
        FROM generate_series(%(first)s::int, %(last)s::int) AS g) AS numbered
  RETURNING id, code, sequence)
INSERT INTO receipt_versions (receipt_id, version, snapshot, created_at)
SELECT id, 1, jsonb_set(jsonb_set(%(template)s::jsonb, '{code}', to_jsonb(code)),
                        '{number}', to_jsonb(sequence))::json, now()
FROM made
"""
SEQUENCES = """
INSERT INTO day_sequences (agency_code, day, last)
SELECT agency_code, day, max(sequence) FROM receipts WHERE agency_code = %(agency)s GROUP BY agency_code, day
ON CONFLICT (agency_code, day) DO UPDATE SET last = greatest(day_sequences.last, excluded.last)
"""


EVENTS = """
INSERT INTO dossier_events (receipt_id, kind, status, note, at)
SELECT id, 'status', 'in_progress', '', received_at + interval '1 hour' * n
FROM receipts, generate_series(1, 2) AS n
WHERE id % 3 <> 0 AND NOT EXISTS (SELECT 1 FROM dossier_events AS e WHERE e.receipt_id = receipts.id)
"""

# A QR mask for every version, as issuing keeps them, under digests of no real URL: the plans see the
# table's size; the sampled receipts' own masks are kept once the servers' URLs are known
# (`keep_qr_masks`).
MASKS = """
INSERT INTO qr_masks (digest, mask)
SELECT substring(sha256(convert_to('bulk-' || id, 'UTF8')) FROM 1 FOR 16), id % 8 FROM receipt_versions
ON CONFLICT DO NOTHING
"""


def admin_url(url: str) -> str:
    """Return the libpq form of a SQLAlchemy PostgreSQL URL."""
    return url.replace("postgresql+psycopg://", "postgresql://")


@contextmanager
def fresh_database(server_url: str) -> Iterator[str]:
    """Create a database on the server of `server_url`, migrated to the newest schema; drop it after."""
    name = f"receipts_bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin_url(server_url), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = server_url.rsplit("/", 1)[0] + "/" + name
    try:
        migrate_to_head(url)
        yield url
    finally:
        with psycopg.connect(admin_url(server_url), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def prepare(url: str) -> dict[str, Any]:
    """Load the demo catalogue, issue one real receipt and make an API key; return what the load needs."""
    app = create_app(base_config(url, SECRET_KEYS=BENCH_KEY))
    load_demo(app)
    with app.app_context():
        key = access.create_api_key("benchmark", list(access.SCOPES), now_local())
        command = _example_command()
        stored = receipts.issue(command, now_local())
        template = stored.snapshot.to_dict()
        db.session.remove()
        db.engine.dispose()
    signer = TokenSigner([BENCH_KEY])
    return {"key": key, "template": template, "token": signer.sign(stored.version_id), "code": stored.code}


def _example_command() -> Any:
    from receipts.domain.commands import IssueCommand
    from receipts.domain.receipt import Applicant

    return IssueCommand(
        agency_code=DEMO_AGENCY,
        procedure_code=EXAMPLE["procedure_code"],
        applicant=Applicant(**EXAMPLE["applicant"]),
        officer_name=EXAMPLE["officer_name"],
    )


def bulk_insert(url: str, template: dict[str, Any], first: int, last: int) -> float:
    """Insert receipts number `first` to `last` (1,000 a day back from yesterday); return the seconds."""
    newest = now_local().date() - timedelta(days=1)
    started = time.perf_counter()
    with psycopg.connect(admin_url(url)) as conn:
        for low in range(first, last + 1, BATCH):
            params = {
                "agency": DEMO_AGENCY,
                "procedure": EXAMPLE["procedure_code"],
                "newest": newest,
                "per_day": PER_DAY,
                "first": low,
                "last": min(last, low + BATCH - 1),
                "template": json.dumps(template, ensure_ascii=False),
            }
            conn.execute(INSERT, params)
            conn.commit()
        conn.execute(SEQUENCES, {"agency": DEMO_AGENCY})
        # Records as a working counter has them (two for every receipt but one in three), so that the
        # plans are the ones a full table gets, not an empty one's.
        conn.execute(EVENTS)
        conn.execute(MASKS)
        conn.commit()
    with psycopg.connect(admin_url(url), autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
        # Write the inserted rows' pages out now, not in a checkpoint during the measures (two runs
        # without this had one round of the large look-up with a p99 of 0.3 and 1 s).
        conn.execute("CHECKPOINT")
    return time.perf_counter() - started


def sample(url: str, count: int, seed: int = 5) -> list[tuple[str, str]]:
    """Return (token, code) of `count` receipts picked at random among all stored."""
    signer = TokenSigner([BENCH_KEY])
    with psycopg.connect(admin_url(url)) as conn:
        low, high = conn.execute("SELECT min(id), max(id) FROM receipt_versions").fetchone()
        ids = random.Random(seed).sample(range(low, high + 1), min(count, high - low + 1))
        rows = conn.execute(
            "SELECT v.id, r.code FROM receipt_versions v JOIN receipts r ON r.id = v.receipt_id "
            "WHERE v.id = ANY(%s)",
            (ids,),
        ).fetchall()
    return [(signer.sign(version_id), code) for version_id, code in rows]


def keep_qr_masks(url: str, base: str, tokens: list[str]) -> None:
    """Keep the QR masks of these receipts' pages served from `base`, as issuing them through the app
    would have (`services.verification.remember_qr`): the bulk-inserted ones never were."""
    app = create_app(base_config(url, SECRET_KEYS=BENCH_KEY))
    with app.app_context(), write_transaction():
        for token in tokens:
            verify_url = links.verify_url(base, token)
            qr_masks.keep(verify_url, best_mask(verify_url))


def plans(url: str, paths: list[str]) -> list[tuple[str, str, list[str]]]:
    """EXPLAIN the SELECTs of each path and of the admin's day list; return (what, plan, full scans)."""
    app = create_app(base_config(url, SECRET_KEYS=BENCH_KEY))
    seen: list[tuple[str, Any]] = []
    found = []
    with app.app_context():
        engine = db.engine

        def remember(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
            if statement.lstrip().upper().startswith("SELECT"):
                seen.append((statement, parameters))

        event.listen(engine, "before_cursor_execute", remember)
        client = app.test_client()
        for path in [*paths, DAY_LIST]:
            seen.clear()
            if path == DAY_LIST:
                receipts.of_day(None, now_local().date())
            else:
                assert client.get(path).status_code == 200, path
            for statement, parameters in list(seen):
                plan = "\n".join(
                    line
                    for (line,) in db.session.connection().exec_driver_sql("EXPLAIN " + statement, parameters)
                )
                scans = [t for t in WATCHED if re.search(rf"Seq Scan on {t}\b", plan)]
                found.append((path, plan, scans))
        event.remove(engine, "before_cursor_execute", remember)
        db.session.remove()
        db.engine.dispose()
    return found
