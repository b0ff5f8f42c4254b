"""Migration 0003 on a database that already has officers and keys (from 0002), both ways."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import text

from receipts import create_app
from receipts.extensions import db
from tests.conftest import PG_URL
from tests.support import BACKENDS, base_config

BEFORE = "0002"


@pytest.fixture(params=BACKENDS)
def empty_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A database with no schema at all."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'old.sqlite3'}"
        return
    psycopg = pytest.importorskip("psycopg")
    try:
        admin = psycopg.connect(PG_URL.replace("+psycopg", ""), autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        if os.environ.get("CI"):
            raise
        pytest.skip(reason=f"PostgreSQL is not reachable: {error}")
    name = f"receipts_migration_{uuid.uuid4().hex[:10]}"
    admin.execute(f'CREATE DATABASE "{name}"')
    yield PG_URL.rsplit("/", 1)[0] + "/" + name
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def _run(url: str, *steps: tuple[str, str]) -> list[tuple]:
    """Apply ('upgrade'|'downgrade'|'sql', argument) steps; return the rows of the last SQL."""
    from flask_migrate import downgrade, upgrade

    app = create_app(base_config(url))
    rows: list[tuple] = []
    try:
        with app.app_context():
            for kind, argument in steps:
                if kind == "sql":
                    result = db.session.execute(text(argument))
                    rows = [tuple(row) for row in result] if result.returns_rows else []
                    db.session.commit()
                else:
                    {"upgrade": upgrade, "downgrade": downgrade}[kind](revision=argument)
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
    return rows


def _users(*names: str) -> tuple[str, str]:
    values = ", ".join(f"('{name}', 'hash', 'admin', '')" for name in names)
    return ("sql", f"INSERT INTO users (username, password_hash, role, full_name) VALUES {values}")  # noqa: S608


def test_usernames_become_their_normal_form_and_keys_serve_every_agency(empty_url):
    rows = _run(
        empty_url,
        ("upgrade", BEFORE),
        _users("CanBo", "ＭＩＮＨ", "lan"),
        (
            "sql",
            "INSERT INTO api_keys (name, key_hash, scopes, created_at) VALUES ('k', 'h', 'i', '2020-01-01')",
        ),
        ("upgrade", "head"),
        ("sql", "SELECT username, session_version, disabled_at FROM users ORDER BY id"),
    )
    assert rows == [("canbo", 1, None), ("minh", 1, None), ("lan", 1, None)]
    keys = _run(empty_url, ("sql", "SELECT agency_code, last_used_at FROM api_keys"))
    assert keys == [(None, None)]
    _run(empty_url, ("downgrade", BEFORE), ("upgrade", "head"))  # down and up again


def test_two_usernames_that_become_one_stop_the_upgrade_naming_them(empty_url, capfd):
    with pytest.raises(SystemExit):  # how Flask-Migrate ends a failed migration (init-db exits non-zero)
        _run(empty_url, ("upgrade", BEFORE), _users("CanBo", "canbo"), ("upgrade", "head"))
    assert "usernames 'CanBo' and 'canbo' become the same login 'canbo'" in capfd.readouterr().err
    rows = _run(empty_url, ("sql", "SELECT username FROM users ORDER BY id"))
    assert rows == [("CanBo",), ("canbo",)], "nothing changed"
    renamed = _run(
        empty_url,
        ("sql", "UPDATE users SET username = 'canbo2' WHERE username = 'CanBo'"),
        ("upgrade", "head"),
        ("sql", "SELECT username FROM users ORDER BY id"),
    )
    assert renamed == [("canbo2",), ("canbo",)], "once renamed, the upgrade goes through"
