"""The operators' commands, as the contract describes them."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from receipts.config import ROOT
from receipts.extensions import db
from receipts.signing.tokens import hash_api_key
from receipts.store.models import Agency, ApiKey, Procedure, User
from tests.support import DEMO, EXAMPLE


def test_init_db_and_demo_work_on_a_fresh_sqlite_file_through_wsgi(tmp_path):
    env = {
        **os.environ,
        "RECEIPTS_DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
        "RECEIPTS_SECRET_KEYS": "k1",
        "RECEIPTS_WARM_RENDERER": "false",
    }
    flask = [sys.executable, "-m", "flask", "--app", "wsgi"]
    for _ in range(2):  # re-running upgrades nothing and fails nothing
        done = subprocess.run(
            [*flask, "init-db"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
    done = subprocess.run([*flask, "demo"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "canbo.demo" in done.stdout
    assert "rk_" in done.stdout


def test_api_key_create_prints_the_key_alone_on_its_last_line_and_stores_a_hash(app, runner, client):
    result = runner.invoke(args=["api-key", "create", "zalo-bot", "--scope", "issue", "--scope", "update"])
    assert result.exit_code == 0, result.output
    key = result.output.strip().splitlines()[-1]
    assert key.startswith("rk_") and " " not in key
    with app.app_context():
        row = db.session.query(ApiKey).filter_by(name="zalo-bot").one()
        assert row.key_hash == hash_api_key(key) and key not in row.key_hash
        assert set(row.scopes.split()) == {"issue", "update"}
    assert (
        client.post("/api/v1/receipts", json=EXAMPLE, headers={"Authorization": f"Bearer {key}"}).status_code
        == 201
    )


def test_api_key_create_refuses_an_unknown_scope(runner):
    result = runner.invoke(args=["api-key", "create", "x", "--scope", "admin"])
    assert result.exit_code != 0


def test_reimporting_updates_rows_instead_of_duplicating_them(app, runner, tmp_path):
    rows = json.loads((DEMO / "agencies.json").read_text(encoding="utf-8"))
    rows[0]["unit_name"] = "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"
    path = tmp_path / "agencies.json"
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    for _ in range(2):
        result = runner.invoke(args=["agencies", "import", str(path)])
        assert result.exit_code == 0, result.output
    result = runner.invoke(args=["procedures", "import", str(DEMO / "procedures.json")])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert db.session.query(Agency).count() == 1
        assert db.session.get(Agency, "000.00.04.H15").unit_name == "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"
        assert db.session.query(Procedure).count() == 3


def test_a_bad_file_exits_non_zero_with_one_line_and_changes_nothing(app, runner, tmp_path):
    good = json.loads((DEMO / "procedures.json").read_text(encoding="utf-8"))
    good[0]["name"] = "Đã đổi"
    bad = [
        *good,
        {"code": "1.1", "name": "X", "level": "galaxy", "duration": 1, "duration_unit": "working_days"},
    ]
    cases = {"broken.json": "{not json", "object.json": json.dumps({"a": 1}), "bad.json": json.dumps(bad)}
    for name, text in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        result = runner.invoke(args=["procedures", "import", str(path)])
        assert result.exit_code != 0, name
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert runner.invoke(args=["procedures", "import", str(tmp_path / "missing.json")]).exit_code != 0
    with app.app_context():
        assert db.session.get(Procedure, good[0]["code"]).name != "Đã đổi"


def test_user_create_reads_the_password_from_stdin(app, runner):
    result = runner.invoke(
        args=["user", "create", "lan", "--role", "officer", "--agency", "000.00.04.H15", "--password-stdin"],
        input="mật-khẩu-dài-đủ\n",
    )
    assert result.exit_code == 0, result.output
    short = runner.invoke(args=["user", "create", "b", "--role", "admin", "--password-stdin"], input="ngắn\n")
    assert short.exit_code != 0
    nowhere = runner.invoke(
        args=["user", "create", "c", "--role", "officer", "--agency", "000.00.99.H99", "--password-stdin"],
        input="mật-khẩu-dài-đủ\n",
    )
    assert nowhere.exit_code != 0


def test_without_configured_keys_every_worker_shares_the_generated_one(tmp_path):
    from concurrent.futures import ThreadPoolExecutor

    from flask import Flask

    from receipts.config import load

    def start_worker(app: Flask) -> list[str]:
        load(app, {"SECRET_KEYS": None})
        return app.config["SECRET_KEY_LIST"]

    # The apps are built first, one at a time: Flask compiles its URL rules with `ast`, which CPython
    # 3.11.7 does not make safe across threads (gh-106905). The race under test is `load`'s.
    apps = [Flask("worker", instance_path=str(tmp_path / "instance")) for _ in range(16)]
    with ThreadPoolExecutor(8) as pool:
        keys = list(pool.map(start_worker, apps))
    assert len({tuple(k) for k in keys}) == 1
    assert len(keys[0]) == 1 and len(keys[0][0]) >= 32
    assert (tmp_path / "instance" / "secret_keys").stat().st_mode & 0o077 == 0


@pytest.mark.parametrize(
    "args",
    [
        ["api-key", "create", "x", "--scope", "admin"],
        ["api-key", "create", "x"],
        ["api-key", "nope"],
        ["user", "create", "u", "--role", "king", "--password-stdin"],
        ["procedures", "import"],
        ["init-db", "--bogus"],
    ],
)
def test_usage_errors_are_one_line_and_non_zero(runner, args):
    result = runner.invoke(args=args, input="")
    assert result.exit_code != 0
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_user_create_keeps_one_account_however_the_name_is_spelt(app, runner):
    args = ["--role", "officer", "--agency", "000.00.04.H15", "--password-stdin"]
    first = runner.invoke(args=["user", "create", "CanBo", *args], input="mật-khẩu-dài-đủ\n")
    again = runner.invoke(args=["user", "create", "\u00a0ｃａｎｂｏ ", *args], input="mật-khẩu-khác-đủ\n")
    assert first.exit_code == again.exit_code == 0, first.output + again.output
    assert first.output.strip() == again.output.strip() == "user canbo ready"
    with app.app_context():
        assert [u.username for u in db.session.query(User).all()] == ["canbo"]
    spaced = runner.invoke(args=["user", "create", "can bo", *args], input="mật-khẩu-dài-đủ\n")
    assert spaced.exit_code != 0
