"""What every operator command shares: one-line errors, groups, the file argument.

Every error, usage errors included, is one line on stderr and a non-zero exit (the contract).
"""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import Any

import click
from flask.cli import AppGroup

from ..clock import now_local
from ..domain.audit import Actor
from ..domain.errors import DomainError
from ..logs import quiet
from ..store.database import StoreError


def _one_line(error: Exception) -> click.ClickException:
    # The first line of a database error says what is wrong; the rest is SQL and a link.
    text = getattr(error, "message", None) or str(error)
    return click.ClickException(" ".join(text.strip().splitlines()[:1])[:300] or type(error).__name__)


class Command(click.Command):
    """A command whose usage errors and failures are one line (and the app's log lines kept off stderr)."""

    # A long-running command (the worker) keeps its log lines: they are what an operator reads.
    logs = False

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Parse the arguments; a usage error becomes one line."""
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as error:
            raise _one_line(click.ClickException(error.format_message())) from None

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; a refused value, a database or a file error becomes one line."""
        try:
            if self.logs:
                return super().invoke(ctx)
            with quiet():
                return super().invoke(ctx)
        except (DomainError, StoreError, OSError) as error:
            raise _one_line(error) from error


class LoggingCommand(Command):
    """A one-line-error command whose log lines reach stderr (the worker)."""

    logs = True


class Group(AppGroup):
    """A group of one-line-error commands; an unknown subcommand is a one-line error too."""

    command_class = Command

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        """Find the subcommand; an unknown one is a one-line error."""
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as error:
            raise _one_line(click.ClickException(error.format_message())) from None


FILE = click.argument("path", type=click.Path(dir_okay=False, path_type=Path))


def operator() -> Actor:
    """Return who runs the command, as the audit log names them: the system account, on this machine."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):  # no such user in the password database (a container's uid)
        name = "?"
    return Actor("cli", name, "cli")


def logged(path: Path) -> tuple[Actor, Any, str]:
    """Return what an import's audit entry names: the operator, the moment, the file."""
    return operator(), now_local(), path.name
