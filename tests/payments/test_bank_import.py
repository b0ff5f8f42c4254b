"""Agencies' collecting accounts come from the agencies file: imported, updated, removed, checked;
and migration 0008 goes up and down."""

from __future__ import annotations

import json

from receipts.store import payments
from tests.store.test_migrations import _run, empty_url  # noqa: F401  (the fixture)
from tests.support import DEMO

AGENCY = "000.00.04.H15"


def _import(runner, tmp_path, rows) -> object:
    path = tmp_path / "agencies.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return runner.invoke(args=["agencies", "import", str(path)])


def _bank(app):
    with app.app_context():
        return payments.bank_of(AGENCY)


def test_an_agencys_account_is_imported_updated_and_removed_with_the_file(app, runner, tmp_path):
    rows = json.loads((DEMO / "agencies.json").read_text(encoding="utf-8"))
    assert _bank(app).account == "113000006789"
    rows[0]["bank"] = {"bin": "970436", "account": "0071000888999", "name": "TTPVHCC DAK LAK"}
    for _ in range(2):
        assert _import(runner, tmp_path, rows).exit_code == 0
    bank = _bank(app)
    assert (bank.bin, bank.account, bank.name) == ("970436", "0071000888999", "TTPVHCC DAK LAK")
    del rows[0]["bank"]
    assert _import(runner, tmp_path, rows).exit_code == 0
    assert _bank(app) is None


def test_a_bad_account_is_refused_in_one_line_and_changes_nothing(app, runner, tmp_path):
    rows = json.loads((DEMO / "agencies.json").read_text(encoding="utf-8"))
    for bad in [{"bin": "97041", "account": "1"}, {"bin": "970415", "account": "12 34"}, {"account": "1"}]:
        rows[0]["bank"] = bad
        result = _import(runner, tmp_path, rows)
        assert result.exit_code != 0
        assert "bank" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert _bank(app).account == "113000006789"


def test_migration_0008_goes_up_and_down(empty_url):  # noqa: F811
    tables = (
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'payments'"
        if empty_url.startswith("postgresql")
        else "SELECT count(*) FROM sqlite_master WHERE name = 'payments'"
    )
    assert _run(empty_url, ("upgrade", "head"), ("sql", tables)) == [(1,)]
    assert _run(empty_url, ("downgrade", "0008_payments-1"), ("sql", tables)) == [(0,)]
    assert _run(empty_url, ("upgrade", "head"), ("sql", tables)) == [(1,)]
