"""Flask commands for operators."""

from __future__ import annotations

import functools
import secrets
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import alembic.util
import click
from flask import Flask
from flask.cli import AppGroup
from werkzeug.security import generate_password_hash

from . import calendars, imports
from .config import ROOT
from .domain.errors import DomainError
from .domain.text import clean_line, has_control_chars
from .services import now_local
from .signing.tokens import hash_api_key, new_api_key
from .store import queries
from .store.database import StoreError

SCOPES = ("issue", "update")
DEMO = ROOT / "data" / "demo"


def _fail(message: str) -> None:
    click.echo(f"Lỗi: {message}", err=True)
    sys.exit(1)


def _run_import(kind: str, path: str) -> None:
    try:
        count = {
            "agencies": imports.import_agencies,
            "procedures": imports.import_procedures,
            "holidays": imports.import_holidays,
        }[kind](Path(path))
    except DomainError as error:
        _fail(error.message)
    click.echo(f"{count} {kind} imported")


class _Command(click.Command):
    """A command whose usage errors are one line on stderr, as the contract asks."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Parse the arguments; a usage error becomes one line."""
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as error:
            raise click.ClickException(" ".join(error.format_message().split())) from None


class _Group(AppGroup):
    """A group of commands with one-line usage errors."""

    command_class = _Command

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        """Find the subcommand; an unknown one is a one-line error."""
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as error:
            raise click.ClickException(" ".join(error.format_message().split())) from None


def _one_line_errors(callback: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(callback)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        try:
            return callback(*args, **kwargs)
        except (StoreError, OSError) as error:
            # The first line of a database error says what is wrong; the rest is SQL and a link.
            _fail(str(error).strip().splitlines()[0][:300] or type(error).__name__)
        except alembic.util.CommandError as error:
            _fail(str(error).splitlines()[0][:300])

    return wrapped


def _guard_all(group: click.Group) -> None:
    for command in group.commands.values():
        if isinstance(command, click.Group):
            _guard_all(command)
        elif command.callback is not None:
            command.callback = _one_line_errors(command.callback)


def register(app: Flask) -> None:
    """Add the commands to the app."""

    @app.cli.command("init-db", cls=_Command)
    def init_db() -> None:
        """Create or upgrade the schema."""
        from flask_migrate import upgrade

        upgrade()
        click.echo("database ready")

    @app.cli.command("demo", cls=_Command)
    def demo() -> None:
        """Load the demo agency, procedures and officer, and print the logins."""
        from flask_migrate import upgrade

        upgrade()
        imports.import_agencies(DEMO / "agencies.json", demo=True)
        imports.import_procedures(DEMO / "procedures.json", demo=True)
        holidays = ROOT / "data" / "holidays" / "vietnam-2024-2026.json"
        if holidays.exists():
            imports.import_holidays(holidays)
        password = secrets.token_urlsafe(9)
        queries.upsert_user(
            "canbo.demo", generate_password_hash(password), "officer", "000.00.04.H15", "Cán bộ Demo"
        )
        key = new_api_key()
        queries.create_api_key("demo", hash_api_key(key), list(SCOPES), now_local())
        click.echo("Dữ liệu demo đã nạp (cơ quan 000.00.04.H15, 3 thủ tục).")
        click.echo(f"Cán bộ một cửa: canbo.demo / {password}")
        click.echo(f"Khóa API (issue, update): {key}")

    for kind in ("agencies", "procedures", "holidays"):
        group = _Group(kind, help=f"Manage {kind}.")

        @group.command("import")
        @click.argument("path", type=click.Path(dir_okay=False))
        def _import(path: str, kind: str = kind) -> None:
            """Import a JSON file; re-running updates rows instead of duplicating them."""
            _run_import(kind, path)

        app.cli.add_command(group)

    api_key = _Group("api-key", help="Manage API keys.")

    @api_key.command("create")
    @click.argument("name")
    @click.option("--scope", "scopes", multiple=True, required=True, type=click.Choice(SCOPES))
    def create_key(name: str, scopes: tuple[str, ...]) -> None:
        """Create a key; only its hash is stored and the key is printed once, on the last line."""
        if not name.strip() or len(name) > 100:
            _fail("the key needs a name of 1 to 100 characters")
        key = new_api_key()
        queries.create_api_key(name.strip(), hash_api_key(key), sorted(set(scopes)), now_local())
        click.echo(f"API key '{name.strip()}' created with scopes: {' '.join(sorted(set(scopes)))}")
        click.echo(key)

    app.cli.add_command(api_key)

    user = _Group("user", help="Manage officers and administrators.")

    @user.command("create")
    @click.argument("username")
    @click.option("--role", type=click.Choice(["officer", "admin"]), required=True)
    @click.option("--agency", "agency_code", default=None)
    @click.option("--password-stdin", is_flag=True, required=True)
    @click.option("--full-name", default="")
    def create_user(
        username: str, role: str, agency_code: str | None, password_stdin: bool, full_name: str
    ) -> None:
        """Create or update a user, reading the password from standard input."""
        username = username.strip()
        if not 1 <= len(username) <= 80 or has_control_chars(username) or " " in username:
            _fail("the username needs 1 to 80 characters without spaces")
        agency_code = agency_code.strip().upper() if agency_code else None
        password = sys.stdin.readline().rstrip("\r\n")
        if len(password) < 8:
            _fail("the password needs at least 8 characters")
        if agency_code and queries.get_agency(agency_code) is None:
            _fail(f"no agency {agency_code}")
        if role == "officer" and not agency_code:
            _fail("an officer needs --agency")
        queries.upsert_user(
            username, generate_password_hash(password), role, agency_code, clean_line(full_name)
        )
        click.echo(f"user {username} ready")

    app.cli.add_command(user)

    calendar = _Group("calendar", help="Look at the working-day calendar.")

    @calendar.command("show")
    @click.argument("year", type=click.IntRange(1900, 2200))
    def show(year: int) -> None:
        """List the year's days off and make-up working days, with why and on whose word."""
        from datetime import date

        from .domain.calendar import WEEKDAY_NAMES
        from .domain.text import date_dmy

        decisions = queries.decisions()
        cal = calendars.calendar_with(tuple(decisions))
        sources = {d.day: d.source for d in calendars.vietnam_holidays(year)}
        sources |= {d.day: d.source for d in decisions}
        lines = [(day, "nghỉ", reason) for day, reason in cal.days_off(year)]
        lines += [(day, "làm việc", reason) for day, reason in cal.made_working_days(year)]
        off = cal.non_working_days(year)
        length = (date(year + 1, 1, 1) - date(year, 1, 1)).days
        click.echo(f"Năm {year}: {length - len(off)} ngày làm việc, {len(off)} ngày nghỉ.")
        for day, what, reason in sorted(lines):
            source = f"  [{sources[day]}]" if sources.get(day) else ""
            click.echo(f"{date_dmy(day)}  {WEEKDAY_NAMES[day.weekday()]:<8}  {what:<8}  {reason}{source}")
        plain = len(off) - len(cal.days_off(year))
        weekend = ", ".join(WEEKDAY_NAMES[weekday] for weekday in sorted(cal.weekend))
        click.echo(f"Ngoài ra {plain} ngày nghỉ hằng tuần ({weekend}), không liệt kê từng ngày.")

    app.cli.add_command(calendar)
    _guard_all(app.cli)
