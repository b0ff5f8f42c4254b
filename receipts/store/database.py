"""Engine set-up: SQLite pragmas and write transactions that take the write lock at once."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from flask import Flask
from sqlalchemy import event, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine, Row
from sqlalchemy.exc import InterfaceError, OperationalError, SQLAlchemyError
from sqlalchemy.sql import Executable

from ..extensions import db

IMMEDIATE = "receipts_immediate"
# A connection that only ever runs single statements, each its own transaction (`read_all`).
_NO_BEGIN = "receipts_no_begin"
# What the database raises when it cannot be reached or its schema is missing; answered with 503.
DatabaseUnavailable = (OperationalError, InterfaceError)
# Any failure of the database, for the CLI's one-line errors.
StoreError = SQLAlchemyError


def configure(app: Flask) -> None:
    """Bind SQLite pragmas and transaction handling to the app's engine."""
    with app.app_context():
        engine = db.engine
    if engine.dialect.name == "sqlite":
        _configure_sqlite(engine)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let SQLAlchemy, not the sqlite3 module, emit BEGIN, so that writers can ask for
        # BEGIN IMMEDIATE and wait on busy_timeout instead of failing to upgrade a read lock.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        options = connection.get_execution_options()
        if options.get(_NO_BEGIN):
            # The sqlite3 connection is in autocommit mode (above): each statement is a transaction
            # of its own, and the ROLLBACK that ends this one does nothing.
            return
        connection.exec_driver_sql("BEGIN IMMEDIATE" if options.get(IMMEDIATE) else "BEGIN")


@contextmanager
def write_transaction() -> Iterator[None]:
    """Run the block in one transaction that holds the write lock from its first statement."""
    session = db.session
    session.rollback()
    session.connection(execution_options={IMMEDIATE: True})
    try:
        yield
        session.commit()
    except BaseException:
        session.rollback()
        raise


def read_one(statement: Executable, params: dict[str, Any]) -> Row[Any] | None:
    """Run one read-only statement and return its first row, in the fewest round trips (`read_all`)."""
    rows = read_all(statement, params)
    return rows[0] if rows else None


def read_all(statement: Executable, params: dict[str, Any]) -> Sequence[Row[Any]]:
    """Run one read-only statement and return its rows, in the fewest round trips the engine allows.

    Unless the session is already in a transaction, whose view it keeps, it runs outside any, on a
    connection of its own: on PostgreSQL in autocommit (one round trip, no BEGIN and no ROLLBACK, each
    costing as much as the read itself), on SQLite without the BEGIN and ROLLBACK statements the
    session's connection would run around it (and the session never starts a transaction to end at
    teardown). A single statement sees one consistent snapshot either way.
    """
    session = db.session()
    if session.in_transaction():
        return session.connection().execute(statement, params).all()
    with db.engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection.execution_options(isolation_level="AUTOCOMMIT")
        else:
            connection.execution_options(**{_NO_BEGIN: True})
        return connection.execute(statement, params).all()


def insert(model: type) -> Any:
    """Return an INSERT of the engine's dialect, the kind that has `on_conflict_do_update`."""
    return (pg_insert if db.engine.dialect.name == "postgresql" else sqlite_insert)(model)


def ping() -> bool:
    """Tell whether the database answers."""
    try:
        db.session.execute(text("SELECT 1"))
        db.session.rollback()
        return True
    except Exception:  # any failure means "not healthy"
        db.session.rollback()
        return False


def upgrade_schema() -> None:
    """Create or upgrade the schema with the migrations; raise StoreError if they cannot run."""
    import alembic.util
    from flask_migrate import upgrade

    try:
        upgrade()
    except alembic.util.CommandError as error:
        raise SchemaError(str(error)) from error


class SchemaError(SQLAlchemyError):
    """The migrations could not bring the schema up to date."""
