"""The counter's search over every receipt, and a dossier's versions and events.

Reads only. The applicant's folded name and phone are columns of `receipts` (kept by
`receipts._add_version`), indexed by migration 0007, so that no snapshot is read to search.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select

from ..domain.history import PrintedVersion, StatusEvent
from ..domain.receipt import ReceiptSnapshot
from ..domain.search import COUNT_CAP, PAGE_SIZE, DossierQuery, Found
from ..domain.statuses import Status
from ..extensions import db
from .models import DossierEvent, Receipt, ReceiptVersion
from .receipts import _current, _stored
from .times import aware_local

# Newest day first, then newest first within the day: the order of the indexes of migration 0007.
ORDER = (Receipt.day.desc(), Receipt.id.desc())


def _matching(query: Select[Any], q: DossierQuery) -> Select[Any]:
    if q.agency is not None:
        query = query.where(Receipt.agency_code == q.agency)
    if q.code:
        query = query.where(Receipt.code == q.code)
    elif q.phone:
        query = query.where(Receipt.applicant_phone == q.phone)
    for word in q.words:
        query = query.where(Receipt.applicant_folded.contains(word, autoescape=True))
    if q.procedure_code:
        query = query.where(Receipt.procedure_code == q.procedure_code)
    if q.date_from is not None:
        query = query.where(Receipt.day >= q.date_from)
    if q.date_to is not None:
        query = query.where(Receipt.day <= q.date_to)
    return query


def page_query(q: DossierQuery) -> Select[Any]:
    """Return the query of the ids on the search's page (the benchmark explains it)."""
    return _matching(select(Receipt.id), q).order_by(*ORDER).offset(q.offset).limit(PAGE_SIZE)


def search(q: DossierQuery) -> Found:
    """Return one page of matching receipts, newest day first, and their count (up to COUNT_CAP + 1)."""
    ids = _matching(select(Receipt.id), q)
    capped = ids.limit(COUNT_CAP + 1).subquery()
    total = int(db.session.scalar(select(func.count()).select_from(capped)) or 0)
    wanted = list(db.session.scalars(page_query(q)))
    rows = db.session.execute(_current(select(Receipt, ReceiptVersion)).where(Receipt.id.in_(wanted)))
    by_id = {receipt.id: _stored(receipt, version) for receipt, version in rows}
    return Found(total, [by_id[i] for i in wanted if i in by_id], q.page)


def versions(receipt_id: int) -> list[PrintedVersion]:
    """Return every version of a receipt, first to last."""
    query = (
        select(ReceiptVersion).where(ReceiptVersion.receipt_id == receipt_id).order_by(ReceiptVersion.version)
    )
    return [
        PrintedVersion(ReceiptSnapshot.from_dict(row.snapshot), _moment(row.created_at))
        for row in db.session.scalars(query)
    ]


def events(receipt_id: int) -> list[StatusEvent]:
    """Return a dossier's status changes in the order they were recorded."""
    query = select(DossierEvent).where(DossierEvent.receipt_id == receipt_id).order_by(DossierEvent.id)
    return [StatusEvent(Status(row.status), row.note, _moment(row.at)) for row in db.session.scalars(query)]


def _moment(value: datetime) -> datetime:
    moment = aware_local(value)
    assert moment is not None
    return moment
