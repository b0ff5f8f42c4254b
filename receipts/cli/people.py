"""Commands for people and machines that act on the service: API keys and officers."""

from __future__ import annotations

import sys
from datetime import datetime

import click

from ..clock import now_local
from ..domain.localtime import local
from ..domain.officers import ROLES
from ..services import access
from .base import Group

api_key = Group("api-key", help="Manage API keys.")
user = Group("user", help="Manage officers and administrators.")


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
