"""The audit log: one `record` that every use case calls, and the log as administrators read it.

`record` writes inside the caller's transaction, so an entry exists exactly when what it tells
of does; `record_alone` is for what has no transaction of its own (a login, a print).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from ..domain.audit import Actor, AuditEntry, AuditFilter
from ..domain.dossiers import StoredReceipt
from ..domain.errors import Forbidden
from ..domain.officers import Officer
from ..store import audit as store
from ..store import people
from ..store.database import write_transaction

PAGE_SIZE = 50


def record(
    action: str,
    actor: Actor,
    now: datetime,
    *,
    agency_code: str | None = None,
    dossier_code: str | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """Append an entry to the log, inside the caller's write transaction."""
    store.add(now, action, actor, agency_code or actor.agency_code, dossier_code, details or {})


def record_dossier(
    action: str, actor: Actor, now: datetime, stored: StoredReceipt, details: dict[str, Any] | None = None
) -> None:
    """Append an entry about a dossier to the log, inside the caller's write transaction."""
    record(action, actor, now, agency_code=stored.agency_code, dossier_code=stored.code, details=details)


def record_alone(
    action: str,
    actor: Actor,
    now: datetime,
    *,
    agency_code: str | None = None,
    dossier_code: str | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """Append an entry to the log in a transaction of its own."""
    with write_transaction():
        record(action, actor, now, agency_code=agency_code, dossier_code=dossier_code, details=details)


def record_login(name: str, address: str, now: datetime, officer: Officer | None, wait: int) -> None:
    """Log a login, or a refused one (wrong password, unknown or disabled account, or made to wait)."""
    if officer is not None:
        record_alone("login", Actor("officer", name, address, officer.agency_code), now)
        return
    found = people.find_login(name)
    agency = found[0].agency_code if found is not None else None
    details = {"wait": wait} if wait else {}
    record_alone("login_failed", Actor("officer", name, address, agency), now, details=details)


def _visible(viewer: Officer, where: AuditFilter) -> AuditFilter:
    """Narrow a filter to what the viewer may read: an agency administrator, their agency's entries."""
    if not viewer.is_admin:
        raise Forbidden("Chỉ quản trị viên được xem nhật ký.")
    if viewer.sees_all:
        return where
    return AuditFilter(
        viewer.agency_code or "",
        where.action,
        where.actor,
        where.dossier_code,
        where.date_from,
        where.date_to,
    )


def log(viewer: Officer, where: AuditFilter, page: int) -> tuple[int, list[AuditEntry]]:
    """Return how many entries the viewer may read under the filter, and one page of them, newest first."""
    where = _visible(viewer, where)
    return store.count(where), store.entries(where, (page - 1) * PAGE_SIZE, PAGE_SIZE)


def export(viewer: Officer, where: AuditFilter) -> Iterator[AuditEntry]:
    """Yield every entry the viewer may read under the filter, oldest first."""
    return store.every(_visible(viewer, where))


def of_dossier(dossier_code: str) -> list[AuditEntry]:
    """Return what was done to a dossier, oldest first."""
    return store.for_dossier(dossier_code)
