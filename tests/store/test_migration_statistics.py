"""Migration 0010 copies each receipt's channel, officer and first result onto it, on both databases."""
# ruff: noqa: S608  (the SQL is built from this test's own constants)

from __future__ import annotations

import json

from tests.store.test_migrations import _run, empty_url  # noqa: F401  (the fixture)

BEFORE = "0010_statistics-1"  # whatever precedes it after merges


def _snapshot(delivery: str, officer: str) -> str:
    return json.dumps({"delivery": delivery, "officer_name": officer, "code": "x"}, ensure_ascii=False)


def test_the_channel_and_officer_of_the_current_version_are_copied_onto_the_receipt(empty_url):  # noqa: F811
    versions = [(1, 1, "counter", "Nguyễn Văn A"), (1, 2, "post", "Trần Thị Bích"), (2, 1, "online", "")]
    rows = _run(
        empty_url,
        ("upgrade", BEFORE),
        (
            "sql",
            "INSERT INTO agencies (code, parent_name, unit_name, place, office_hours, paper, is_demo) "
            "VALUES ('000.00.04.H15', 'UBND', 'BP', 'Đắk Lắk', '[]', 'A4', false)",
        ),
        (
            "sql",
            "INSERT INTO procedures (code, name, name_folded, level, field, agency_name, service_level, "
            "duration, duration_unit, fee, documents, is_demo) VALUES "
            "('1.000028.000.00.00.H15', 'Thủ tục', 'thu tuc', 'province', '', '', '', 1, 'working_days', 0, "
            "'[]', false)",
        ),
        *[
            (
                "sql",
                "INSERT INTO receipts (id, code, agency_code, procedure_code, day, sequence, status, "
                f"current_version, received_at, due_at, revoke_reason) VALUES ({n}, 'c{n}', '000.00.04.H15', "
                f"'1.000028.000.00.00.H15', '2020-11-25', {n}, 'received', {current}, "
                "'2020-11-25 09:00:00', '2020-12-09 09:00:00', '')",
            )
            for n, current in ((1, 2), (2, 1))
        ],
        *[
            (
                "sql",
                "INSERT INTO receipt_versions (receipt_id, version, snapshot, created_at) "
                f"VALUES ({rid}, {version}, '{_snapshot(delivery, officer)}', '2020-11-25 09:00:00')",
            )
            for rid, version, delivery, officer in versions
        ],
        *[
            (
                "sql",
                "INSERT INTO dossier_events (receipt_id, status, note, at) "
                f"VALUES (1, '{status}', '', '2020-12-0{day} 10:00:00')",
            )
            for status, day in (("in_progress", 1), ("returned", 8), ("result_ready", 5))
        ],
        ("upgrade", "head"),
        ("sql", "SELECT id, delivery, officer_name, result_at FROM receipts ORDER BY id"),
    )

    # The first result given, whichever event was recorded first.
    assert [row[:3] for row in rows] == [(1, "post", "Trần Thị Bích"), (2, "online", "")]
    assert str(rows[0][3]).startswith("2020-12-05 10:00:00") and rows[1][3] is None
    _run(empty_url, ("downgrade", BEFORE), ("upgrade", "head"))  # down and up again
