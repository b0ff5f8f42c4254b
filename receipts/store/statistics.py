"""The statistics' queries: every count is a GROUP BY in the database; no receipt row reaches Python.

Three scans of the range's receipts (per day; per procedure; per agency and channel with the
results on time) and the overdue list. Revoked receipts are left out everywhere (they were issued by
mistake). `agency` None means every agency of the centre.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, case, func, select

from ..domain.statistics import FINISHED, Count, DateRange, Overdue, Tally, days_late
from ..domain.statuses import Status
from ..extensions import db
from .models import Agency, Procedure, Receipt
from .times import aware_local, naive_utc


def _valid(period: DateRange, agency: str | None) -> Any:
    """The condition on receipts counted: in the range, not revoked, of the agency if one is given."""
    condition = and_(Receipt.day >= period.start, Receipt.day <= period.end, Receipt.revoked_at.is_(None))
    return condition if agency is None else and_(condition, Receipt.agency_code == agency)


def _agency_label(code: str, parent_name: str) -> str:
    return f"{parent_name} ({code})" if parent_name else code


def agencies(agency: str | None) -> dict[str, str]:
    """Return the agencies in scope, code → label (an unknown `agency` gives none)."""
    query = select(Agency.code, Agency.parent_name)
    if agency is not None:
        query = query.where(Agency.code == agency)
    return {code: _agency_label(code, parent) for code, parent in db.session.execute(query)}


def per_day(period: DateRange, agency: str | None) -> dict[date, int]:
    """Return the number of receipts of each local day that has any."""
    query = select(Receipt.day, func.count()).where(_valid(period, agency)).group_by(Receipt.day)
    return {day: int(n) for day, n in db.session.execute(query)}


def per_procedure(period: DateRange, agency: str | None) -> list[tuple[Count, str]]:
    """Return the receipts of each procedure that has any, with the procedure's field."""
    counted = (
        select(Receipt.procedure_code.label("code"), func.count().label("n"))
        .where(_valid(period, agency))
        .group_by(Receipt.procedure_code)
        .subquery()
    )
    query = select(Procedure.code, Procedure.name, Procedure.field, counted.c.n).join(
        counted, counted.c.code == Procedure.code
    )
    return [(Count(code, name, int(n)), field) for code, name, field, n in db.session.execute(query)]


def tallies(period: DateRange, agency: str | None) -> list[Tally]:
    """Return per agency and channel the receipts, those with a result and those with it on time."""
    # Against the appointment first given: an extension is an apology for lateness, not more time.
    on_time = case((Receipt.result_at <= Receipt.due_at, 1), else_=0)
    query = (
        select(
            Receipt.agency_code,
            Receipt.delivery,
            func.count(),
            func.count(Receipt.result_at),
            func.coalesce(func.sum(on_time), 0),
        )
        .where(_valid(period, agency))
        .group_by(Receipt.agency_code, Receipt.delivery)
    )
    return [
        Tally(code, channel, int(n), int(done), int(timely))
        for code, channel, n, done, timely in db.session.execute(query)
    ]


def _overdue_condition(agency: str | None, now: datetime) -> Any:
    # An extension (Mẫu 04) moves the appointment later: `due_at` first, so that its index narrows.
    cutoff = naive_utc(now)
    condition = and_(
        Receipt.revoked_at.is_(None),
        Receipt.status.not_in(FINISHED),
        Receipt.due_at < cutoff,
        func.coalesce(Receipt.extended_due_at, Receipt.due_at) < cutoff,
    )
    return condition if agency is None else and_(condition, Receipt.agency_code == agency)


def overdue(agency: str | None, now: datetime, limit: int) -> tuple[list[Overdue], int]:
    """Return the dossiers now past their appointment and not finished, latest appointment last."""
    condition = _overdue_condition(agency, now)
    total = int(db.session.execute(select(func.count()).select_from(Receipt).where(condition)).scalar_one())
    if limit <= 0:
        return [], total
    query = (
        select(Receipt, Agency.parent_name, Procedure.name)
        .join(Agency, Agency.code == Receipt.agency_code)
        .join(Procedure, Procedure.code == Receipt.procedure_code)
        .where(condition)
        .order_by(Receipt.due_at, Receipt.code)
        .limit(limit)
    )
    items = []
    for receipt, parent, procedure_name in db.session.execute(query):
        due = aware_local(receipt.extended_due_at or receipt.due_at)
        assert due is not None, "due_at is never null"
        items.append(
            Overdue(
                code=receipt.code,
                agency_code=receipt.agency_code,
                agency_label=_agency_label(receipt.agency_code, parent),
                procedure_name=procedure_name,
                status=Status(receipt.status),
                due_at=due,
                officer_name=receipt.officer_name,
                days_overdue=days_late(due, now),
            )
        )
    return items, total
