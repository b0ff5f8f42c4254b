"""Migration 0007 on a database with receipts and administrators from 0006, both ways."""

from __future__ import annotations

import json

from tests.store.test_migrations import _run, empty_url  # noqa: F401  (the fixture)

BEFORE = "0011_audit-1"  # whatever precedes it after merges
SNAPSHOT = {"applicant": {"name": "Đặng Thị Lan", "phone": "+84 912 000 111"}}
VERSION = (
    "INSERT INTO receipt_versions (receipt_id, version, snapshot, created_at) "
    "VALUES (1, 1, '" + json.dumps(SNAPSHOT) + "', '2020-11-25 01:00:00')"
)


def test_agency_less_administrators_become_centre_administrators_and_receipts_become_searchable(empty_url):  # noqa: F811
    rows = _run(
        empty_url,
        ("upgrade", BEFORE),
        (
            "sql",
            "INSERT INTO agencies (code, parent_name, unit_name, place, office_hours, paper, is_demo) "
            "VALUES ('000.00.04.H15', 'P', 'U', 'X', '[]', 'A4', false)",
        ),
        (
            "sql",
            "INSERT INTO procedures (code, name, name_folded, level, field, agency_name, service_level, "
            "duration, duration_unit, fee, documents, is_demo) VALUES "
            "('1.1', 'T', 't', 'province', '', '', '', 1, 'working_days', 0, '[]', false)",
        ),
        (
            "sql",
            "INSERT INTO users (username, password_hash, role, full_name, agency_code) VALUES "
            "('head', 'h', 'admin', '', NULL), ('boss', 'h', 'admin', '', '000.00.04.H15'), "
            "('canbo', 'h', 'officer', '', '000.00.04.H15')",
        ),
        (
            "sql",
            "INSERT INTO receipts (code, agency_code, procedure_code, day, sequence, status, "
            "current_version, received_at, due_at, revoke_reason) VALUES ('C-1', '000.00.04.H15', '1.1', "
            "'2020-11-25', 1, 'received', 1, '2020-11-25 01:00:00', '2020-11-26 01:00:00', '')",
        ),
        ("sql", VERSION),
        ("upgrade", "head"),
        ("sql", "SELECT username, role, must_change_password FROM users ORDER BY id"),
    )
    assert rows == [("head", "centre_admin", False), ("boss", "admin", False), ("canbo", "officer", False)]
    found = _run(empty_url, ("sql", "SELECT applicant_folded, applicant_phone FROM receipts"))
    assert found == [("dang thi lan", "0912000111")]
    back = _run(empty_url, ("downgrade", BEFORE), ("sql", "SELECT username, role FROM users ORDER BY id"))
    assert back == [("head", "admin"), ("boss", "admin"), ("canbo", "officer")]
    _run(empty_url, ("upgrade", "head"))  # and up again
