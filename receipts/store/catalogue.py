"""Agencies, procedures and calendar decisions: read as domain objects, written by code or date."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Row, Select, func, select

from ..domain.calendar import Decision
from ..domain.catalogue import Agency, Procedure
from ..domain.receipt import DocumentItem
from ..domain.text import fold
from ..extensions import db
from . import models


def get_agency(code: str) -> Agency | None:
    """Return an agency, or None."""
    row = db.session.get(models.Agency, code)
    return None if row is None else _agency(row)


def _agency(row: models.Agency) -> Agency:
    return Agency(
        code=row.code,
        parent_name=row.parent_name,
        unit_name=row.unit_name,
        place=row.place,
        office_hours=tuple((str(start), str(end)) for start, end in row.office_hours or ()),
        paper=row.paper or "A4",
        is_demo=row.is_demo,
        due_style=row.due_style or "session",
    )


def get_procedure(code: str) -> Procedure | None:
    """Return a procedure, or None."""
    row = db.session.get(models.Procedure, code)
    return None if row is None else _procedure(row)


def _procedure(row: models.Procedure | Row[Any]) -> Procedure:
    return Procedure(
        code=row.code,
        name=row.name,
        level=row.level,
        duration=row.duration,
        duration_unit=row.duration_unit,
        field=row.field,
        agency_name=row.agency_name,
        service_level=row.service_level,
        fee=row.fee,
        documents=tuple(_document(d) for d in row.documents or ()),
        is_demo=row.is_demo,
    )


def _document(data: dict[str, Any]) -> DocumentItem:
    return DocumentItem(name=data["name"], copies=int(data.get("copies", 1)), form=data.get("form", ""))


def _matching(query: Select[Any], words: list[str], level: str | None, field: str | None) -> Select[Any]:
    for word in words:
        query = query.where(models.Procedure.name_folded.contains(word, autoescape=True))
    if level:
        query = query.where(models.Procedure.level == level)
    if field:
        query = query.where(models.Procedure.field == field)
    return query


def search_procedures(
    folded_words: list[str], level: str | None, field: str | None, offset: int, limit: int
) -> tuple[int, list[Procedure]]:
    """Return the total and one page of procedures matching every folded word."""
    count = _matching(select(func.count()).select_from(models.Procedure), folded_words, level, field)
    return db.session.scalar(count) or 0, page_procedures(folded_words, level, field, offset, limit)


def page_procedures(
    folded_words: list[str], level: str | None, field: str | None, offset: int, limit: int
) -> list[Procedure]:
    """Return one page, in code order, of the procedures matching every folded word."""
    # Plain rows rather than ORM objects: a page of 50 loads in half the time.
    query = _matching(select(*models.Procedure.__table__.c), folded_words, level, field)
    rows = db.session.execute(query.order_by(models.Procedure.code).offset(offset).limit(limit))
    return [_procedure(r) for r in rows]


def count_by_level_and_field(folded_words: list[str]) -> dict[tuple[str, str], int]:
    """Return how many procedures matching every folded word each (level, field) holds (one GROUP BY)."""
    level, field = models.Procedure.level, models.Procedure.field
    query = _matching(select(level, field, func.count()).group_by(level, field), folded_words, None, None)
    return {(str(lvl), str(fld)): int(count) for lvl, fld, count in db.session.execute(query)}


def upsert_agencies(items: Iterable[Agency]) -> int:
    """Insert or update agencies by code (inside the caller's transaction); return how many."""
    count = 0
    for item in items:
        row = db.session.get(models.Agency, item.code) or models.Agency(code=item.code)
        row.parent_name, row.unit_name, row.place = item.parent_name, item.unit_name, item.place
        row.office_hours = [list(pair) for pair in item.office_hours]
        row.paper, row.is_demo, row.due_style = item.paper, item.is_demo, item.due_style
        db.session.add(row)
        count += 1
    return count


def upsert_procedures(items: Iterable[Procedure]) -> int:
    """Insert or update procedures by code (inside the caller's transaction); return how many."""
    count = 0
    for item in items:
        row = db.session.get(models.Procedure, item.code) or models.Procedure(code=item.code)
        row.name, row.name_folded, row.level = item.name, fold(item.name), item.level
        row.field, row.agency_name, row.service_level = item.field, item.agency_name, item.service_level
        row.duration, row.duration_unit, row.fee = item.duration, item.duration_unit, item.fee
        row.documents = [{"name": d.name, "copies": d.copies, "form": d.form} for d in item.documents]
        row.is_demo = item.is_demo
        db.session.add(row)
        count += 1
    return count


def decisions() -> list[Decision]:
    """Return every calendar decision."""
    rows = db.session.scalars(select(models.CalendarDecision).order_by(models.CalendarDecision.day))
    return [Decision(r.day, r.kind, r.name, r.source) for r in rows]


def upsert_decisions(items: Iterable[Decision]) -> int:
    """Insert or update calendar decisions by date (inside the caller's transaction)."""
    count = 0
    for item in items:
        row = db.session.get(models.CalendarDecision, item.day) or models.CalendarDecision(day=item.day)
        row.kind, row.name, row.source = item.kind, item.name, item.source
        db.session.add(row)
        count += 1
    return count
