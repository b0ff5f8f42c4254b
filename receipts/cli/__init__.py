"""Flask commands for operators: schema, demo data, data files, API keys, officers, the calendar,
the Zalo OA's tokens, the background worker, backups and the log book; one module per area.

Every error, usage errors included, is one line on stderr and a non-zero exit (the contract).
"""

from __future__ import annotations

from flask import Flask

from .backup import backup, restore
from .book import book
from .data import agencies, calendar, demo, holidays, init_db, procedures
from .people import api_key, user
from .zalo import run_worker, zalo

COMMANDS = (
    init_db,
    demo,
    agencies,
    procedures,
    holidays,
    api_key,
    user,
    calendar,
    zalo,
    run_worker,
    backup,
    restore,
    book,
)


def register(app: Flask) -> None:
    """Add the commands to the app."""
    for command in COMMANDS:
        app.cli.add_command(command)
