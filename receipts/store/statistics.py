"""The statistics' queries: every count is a GROUP BY in the database; no receipt row reaches Python.

Revoked receipts are left out everywhere (they were issued by mistake). `agency` None means every
agency of the centre.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, case, func, select

from ..domain.statistics import FINISHED, RESULT_STATUSES, Count, DateRange, OnTime, Overdue, days_late
from ..domain.statuses import Status
from ..extensions import db
from .models import Agency, DossierEvent, Procedure, Receipt
from .times import aware_local, naive_utc


def _valid(period: DateRange, agency: str | None) -> Any:
    """The condition on receipts counted: in the range, not revoked, of the agency if one is given."""
    condition = and_(Receipt.day >= period.start, Receipt.day <= period.end, Receipt.revoked_at.is_(None))
    return condition if agency is None else and_(condition, Receipt.agency_code == agency)


def _agency_label(code: str, parent_name: str) -> str:
    return f"{parent_name} ({code})" if parent_name else code


def per_day(period: DateRange, agency: str | None) -> dict[date, int]:
    """Return the number of receipts of each local day that has any."""
    query = select(Receipt.day, func.count()).where(_valid(period, agency)).group_by(Receipt.day)
    return {day: int(n) for day, n in db.session.execute(query)}


def per_agency(period: DateRange, agency: str | None) -> list[Count]:
    """Return every agency in scope with its number of receipts (zero for an agency without any)."""
    joined = and_(Receipt.agency_code == Agency.code, _valid(period, None))
    query = (
        select(Agency.code, Agency.parent_name, func.count(Receipt.id))
        .select_from(Agency)
        .outerjoin(Receipt, joined)
        .group_by(Agency.code, Agency.parent_name)
    )
    if agency is not None:
        query = query.where(Agency.code == agency)
    return [Count(code, _agency_label(code, parent), int(n)) for code, parent, n in db.session.execute(query)]


def per_field(period: DateRange, agency: str | None) -> list[Count]:
    """Return the number of receipts of each field of procedures (blank field: 'Chưa phân loại')."""
    query = (
        select(Procedure.field, func.count())
        .select_from(Receipt)
        .join(Procedure, Procedure.code == Receipt.procedure_code)
        .where(_valid(period, agency))
        .group_by(Procedure.field)
    )
    return [Count(name, name or "Chưa phân loại", int(n)) for name, n in db.session.execute(query)]


def per_procedure(period: DateRange, agency: str | None) -> list[Count]:
    """Return the number of receipts of each procedure that has any."""
    query = (
        select(Procedure.code, Procedure.name, func.count())
        .select_from(Receipt)
        .join(Procedure, Procedure.code == Receipt.procedure_code)
        .where(_valid(period, agency))
        .group_by(Procedure.code, Procedure.name)
    )
    return [Count(code, name, int(n)) for code, name, n in db.session.execute(query)]


def per_channel(period: DateRange, agency: str | None) -> dict[str, int]:
    """Return the number of receipts of each channel (where the result goes: counter, post, online)."""
    query = select(Receipt.delivery, func.count()).where(_valid(period, agency)).group_by(Receipt.delivery)
    return {channel: int(n) for channel, n in db.session.execute(query)}


def on_time(period: DateRange, agency: str | None) -> list[OnTime]:
    """Return per agency the receipts whose result was given and those given by the appointment."""
    first = (
        select(DossierEvent.receipt_id, func.min(DossierEvent.at).label("at"))
        .where(DossierEvent.status.in_(RESULT_STATUSES))
        .group_by(DossierEvent.receipt_id)
        .subquery()
    )
    query = (
        select(
            Receipt.agency_code,
            Agency.parent_name,
            func.count(first.c.at),
            func.coalesce(func.sum(case((first.c.at <= Receipt.due_at, 1), else_=0)), 0),
        )
        .select_from(Receipt)
        .join(Agency, Agency.code == Receipt.agency_code)
        .outerjoin(first, first.c.receipt_id == Receipt.id)
        .where(_valid(period, agency))
        .group_by(Receipt.agency_code, Agency.parent_name)
    )
    return [
        OnTime(code, _agency_label(code, parent), int(done), int(timely))
        for code, parent, done, timely in db.session.execute(query)
    ]


def _overdue_condition(agency: str | None, now: datetime) -> Any:
    condition = and_(
        Receipt.revoked_at.is_(None), Receipt.status.not_in(FINISHED), Receipt.due_at < naive_utc(now)
    )
    return condition if agency is None else and_(condition, Receipt.agency_code == agency)


def overdue(agency: str | None, now: datetime, limit: int) -> tuple[list[Overdue], int]:
    """Return the dossiers now past their appointment and not finished, latest appointment last."""
    condition = _overdue_condition(agency, now)
    total = int(db.session.execute(select(func.count()).select_from(Receipt).where(condition)).scalar_one())
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
        due = aware_local(receipt.due_at)
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
