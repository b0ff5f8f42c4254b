"""Commands that load data: the schema, the demo, the agencies, procedures and holiday decisions,
and a look at the working-day calendar."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click
from flask.cli import with_appcontext

from .. import calendars
from ..clock import now_local
from ..config import ROOT
from ..domain.calendar import WEEKDAY_NAMES
from ..domain.text import date_dmy
from ..schemas import files
from ..services import access, catalogue
from ..store.database import upgrade_schema
from .base import FILE, Command, Group, logged

DEMO = ROOT / "data" / "demo"
DEMO_HOLIDAYS = ROOT / "data" / "holidays" / "vietnam-2024-2026.json"
DEMO_AGENCY = "000.00.04.H15"
UNCONFIRMED = "(*) chỉ theo gói holidays, chưa có quyết định đã nhập: cần kiểm tra"


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
calendar = Group("calendar", help="Look at the working-day calendar.")


@agencies.command("import")
@FILE
def import_agencies(path: Path) -> None:
    """Import a JSON file of agencies; re-running updates rows instead of duplicating them."""
    click.echo(f"{catalogue.load_agencies(files.read_agencies(path), logged(path))} agencies imported")


@procedures.command("import")
@FILE
def import_procedures(path: Path) -> None:
    """Import a JSON file of procedures; re-running updates rows instead of duplicating them."""
    click.echo(f"{catalogue.load_procedures(files.read_procedures(path), logged(path))} procedures imported")


@holidays.command("import")
@FILE
def import_holidays(path: Path) -> None:
    """Import a JSON file of calendar decisions; re-running updates rows instead of duplicating them."""
    click.echo(f"{catalogue.load_decisions(files.read_decisions(path), logged(path))} holidays imported")


@calendar.command("show")
@click.argument("year", type=click.IntRange(1900, 2200))
def show(year: int) -> None:
    """List the year's days off and make-up working days, with why and on whose word."""
    decisions = catalogue.decisions()
    cal = calendars.calendar_with(tuple(decisions))
    sources = {d.day: d.source for d in calendars.vietnam_holidays(year)}
    decided = {d.day for d in decisions}
    sources |= {d.day: d.source for d in decisions}
    lines = [(day, "nghỉ", reason) for day, reason in cal.days_off(year)]
    lines += [(day, "làm việc", reason) for day, reason in cal.made_working_days(year)]
    off = cal.non_working_days(year)
    length = (date(year + 1, 1, 1) - date(year, 1, 1)).days
    click.echo(f"Năm {year}: {length - len(off)} ngày làm việc, {len(off)} ngày nghỉ.")
    for day, what, reason in sorted(lines):
        source = f"  [{sources[day]}]" if sources.get(day) else ""
        # A day the package alone knows has no imported decision behind it: the operator confirms it.
        source += "" if day in decided else f"  {UNCONFIRMED}"
        click.echo(f"{date_dmy(day)}  {WEEKDAY_NAMES[day.weekday()]:<8}  {what:<8}  {reason}{source}")
    plain = len(off) - len(cal.days_off(year))
    weekend = ", ".join(WEEKDAY_NAMES[weekday] for weekday in sorted(cal.weekend))
    click.echo(f"Ngoài ra {plain} ngày nghỉ hằng tuần ({weekend}), không liệt kê từng ngày.")
