"""Commands that keep the data safe: `backup FILE` and `restore FILE [--force]`."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from ..services import backups
from .base import FILE, Command


@click.command("backup", cls=Command)
@FILE
@with_appcontext
def backup(path: Path) -> None:
    """Copy the whole database into FILE while the service runs (SQLite backup API or pg_dump)."""
    # RECEIPTS_SECRET_KEYS set: the keys live in the environment, out of this command's reach.
    from_env = bool(current_app.config["SECRET_KEYS"])
    keys_file = None if from_env else Path(current_app.instance_path) / "secret_keys"
    saved = backups.backup(path, keys_file)
    click.echo(f"backed up {saved.receipts} receipts to {path}")
    if saved.keys_copy is not None:
        click.echo(
            f"signing keys copied to {saved.keys_copy}: keep it with the backup, as secret as the keys"
        )
    else:
        click.echo(
            "warning: the signing keys are not in the backup (they come from RECEIPTS_SECRET_KEYS): "
            "keep them too, or no printed QR code verifies after a restore",
            err=True,
        )


@click.command("restore", cls=Command)
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Replace a database that already holds receipts.")
@with_appcontext
def restore(path: Path, force: bool) -> None:
    """Replace the database with the backup in FILE; refused over receipts unless --force."""
    count = backups.restore(path, force=force)
    click.echo(f"restored {count} receipts from {path}")
    missing = backups.unknown_keys(path, current_app.config["SECRET_KEY_LIST"])
    if missing is not None:
        click.echo(
            f"warning: {missing} holds signing keys this app lacks: copy it to instance/secret_keys "
            "(or add its keys to RECEIPTS_SECRET_KEYS), or the QR codes it signed will not verify",
            err=True,
        )
