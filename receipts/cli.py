"""Flask commands for operators: schema, demo data, data files, API keys, officers, the calendar,
the Zalo OA's tokens and the background worker.

Every error, usage errors included, is one line on stderr and a non-zero exit (the contract).
"""

from __future__ import annotations

import logging
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

from . import calendars, runtime, worker
from .clock import now_local
from .config import ROOT
from .domain.calendar import WEEKDAY_NAMES
from .domain.errors import DomainError
from .domain.localtime import local
from .domain.oa_tokens import OaCredentials
from .domain.officers import ROLES
from .domain.outbox import OutboxCounts
from .domain.text import date_dmy
from .schemas import files
from .services import access, catalogue, messaging, oa_tokens
from .store.database import StoreError, upgrade_schema

DEMO = ROOT / "data" / "demo"
DEMO_HOLIDAYS = ROOT / "data" / "holidays" / "vietnam-2024-2026.json"
DEMO_AGENCY = "000.00.04.H15"


def _one_line(error: Exception) -> click.ClickException:
    # The first line of a database error says what is wrong; the rest is SQL and a link.
    text = getattr(error, "message", None) or str(error)
    return click.ClickException(" ".join(text.strip().splitlines()[:1])[:300] or type(error).__name__)


class Command(click.Command):
    """A command whose usage errors and failures are one line."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Parse the arguments; a usage error becomes one line."""
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as error:
            raise _one_line(click.ClickException(error.format_message())) from None

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; a refused value, a database or a file error becomes one line."""
        try:
            return super().invoke(ctx)
        except (DomainError, StoreError, OSError) as error:
            raise _one_line(error) from error


class Group(AppGroup):
    """A group of one-line-error commands; an unknown subcommand is a one-line error too."""

    command_class = Command

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        """Find the subcommand; an unknown one is a one-line error."""
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as error:
            raise _one_line(click.ClickException(error.format_message())) from None


@click.command("init-db", cls=Command)
@with_appcontext
def init_db() -> None:
    """Create or upgrade the schema."""
    upgrade_schema()
    click.echo("database ready")


@click.command("demo", cls=Command)
@with_appcontext
def demo() -> None:
    """Load the demo agency, procedures and officer, and print the logins."""
    upgrade_schema()
    catalogue.load_agencies(files.read_agencies(DEMO / "agencies.json", demo=True))
    catalogue.load_procedures(files.read_procedures(DEMO / "procedures.json", demo=True))
    if DEMO_HOLIDAYS.exists():
        catalogue.load_decisions(files.read_decisions(DEMO_HOLIDAYS))
    password = access.new_password()
    access.save_officer("canbo.demo", password, "officer", DEMO_AGENCY, "Cán bộ Demo")
    key = access.create_api_key("demo", list(access.SCOPES), now_local())
    click.echo(f"Dữ liệu demo đã nạp (cơ quan {DEMO_AGENCY}, 3 thủ tục).")
    click.echo(f"Cán bộ một cửa: canbo.demo / {password}")
    click.echo(f"Khóa API (issue, update): {key}")


agencies = Group("agencies", help="Manage agencies.")
procedures = Group("procedures", help="Manage procedures.")
holidays = Group("holidays", help="Manage the calendar's yearly decisions.")
api_key = Group("api-key", help="Manage API keys.")
user = Group("user", help="Manage officers and administrators.")
calendar = Group("calendar", help="Look at the working-day calendar.")
FILE = click.argument("path", type=click.Path(dir_okay=False, path_type=Path))


@agencies.command("import")
@FILE
def import_agencies(path: Path) -> None:
    """Import a JSON file of agencies; re-running updates rows instead of duplicating them."""
    click.echo(f"{catalogue.load_agencies(files.read_agencies(path))} agencies imported")


@procedures.command("import")
@FILE
def import_procedures(path: Path) -> None:
    """Import a JSON file of procedures; re-running updates rows instead of duplicating them."""
    click.echo(f"{catalogue.load_procedures(files.read_procedures(path))} procedures imported")


@holidays.command("import")
@FILE
def import_holidays(path: Path) -> None:
    """Import a JSON file of calendar decisions; re-running updates rows instead of duplicating them."""
    click.echo(f"{catalogue.load_decisions(files.read_decisions(path))} holidays imported")


@api_key.command("create")
@click.argument("name")
@click.option("--scope", "scopes", multiple=True, required=True, type=click.Choice(access.SCOPES))
@click.option("--agency", "agency_code", default=None, help="Serve only this agency's receipts.")
def create_key(name: str, scopes: tuple[str, ...], agency_code: str | None) -> None:
    """Create a key; only its hash is stored and the key is printed once, on the last line."""
    key = access.create_api_key(name, list(scopes), now_local(), agency_code)
    serves = f" for agency {agency_code.strip().upper()}" if agency_code and agency_code.strip() else ""
    click.echo(f"API key '{name.strip()}' created with scopes: {' '.join(sorted(set(scopes)))}{serves}")
    click.echo(key)


@api_key.command("list")
def list_keys() -> None:
    """List every key: name, scopes, agency, when created, last used and revoked (never the key)."""
    header = ("name", "scopes", "agency", "created", "last used", "revoked")
    rows = [
        (
            key.name,
            ",".join(key.scopes),
            key.agency_code or "all",
            _minute(key.created_at),
            _minute(key.last_used_at) if key.last_used_at else "never",
            _minute(key.revoked_at) if key.revoked_at else "-",
        )
        for key in access.api_keys()
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        click.echo("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())


@api_key.command("revoke")
@click.argument("name")
def revoke_key(name: str) -> None:
    """Revoke every live key of that name; requests with it answer 401 from then on."""
    count = access.revoke_api_keys(name, now_local())
    click.echo(f"{count} API key{'s' if count > 1 else ''} named '{name.strip()}' revoked")


def _minute(moment: datetime) -> str:
    return local(moment).strftime("%Y-%m-%d %H:%M")


@user.command("create")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--agency", "agency_code", default=None)
@click.option("--password-stdin", is_flag=True, required=True)
@click.option("--full-name", default="")
def create_user(
    username: str, role: str, agency_code: str | None, password_stdin: bool, full_name: str
) -> None:
    """Create or update a user, reading the password from standard input; an update ends their sessions."""
    password = sys.stdin.readline().rstrip("\r\n")
    click.echo(f"user {access.save_officer(username, password, role, agency_code, full_name)} ready")


@user.command("disable")
@click.argument("username")
def disable_user(username: str) -> None:
    """Disable a user: every session ends at once and logging in is refused until enabled."""
    click.echo(f"user {access.set_disabled(username, True, now_local())} disabled")


@user.command("enable")
@click.argument("username")
def enable_user(username: str) -> None:
    """Let a disabled user log in again."""
    click.echo(f"user {access.set_disabled(username, False, now_local())} enabled")


@calendar.command("show")
@click.argument("year", type=click.IntRange(1900, 2200))
def show(year: int) -> None:
    """List the year's days off and make-up working days, with why and on whose word."""
    decisions = catalogue.decisions()
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


zalo = Group("zalo", help="Connect the Zalo Official Account and look at its tokens and messages.")


@zalo.command("connect")
@click.option("--refresh-token-stdin", is_flag=True, required=True)
def zalo_connect(refresh_token_stdin: bool) -> None:
    """Store the OA's first refresh token, read from standard input, and renew the access token at once."""
    credentials = oa_tokens.connect(runtime.zalo_client(), sys.stdin.readline(), now_local())
    click.echo(f"Zalo OA connected: access token valid until {_moment(credentials.expires_at)}")


@zalo.command("status")
def zalo_status() -> None:
    """Show the access token's expiry, the last renewal, the messages waiting and the last error."""
    bootstrap = bool(current_app.config["ZALO_ACCESS_TOKEN"])
    for line in _status_lines(oa_tokens.status(), messaging.counts(), bootstrap, now_local()):
        click.echo(line)


def _status_lines(
    credentials: OaCredentials | None, counts: OutboxCounts, bootstrap: bool, now: datetime
) -> list[str]:
    if credentials is None or not credentials.refresh_token:
        fallback = "RECEIPTS_ZALO_ACCESS_TOKEN, never renewed" if bootstrap else "no access token"
        lines = [f"connected: no (sending with {fallback})"]
    else:
        expires = credentials.expires_at
        left = "unknown" if expires is None else _moment(expires) + f" ({_span(expires - now)})"
        lines = [
            "connected: yes",
            f"access token expires: {left}",
            f"last renewal: {_moment(credentials.renewed_at)}",
        ]
    oldest = f" (oldest since {_moment(counts.oldest_waiting)})" if counts.oldest_waiting else ""
    lines += [f"messages waiting: {counts.waiting}{oldest}", f"messages given up: {counts.failed}"]
    if credentials is not None and credentials.last_error:
        lines.append(f"last error: {_moment(credentials.last_error_at)} {credentials.last_error}")
    else:
        lines.append("last error: none")
    return lines


def _moment(value: datetime | None) -> str:
    return "never" if value is None else value.isoformat(sep=" ")


def _span(delta: timedelta) -> str:
    minutes = int(abs(delta.total_seconds()) // 60)
    text = f"{minutes // 60} h {minutes % 60} min"
    return f"in {text}" if delta.total_seconds() >= 0 else f"expired {text} ago"


@click.command("worker", cls=Command)
@click.option("--threads", type=click.IntRange(1, 16), default=2, show_default=True)
@with_appcontext
def run_worker(threads: int) -> None:
    """Run the background worker (messages to Zalo) until stopped with Ctrl-C or SIGTERM."""
    logging.basicConfig(level=logging.INFO, format="[%(asctime)s] %(levelname)s %(name)s: %(message)s")
    worker.run(current_app._get_current_object(), threads)


COMMANDS = (init_db, demo, agencies, procedures, holidays, api_key, user, calendar, zalo, run_worker)


def register(app: Flask) -> None:
    """Add the commands to the app."""
    for command in COMMANDS:
        app.cli.add_command(command)
