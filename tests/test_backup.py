"""`backup FILE` and `restore FILE`: a copy restored into an empty database keeps every printed QR valid."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from receipts.extensions import db
from tests.conftest import PG_URL, _pg_admin_url
from tests.support import EXAMPLE, base_config, load_demo, local_path, make_key, on_both_backends


@pytest.fixture
def empty_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """A database with nothing in it, not even the schema: a new SQLite file or a new PostgreSQL database."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    psycopg = pytest.importorskip("psycopg")
    name = f"receipts_restore_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(_pg_admin_url(), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield PG_URL.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(_pg_admin_url(), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _disposed(app) -> None:
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@on_both_backends
def test_a_backup_restored_into_an_empty_database_verifies_every_qr_and_numbers_go_on(
    issue, auth, runner, client, make_app, empty_url, tmp_path
):
    issued = [issue(applicant={"name": f"Người nộp {n}", "phone": "0946911303"}) for n in range(3)]
    revoked = client.post(
        f"/api/v1/receipts/{issued[1]['code']}/revoke", json={"reason": "Nhập sai"}, headers=auth
    )
    assert revoked.status_code == 200, revoked.get_json()
    file = tmp_path / "receipts.backup"
    result = runner.invoke(args=["backup", str(file)])
    assert result.exit_code == 0, result.output
    assert "backed up 3 receipts" in result.stdout
    assert "signing keys are not in the backup" in result.stderr  # the tests' keys come from the config

    restored = make_app(DATABASE_URL=empty_url)
    try:
        result = restored.test_cli_runner().invoke(args=["restore", str(file)])
        assert result.exit_code == 0, result.output
        assert "restored 3 receipts" in result.stdout
        other = restored.test_client()
        for body in issued:
            page = other.get(local_path(body["verify_url"]))
            assert page.status_code == 200
            assert body["code"] in page.get_data(as_text=True)
        texts = [other.get(local_path(body["verify_url"])).get_data(as_text=True) for body in issued]
        assert "Giấy tiếp nhận hợp lệ" in texts[0] and "Giấy tiếp nhận hợp lệ" in texts[2]
        assert "thu hồi" in texts[1].lower()
        key = make_key(restored, "issue")
        answer = other.post("/api/v1/receipts", json=EXAMPLE, headers={"Authorization": f"Bearer {key}"})
        assert answer.status_code == 201, answer.get_json()
        assert answer.get_json()["code"] == "000.00.04.H15-201125-0004"
    finally:
        _disposed(restored)


@on_both_backends
def test_restore_refuses_a_database_that_holds_receipts_unless_forced(issue, runner, tmp_path):
    issue()
    file = tmp_path / "one.backup"
    assert runner.invoke(args=["backup", str(file)]).exit_code == 0
    issue()
    refused = runner.invoke(args=["restore", str(file)])
    assert refused.exit_code != 0
    assert "already holds 2 receipts" in refused.stderr and "--force" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    forced = runner.invoke(args=["restore", "--force", str(file)])
    assert forced.exit_code == 0, forced.output
    assert "restored 1 receipts" in forced.stdout
    assert issue()["code"].endswith("-0002")


@on_both_backends
def test_restore_refuses_a_file_of_another_kind_in_one_line(app, runner, tmp_path, backend):
    text = tmp_path / "notes.txt"
    text.write_text("không phải bản sao lưu\n", encoding="utf-8")
    other = tmp_path / "other.backup"
    other.write_bytes(b"PGDMP\x01\x0e\x00" if backend == "sqlite" else b"SQLite format 3\x00" + bytes(100))
    for path, words in (
        (text, "neither an SQLite backup nor a PostgreSQL dump"),
        (other, "configured database"),
    ):
        result = runner.invoke(args=["restore", str(path)])
        assert result.exit_code != 0
        assert words in result.stderr and len(result.stderr.strip().splitlines()) == 1
    missing = runner.invoke(args=["restore", str(tmp_path / "nowhere.backup")])
    assert missing.exit_code != 0 and len(missing.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_an_sqlite_file_that_is_not_ours_is_refused_and_changes_nothing(issue, runner, tmp_path):
    import sqlite3

    issue()
    stranger = tmp_path / "stranger.sqlite3"
    with sqlite3.connect(stranger) as conn:
        conn.execute("CREATE TABLE notes (text TEXT)")
    conn.close()
    result = runner.invoke(args=["restore", "--force", str(stranger)])
    assert result.exit_code != 0
    assert "not a backup of this service" in result.stderr
    assert issue()["code"].endswith("-0002")


def test_backup_copies_the_instance_key_file_beside_it_readable_by_its_owner_only(
    tmp_path, sqlite_template, monkeypatch
):
    import shutil

    from flask import Flask

    from receipts import create_app

    database = tmp_path / "db.sqlite3"
    shutil.copy(sqlite_template, database)
    instance = tmp_path / "instance"  # where production keeps the key file, here a test's own
    instance.mkdir()
    (instance / "secret_keys").write_text("khoa-cu,khoa-moi\n", encoding="utf-8")
    monkeypatch.setattr(Flask, "auto_find_instance_path", lambda self: str(instance))
    app = create_app({**base_config(f"sqlite:///{database}"), "SECRET_KEYS": None})
    load_demo(app)
    try:
        result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "b.sqlite3")])
        assert result.exit_code == 0, result.output
        copy = tmp_path / "b.sqlite3.secret_keys"
        assert copy.read_text(encoding="utf-8") == "khoa-cu,khoa-moi\n"
        assert copy.stat().st_mode & 0o077 == 0
        assert "signing keys copied to" in result.stdout and result.stderr == ""
        # Restored by an app that lacks those keys, the command says which file holds them.
        lacking = create_app(base_config(f"sqlite:///{database}"))
        result = lacking.test_cli_runner().invoke(args=["restore", "--force", str(tmp_path / "b.sqlite3")])
        assert result.exit_code == 0, result.output
        assert "holds signing keys this app lacks" in result.stderr
        _disposed(lacking)
    finally:
        _disposed(app)


@on_both_backends
def test_a_backup_taken_while_another_process_issues_is_whole_and_gapless(
    app, database_url, runner, make_app, empty_url, tmp_path
):
    from tests.store.test_crash import SPAWN, _assert_whole_and_gapless, _issue_forever, _kill

    running = SPAWN.Event()
    writer = SPAWN.Process(target=_issue_forever, args=(database_url, running))
    writer.start()
    try:
        assert running.wait(120), "the writer never issued"
        results = [runner.invoke(args=["backup", str(tmp_path / f"during-{n}.backup")]) for n in range(3)]
    finally:
        _kill(writer)
    assert all(result.exit_code == 0 for result in results), [r.output for r in results]
    restored = make_app(DATABASE_URL=empty_url)
    try:
        result = restored.test_cli_runner().invoke(args=["restore", str(tmp_path / "during-2.backup")])
        assert result.exit_code == 0, result.output
        assert _assert_whole_and_gapless(restored) >= 1
    finally:
        _disposed(restored)


@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_pg_dump_older_than_the_server_or_missing_is_refused_in_one_line(app, runner, tmp_path, monkeypatch):
    old = tmp_path / "old-client"
    old.mkdir()
    (old / "pg_dump").write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 9.6.24'\n", encoding="utf-8")
    (old / "pg_dump").chmod(0o755)
    monkeypatch.setenv("PATH", f"{old}:{os.environ['PATH']}")
    result = runner.invoke(args=["backup", str(tmp_path / "x.backup")])
    assert result.exit_code != 0
    assert "pg_dump 9 is older than the PostgreSQL" in result.stderr and "postgresql-client-" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and not (tmp_path / "x.backup").exists()
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    result = runner.invoke(args=["backup", str(tmp_path / "x.backup")])
    assert result.exit_code != 0 and "pg_dump not found" in result.stderr


@on_both_backends
def test_a_backup_from_a_newer_schema_is_refused_before_anything_changes(app, issue, runner, tmp_path):
    issue()
    with app.app_context():
        head = db.session.execute(db.text("SELECT version_num FROM alembic_version")).scalar_one()
        db.session.execute(db.text("UPDATE alembic_version SET version_num = '9999_future'"))
        db.session.commit()
        file = tmp_path / "future.backup"
        assert runner.invoke(args=["backup", str(file)]).exit_code == 0
        db.session.execute(db.text("UPDATE alembic_version SET version_num = :head"), {"head": head})
        db.session.commit()
    issue()
    result = runner.invoke(args=["restore", "--force", str(file)])
    assert result.exit_code != 0
    assert "newer version of the service (schema 9999_future)" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert issue()["code"].endswith("-0003")
