"""`book export`: the log book (Sổ theo dõi hồ sơ, Mẫu 07) of an agency for a range of days, as CSV or PDF."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click
from flask.cli import with_appcontext

from ..clock import now_local
from ..domain.book import FORMATS
from ..services import book as book_service
from .base import Group

DAY = click.DateTime(formats=["%Y-%m-%d"])


@click.group("book", cls=Group)
def book() -> None:
    """The log book of dossiers received (Sổ theo dõi hồ sơ)."""


@book.command("export")
@click.option("--agency", "agency_code", required=True, help="The agency's code.")
@click.option("--from", "first", required=True, type=DAY, help="First local day, YYYY-MM-DD.")
@click.option("--to", "last", required=True, type=DAY, help="Last local day, YYYY-MM-DD (included).")
@click.option("--format", "fmt", required=True, type=click.Choice(FORMATS), help="csv or pdf.")
@click.option(
    "--output", required=True, type=click.Path(dir_okay=False, path_type=Path), help="File to write."
)
@with_appcontext
def export(agency_code: str, first: datetime, last: datetime, fmt: str, output: Path) -> None:
    """Write the log book of the agency's dossiers received from --from to --to to --output."""
    data = book_service.export(agency_code, first.date(), last.date(), fmt, now_local())
    output.write_bytes(data)
    click.echo(f"{output}: {fmt.upper()}, {len(data)} bytes")
