"""Fixtures: app, client, runner, a real database file (or PostgreSQL), keys and a receipt factory.

Helpers and factories live in tests/support.py.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner

from receipts import create_app
from receipts.extensions import db
from tests.support import DEFAULT_BACKEND, EXAMPLE, Clock, base_config, load_demo, make_key, migrate_to_head

PG_URL = os.environ.get("RECEIPTS_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("RECEIPTS_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file migrated to the newest schema, copied for each test."""
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    migrate_to_head(f"sqlite:///{path}")
    return path


def _pg_admin_url() -> str:
    return PG_URL.replace("postgresql+psycopg://", "postgresql://")


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database for this test session, migrated to the newest schema."""
    psycopg = pytest.importorskip("psycopg")
    name = f"receipts_test_{uuid.uuid4().hex[:10]}"
    try:
        admin = psycopg.connect(_pg_admin_url(), autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as error:
        if os.environ.get("CI"):
            raise
        pytest.skip(reason=f"PostgreSQL is not reachable: {error}")
    admin.execute(f'CREATE DATABASE "{name}"')
    url = PG_URL.rsplit("/", 1)[0] + "/" + name
    migrate_to_head(url)
    yield url
    admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


def _truncate_postgres(app: Flask) -> None:
    with app.app_context():
        tables = ", ".join(t.name for t in db.metadata.sorted_tables)
        db.session.execute(db.text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        db.session.commit()


@pytest.fixture(params=[DEFAULT_BACKEND])
def backend(request: pytest.FixtureRequest) -> str:
    """Which database the app runs on; tests that matter on both parametrize this."""
    return request.param


@pytest.fixture
def database_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A migrated, empty database of the chosen backend."""
    if backend == "postgresql":
        return request.getfixturevalue("postgres_url")
    path = tmp_path / "receipts.sqlite3"
    shutil.copy(request.getfixturevalue("sqlite_template"), path)
    return f"sqlite:///{path}"


@pytest.fixture
def app(database_url: str) -> Iterator[Flask]:
    """The app on its own database, with the demo agency and procedures loaded."""
    app = create_app(base_config(database_url))
    if database_url.startswith("postgresql"):
        _truncate_postgres(app)
    load_demo(app)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def make_app(database_url: str) -> Iterator[Callable[..., Flask]]:
    """Build more apps on the test's database (other keys, limits on); their engines are closed after."""
    made: list[Flask] = []

    def _make(**config: Any) -> Flask:
        made.append(create_app(base_config(database_url, **config)))
        return made[-1]

    yield _make
    for other in made:
        with other.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def redis_url() -> str:
    """The test Redis (RECEIPTS_TEST_REDIS_URL); skipped when it does not answer, except in CI."""
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.exceptions.RedisError as error:
        if os.environ.get("CI"):
            raise
        pytest.skip(reason=f"Redis is not reachable: {error}")
    return REDIS_URL


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    """A test client."""
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    """A CLI runner."""
    return app.test_cli_runner()


@pytest.fixture
def api_key(app: Flask) -> str:
    """A key with both scopes."""
    return make_key(app, "issue", "update")


@pytest.fixture
def auth(api_key: str) -> dict[str, str]:
    """Headers carrying the key."""
    return {"Authorization": f"Bearer {api_key}"}


@pytest.fixture
def issue(client: FlaskClient, auth: dict[str, str]) -> Callable[..., dict[str, Any]]:
    """Issue a receipt through the API (the example by default, with overrides) and return its JSON."""

    def _issue(**overrides: Any) -> dict[str, Any]:
        body = {**EXAMPLE, **overrides}
        response = client.post("/api/v1/receipts", json=body, headers=auth)
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return _issue


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    """Stop the clock that officers' sessions, login limits and API key use are measured by."""
    frozen = Clock()
    monkeypatch.setattr("receipts.clock.now_local", frozen)
    return frozen
