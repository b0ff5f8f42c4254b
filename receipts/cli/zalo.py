"""Commands for the Zalo Official Account and the background worker that talks to it."""

from __future__ import annotations

import logging
import sys
from datetime import datetime, timedelta

import click
from flask import current_app
from flask.cli import with_appcontext

from .. import runtime, worker
from ..clock import now_local
from ..domain.oa_tokens import OaCredentials
from ..domain.outbox import OutboxCounts
from ..services import messaging, oa_tokens
from .base import Group, LoggingCommand

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


@click.command("worker", cls=LoggingCommand)
@click.option("--threads", type=click.IntRange(1, 16), default=2, show_default=True)
@with_appcontext
def run_worker(threads: int) -> None:
    """Run the background worker (messages to Zalo) until stopped with Ctrl-C or SIGTERM."""
    logging.basicConfig(level=logging.INFO, format="[%(asctime)s] %(levelname)s %(name)s: %(message)s")
    worker.run(current_app._get_current_object(), threads)
