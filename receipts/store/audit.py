"""The audit log: rows are added and read, never changed (on PostgreSQL a trigger refuses it too).

This module has no update or delete on purpose. Every write runs inside the caller's
`write_transaction`; nothing here commits.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime, Index, Integer, Select, String, func, select
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.types import JSON

from ..domain.audit import Actor, AuditEntry, AuditFilter
from ..extensions import db
from .times import aware_local, naive_utc


class AuditRecord(db.Model):
    """One line of the audit log."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_at", "at"),
        Index("ix_audit_log_agency_at", "agency_code", "at"),
        Index("ix_audit_log_dossier_code", "dossier_code"),
    )
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"), primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    action: Mapped[str] = mapped_column(String(30))
    actor_kind: Mapped[str] = mapped_column(String(10))
    actor_name: Mapped[str] = mapped_column(String(100))
    address: Mapped[str] = mapped_column(String(100))
    agency_code: Mapped[str | None] = mapped_column(String(40), nullable=True)
    dossier_code: Mapped[str | None] = mapped_column(String(60), nullable=True)
    details: Mapped[dict[str, Any]] = mapped_column(JSON)


def add(
    at: datetime,
    action: str,
    actor: Actor,
    agency_code: str | None,
    dossier_code: str | None,
    details: dict[str, Any],
) -> None:
    """Append one entry to the log."""
    db.session.add(
        AuditRecord(
            at=naive_utc(at),
            action=action,
            actor_kind=actor.kind,
            actor_name=actor.name[:100],
            address=actor.address[:100],
            agency_code=agency_code,
            dossier_code=dossier_code,
            details=details,
        )
    )


def _entry(row: AuditRecord) -> AuditEntry:
    at = aware_local(row.at)
    assert at is not None
    return AuditEntry(
        id=row.id,
        at=at,
        action=row.action,
        actor=Actor(row.actor_kind, row.actor_name, row.address),
        agency_code=row.agency_code,
        dossier_code=row.dossier_code,
        details=dict(row.details or {}),
    )


def _filtered(query: Select[Any], where: AuditFilter) -> Select[Any]:
    if where.agency_code is not None:
        query = query.where(AuditRecord.agency_code == where.agency_code)
    if where.action:
        query = query.where(AuditRecord.action == where.action)
    if where.actor:
        query = query.where(AuditRecord.actor_name == where.actor)
    if where.dossier_code:
        query = query.where(AuditRecord.dossier_code == where.dossier_code)
    if where.date_from is not None:
        query = query.where(AuditRecord.at >= naive_utc(where.date_from))
    if where.date_to is not None:
        query = query.where(AuditRecord.at < naive_utc(where.date_to))
    return query


def count(where: AuditFilter) -> int:
    """Return how many entries match."""
    return int(db.session.scalar(_filtered(select(func.count()).select_from(AuditRecord), where)) or 0)


def entries(where: AuditFilter, offset: int, limit: int) -> list[AuditEntry]:
    """Return one page of matching entries, newest first."""
    query = _filtered(select(AuditRecord), where).order_by(AuditRecord.id.desc()).offset(offset).limit(limit)
    return [_entry(row) for row in db.session.scalars(query)]


def every(where: AuditFilter, batch: int = 1000) -> Iterator[AuditEntry]:
    """Yield every matching entry, oldest first, a batch at a time (for the CSV export)."""
    last = 0
    while True:
        query = _filtered(select(AuditRecord), where).where(AuditRecord.id > last)
        rows = list(db.session.scalars(query.order_by(AuditRecord.id).limit(batch)))
        yield from (_entry(row) for row in rows)
        if len(rows) < batch:
            return
        last = rows[-1].id


def for_dossier(dossier_code: str) -> list[AuditEntry]:
    """Return a dossier's entries, oldest first."""
    query = select(AuditRecord).where(AuditRecord.dossier_code == dossier_code).order_by(AuditRecord.id)
    return [_entry(row) for row in db.session.scalars(query)]
