"""Fixtures: app, client, runner, a real database file (or PostgreSQL), keys and a receipt factory."""

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
from receipts.config import ROOT
from receipts.extensions import db

DEMO = ROOT / "data" / "demo"
PG_URL = os.environ.get("RECEIPTS_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
EXAMPLE = {
    "agency_code": "000.00.04.H15",
    "procedure_code": "1.000028.000.00.00.H15",
    "applicant": {
        "name": "Phan Quốc Hậu",
        "organization": "VNPT",
        "address": "06 Lê Duẩn, Phường Tân Tiến, Thành phố Buôn Ma Thuột, Tỉnh Đắk Lắk",
        "phone": "0946911303",
        "email": "",
    },
    "sets": 1,
    "received_at": "2020-11-25T16:19:50+07:00",
    "delivery": "counter",
    "officer_name": "Nguyễn Văn A",
}


def base_config(url: str, **extra: Any) -> dict[str, Any]:
    """Return the configuration tests run with."""
    return {
        "TESTING": True,
        "DATABASE_URL": url,
        "SECRET_KEYS": "test-key-old-0000,test-key-new-1111",
        "WARM_RENDERER": False,
        "RATELIMIT_ENABLED": False,
        "PUBLIC_URL": None,
        **extra,
    }


def migrate_to_head(url: str) -> None:
    """Create the schema with the project's migrations, as `init-db` does."""
    from flask_migrate import upgrade

    app = create_app(base_config(url))
    with app.app_context():
        upgrade()
        db.engine.dispose()


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


@pytest.fixture(params=["sqlite"])
def backend(request: pytest.FixtureRequest) -> str:
    """Which database the app runs on; tests that matter on both parametrize this."""
    return request.param


@pytest.fixture
def database_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A migrated, empty database of the chosen backend."""
    if os.environ.get("RECEIPTS_TEST_BACKEND") == "postgresql":
        backend = "postgresql"
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
    from receipts import imports

    with app.app_context():
        imports.import_agencies(DEMO / "agencies.json")
        imports.import_procedures(DEMO / "procedures.json")
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
def client(app: Flask) -> FlaskClient:
    """A test client."""
    return app.test_client()


@pytest.fixture
def runner(app: Flask) -> FlaskCliRunner:
    """A CLI runner."""
    return app.test_cli_runner()


def make_key(app: Flask, *scopes: str) -> str:
    """Create an API key with `scopes` and return it."""
    from receipts.services import now_local
    from receipts.signing.tokens import hash_api_key, new_api_key
    from receipts.store import queries

    key = new_api_key()
    with app.app_context():
        queries.create_api_key("test", hash_api_key(key), list(scopes), now_local())
    return key


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


def local_path(url: str) -> str:
    """Turn an absolute URL printed by the app into a path for the test client."""
    return "/" + url.split("://", 1)[1].split("/", 1)[1]
