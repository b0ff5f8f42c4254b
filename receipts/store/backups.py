"""Copies of the whole database: SQLite through its online backup API, PostgreSQL through pg_dump.

Both copies are consistent while the service keeps writing: SQLite's backup copies every page
under one read lock, pg_dump reads one snapshot. A restore replaces the database whole.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import closing
from pathlib import Path

from sqlalchemy import func, inspect, select, text

from ..extensions import db
from . import pg_tools
from .models import Receipt

SQLITE_MAGIC = b"SQLite format 3\x00"
KINDS = {"sqlite": "an SQLite database", "postgresql": "a PostgreSQL dump (pg_dump custom format)"}


class BackupError(OSError):
    """The copy could not be made or restored (an I/O failure to the CLI); the message says why."""


def backend() -> str:
    """Return the configured database's kind: 'sqlite' or 'postgresql'."""
    return db.engine.dialect.name


def file_kind(path: Path) -> str | None:
    """Return which backend made the file ('sqlite' or 'postgresql'), or None for anything else."""
    with path.open("rb") as file:
        head = file.read(len(SQLITE_MAGIC))
    if head == SQLITE_MAGIC:
        return "sqlite"
    if head.startswith(pg_tools.DUMP_MAGIC):
        return "postgresql"
    return None


def receipt_count() -> int:
    """Return how many receipts the database holds (0 for a database without the table)."""
    if not inspect(db.engine).has_table(Receipt.__tablename__):
        return 0
    count = db.session.execute(select(func.count()).select_from(Receipt)).scalar_one()
    db.session.rollback()
    return int(count)


def save(into: Path) -> None:
    """Copy the whole database into the file `into`, written aside and moved into place."""
    aside = into.with_name(f".{into.name}.{os.getpid()}.part")
    aside.unlink(missing_ok=True)
    try:
        if backend() == "sqlite":
            _sqlite_save(aside)
        else:
            pg_tools.check_fits("pg_dump", _server_major())
            pg_tools.dump(_libpq_params(), aside)
        os.replace(aside, into)
    except (pg_tools.ToolError, sqlite3.Error) as error:
        raise BackupError(str(error)) from error
    finally:
        aside.unlink(missing_ok=True)


def load(source: Path) -> None:
    """Replace the whole database with the copy in `source` (made by `save` on the same backend)."""
    db.session.remove()
    try:
        if backend() == "sqlite":
            _sqlite_load(source)
        else:
            pg_tools.check_fits("pg_restore", _server_major())
            pg_tools.restore(_libpq_params(), source)
    except (pg_tools.ToolError, sqlite3.Error) as error:
        raise BackupError(str(error)) from error
    finally:
        # Pooled connections may hold pages or plans of the database that was replaced.
        db.engine.dispose()


def schema_revision(source: Path) -> str | None:
    """Return the migration revision a backup's schema is at (None: it records none)."""
    try:
        if file_kind(source) == "sqlite":
            with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as copy:
                if not copy.execute("SELECT 1 FROM sqlite_master WHERE name = 'alembic_version'").fetchone():
                    return None
                row = copy.execute("SELECT version_num FROM alembic_version").fetchone()
            return None if row is None else str(row[0])
        rows = pg_tools.table_rows(source, "alembic_version")
    except (pg_tools.ToolError, sqlite3.Error) as error:
        raise BackupError(f"{source} cannot be read: {error}") from error
    return rows[0][0] if rows else None


def known_revisions() -> set[str]:
    """Return every migration revision this code knows."""
    from alembic.script import ScriptDirectory
    from flask import current_app

    config = current_app.extensions["migrate"].migrate.get_config()
    return {script.revision for script in ScriptDirectory.from_config(config).walk_revisions()}


def _sqlite_save(into: Path) -> None:
    with closing(db.engine.raw_connection()) as pooled, closing(sqlite3.connect(into)) as target:
        live = pooled.driver_connection
        assert isinstance(live, sqlite3.Connection)
        live.backup(target)  # every page in one step, so one consistent read
        # One self-contained file: a WAL-mode copy could not be opened read-only without its -shm.
        target.execute("PRAGMA journal_mode=DELETE")


def _sqlite_load(source: Path) -> None:
    with closing(sqlite3.connect(f"file:{source}?mode=ro", uri=True)) as copy:
        (check,) = copy.execute("PRAGMA quick_check").fetchone()
        if check != "ok":
            raise BackupError(f"{source} is damaged: {check}")
        tables = {row[0] for row in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "alembic_version" not in tables or Receipt.__tablename__ not in tables:
            raise BackupError(f"{source} is an SQLite file but not a copy of this service's database")
        with closing(db.engine.raw_connection()) as pooled:
            live = pooled.driver_connection
            assert isinstance(live, sqlite3.Connection)
            copy.backup(live)


def _server_major() -> int:
    number = db.session.execute(text("SHOW server_version_num")).scalar_one()
    db.session.rollback()
    return int(number) // 10000


def _libpq_params() -> dict[str, str]:
    url = db.engine.url  # the URL object: its str() hides the password
    values = {
        "PGHOST": url.host,
        "PGPORT": url.port,
        "PGUSER": url.username,
        "PGPASSWORD": url.password,
        "PGDATABASE": url.database,
    }
    params = {name: str(value) for name, value in values.items() if value not in (None, "")}
    if "sslmode" in url.query:
        params["PGSSLMODE"] = str(url.query["sslmode"])
    return params
