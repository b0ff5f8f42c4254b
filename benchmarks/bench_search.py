"""The counter's search over a year of receipts (500,000) on PostgreSQL, with the plans that explain it.

Run from the project root:
  .venv/bin/python -m benchmarks.bench_search [--rows 500000] [--rounds 15]
      [--postgres postgresql+psycopg://postgres@127.0.0.1:5432/postgres]

A throw-away database is migrated (so the indexes are migration 0007's), filled by COPY with a
year of receipts of 10 agencies (names drawn like Vietnamese names, a third of them Nguyễn; phones;
3 procedures), analysed, and then each search runs as `services.search.find_dossiers` (the count,
capped at 1,001, and one page of 20 with their current versions), first as one agency's officer,
then as the centre's administrator (every agency). Medians over the rounds. Each search's plan
(EXPLAIN) must use the index named beside it, or the run fails. The issue's target: under 100 ms.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import text

from benchmarks.harness import row, table, timer
from receipts import create_app
from receipts.domain.localtime import LOCAL
from receipts.domain.search import DossierQuery
from receipts.domain.text import fold
from receipts.extensions import db
from receipts.services import search
from receipts.store.search import page_query
from tests.support import add_agency, base_config, load_demo, migrate_to_head

TARGET_MS = 100.0
INDEX_NAME = re.compile(r"(?:Index Scan|Index Only Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\w+)")
AGENCIES = ["000.00.04.H15", *[f"000.00.{n:02d}.H15" for n in range(10, 19)]]
PROCEDURES = ["1.000028.000.00.00.H15", "1.002835.000.00.00.H15", "1.004088.000.00.00.H15"]
FAMILY = (
    ["Nguyễn"] * 38
    + ["Trần"] * 11
    + ["Lê"] * 9
    + ["Phạm"] * 7
    + ["Hoàng", "Huỳnh", "Phan"] * 4
    + [
        "Vũ",
        "Võ",
        "Đặng",
        "Bùi",
        "Đỗ",
        "Hồ",
        "Ngô",
        "Dương",
        "Lý",
        "Đinh",
        "Trương",
        "Lương",
        "Mai",
        "Tạ",
    ]
)
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Quốc", "Ngọc", "Hoàng", "Thu", "Kim", "Xuân", "Công"]
GIVEN = (
    "An Anh Bình Châu Chi Cường Dũng Duy Đạt Giang Hà Hải Hạnh Hằng Hậu Hiền Hiếu Hòa Hoa Hồng Hùng Hương "
    "Huy Khánh Khoa Lan Linh Long Mai Minh My Nam Nga Ngân Nhung Phong Phúc Phương Quân Quang Quyên Sơn "
    "Tâm Thảo Thắng Thành Thủy Tiến Trang Trinh Trung Tuấn Tùng Uyên Vân Việt Vinh Yến"
).split()
NEEDLE = ("Đặng Thị Quyên Hậu", "0987654321")


def searches(code: str) -> list[tuple[str, dict[str, Any], str]]:
    """Return (what, query fields, the index its plan must use) of each search timed."""
    mid_year = date(2025, 6, 1)
    return [
        ("code, typed oddly", {"text": "#" + code.lower().replace("-", " – ")}, "receipts_code_key"),
        ("phone, +84 and spaces", {"text": "+84 987 654 321"}, "ix_receipts_applicant_phone"),
        ("full name without diacritics", {"text": "dang thi quyen hau"}, "ix_receipts_applicant_folded"),
        ("one given name", {"text": "quyen"}, ""),
        ("a common family name (count capped)", {"text": "nguyen"}, ""),
        ("common name, page 40", {"text": "nguyen van", "page": 40}, ""),
        (
            "name + a month",
            {"text": "tran thi", "date_from": mid_year, "date_to": mid_year + timedelta(30)},
            "",
        ),
        (
            "procedure + a week",
            {"procedure_code": PROCEDURES[1], "date_from": mid_year, "date_to": mid_year + timedelta(6)},
            "",
        ),
        ("nothing matches", {"text": "zzzz"}, "ix_receipts_applicant_folded"),
    ]


def fill(url: str, rows: int, seed: int = 9) -> str:
    """COPY a year of receipts with their first versions into the database; return the needle's code."""
    import psycopg

    columns = (
        "id, code, agency_code, procedure_code, day, sequence, status, current_version, received_at,"
        " due_at, revoke_reason, applicant_folded, applicant_phone"
    )
    versions: list[tuple[Any, ...]] = []
    with psycopg.connect(url.replace("+psycopg", "")) as conn, conn.cursor() as cur:
        with cur.copy(f"COPY receipts ({columns}) FROM STDIN") as copy:
            for receipt, version in generated(rows, seed):
                copy.write_row(receipt)
                versions.append(version)
        with cur.copy("COPY receipt_versions (receipt_id, version, snapshot, created_at) FROM STDIN") as copy:
            for version in versions:
                copy.write_row(version)
        cur.execute("SELECT setval('receipts_id_seq', %s)", (rows,))
        needle = cur.execute("SELECT code FROM receipts WHERE applicant_phone = %s", (NEEDLE[1],)).fetchone()
        conn.commit()
        conn.autocommit = True
        cur.execute("VACUUM ANALYZE receipts")
        cur.execute("VACUUM ANALYZE receipt_versions")
    assert needle is not None
    return str(needle[0])


def generated(rows: int, seed: int) -> Iterator[tuple[tuple[Any, ...], tuple[Any, ...]]]:
    """Yield each receipt's row and its first version's row: 10 agencies, a year of days, 3 procedures."""
    rng = random.Random(seed)
    start = datetime(2025, 1, 1, 7, 30, tzinfo=LOCAL)
    per_day = max(1, rows // (len(AGENCIES) * 365))
    for i in range(rows):
        agency, slot = AGENCIES[i % len(AGENCIES)], i // len(AGENCIES)
        day_index, within = divmod(slot, per_day)
        received = start + timedelta(days=day_index % 365, minutes=within * 3)
        sequence = within + 1 + 1000 * (day_index // 365)  # past a year's rows, days hold more
        name, phone = NEEDLE if i == rows // 2 else (_name(rng), f"09{rng.randrange(10**8):08d}")
        code = f"{agency}-{received:%y%m%d}-{sequence:04d}"
        at = received.astimezone(UTC).replace(tzinfo=None)
        procedure = PROCEDURES[i % 3]
        receipt = (i + 1, code, agency, procedure, received.date(), sequence, "received", 1, at)
        receipt += (at + timedelta(days=14), "", fold(name), phone)
        snapshot = _snapshot(code, agency, procedure, name, phone, received)
        yield receipt, (i + 1, 1, json.dumps(snapshot), at)


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _snapshot(
    code: str, agency: str, procedure: str, name: str, phone: str, received: datetime
) -> dict[str, Any]:
    return {
        "code": code,
        "version": 1,
        "agency": {
            "code": agency,
            "parent_name": "UBND TỈNH ĐẮK LẮK",
            "unit_name": "BỘ PHẬN MỘT CỬA",
            "place": "Đắk Lắk",
            "paper": "A4",
        },
        "procedure": {
            "code": procedure,
            "name": "Thủ tục " + procedure,
            "duration": 10,
            "duration_unit": "working_days",
        },
        "applicant": {"name": name, "phone": phone},
        "documents": [{"name": "Đơn đề nghị", "copies": 1, "form": "Bản chính"}],
        "received_at": received.isoformat(),
        "due_at": (received + timedelta(days=14)).isoformat(),
    }


@contextmanager
def database(server: str) -> Iterator[str]:
    """Create a throw-away database on the server, yield its URL, drop it."""
    import psycopg

    name = f"receipts_bench_{uuid.uuid4().hex[:8]}"
    admin = psycopg.connect(server.replace("+psycopg", ""), autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield server.rsplit("/", 1)[0] + "/" + name
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def plan(query: DossierQuery) -> str:
    """Return PostgreSQL's plan of the search's page query, as text."""
    sql = str(page_query(query).compile(db.engine, compile_kwargs={"literal_binds": True}))
    return "\n".join(r[0] for r in db.session.execute(text("EXPLAIN " + sql)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=500_000)
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args(argv)
    with database(args.postgres) as url:
        migrate_to_head(url)
        app = create_app(base_config(url))
        load_demo(app)
        for code in AGENCIES[1:]:
            add_agency(app, code)
        with timer(loading := []):
            needle = fill(url, args.rows)
        print(f"{args.rows} receipts loaded in {loading[0] / 1000:.0f} s", file=sys.stderr)
        with app.app_context():
            lines, failed = run(searches(needle), args.rounds)
            db.session.remove()
            db.engine.dispose()
    print(f"Search over {args.rows:,} receipts on PostgreSQL, medians of {args.rounds} rounds\n")
    print(table(lines))
    return 1 if failed else 0


def run(cases: list[tuple[str, dict[str, Any], str]], rounds: int) -> tuple[list[str], bool]:
    """Time every search as one agency's officer and as the centre; check each plan's index."""
    lines, failed = [], False
    for scope, agency in (("officer", AGENCIES[0]), ("centre", None)):
        times: dict[str, list[float]] = {what: [] for what, _, _ in cases}
        totals: dict[str, int] = {}
        for _ in range(rounds):
            for what, fields, _ in cases:
                query = DossierQuery(agency=agency, **fields)
                with timer(times[what]):
                    found = search.find_dossiers(query)
                totals[what] = found.total
        for what, fields, index in cases:
            shown = plan(DossierQuery(agency=agency, **fields))
            uses = index in shown if index else True
            failed |= not uses
            median = statistics.median(times[what])
            used = ", ".join(dict.fromkeys(INDEX_NAME.findall(shown))) or "no index"
            result = (
                f"{median:.1f} ms, {totals[what]:,} found; plan: {used}{'' if uses else ' — NOT ' + index}"
            )
            lines.append(row(f"{scope}: {what}", result, f"< {TARGET_MS:.0f} ms", median < TARGET_MS))
    return lines, failed


if __name__ == "__main__":
    sys.exit(main())
