"""The procedure catalogue, and loading agencies, procedures and calendar decisions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from ..domain.audit import Actor
from ..domain.calendar import Decision
from ..domain.catalogue import (
    Agency,
    CataloguePage,
    Procedure,
    ProcedurePage,
    facet_counts,
    field_facets,
    level_facets,
)
from ..domain.codes import is_agency_code
from ..domain.errors import NotFound
from ..domain.text import clean_line, fold
from ..store import catalogue as store
from ..store import payments as payments_store
from ..store.database import write_transaction
from . import audit

MAX_CODE = 60
# Who imports, when, and from which file: an import's line in the audit log.
Logged = tuple[Actor, datetime, str]


def search_procedures(
    q: str, level: str | None, field: str | None, page: int, per_page: int = 20
) -> ProcedurePage:
    """Return one page of procedures whose name matches `q`, with or without diacritics."""
    words = fold(q).split()
    field = clean_line(field) if field else None
    total, items = store.search_procedures(words, level, field, (page - 1) * per_page, per_page)
    return ProcedurePage(total=total, page=page, items=tuple(items))


def browse_procedures(
    q: str, level: str | None, field: str | None, page: int, per_page: int
) -> CataloguePage:
    """Return one page of the catalogue and the counts by level and by field; past the last page, the last."""
    words = fold(q).split()
    field = clean_line(field) if field else None
    by_level, by_field = facet_counts(store.count_by_level_and_field(words), level, field)
    total = by_level.get(level, 0) if level else sum(by_level.values())
    page = max(1, min(page, -(-total // per_page)))
    items = store.page_procedures(words, level, field, (page - 1) * per_page, per_page) if total else []
    return CataloguePage(
        found=ProcedurePage(total=total, page=page, items=tuple(items)),
        per_page=per_page,
        levels=level_facets(by_level, level),
        fields=field_facets(by_field, field),
        any_level=sum(by_level.values()),
        any_field=sum(by_field.values()),
    )


def procedure(code: str) -> Procedure:
    """Return one procedure, or raise NotFound."""
    found = store.get_procedure(code.strip().upper()) if len(code) <= MAX_CODE else None
    if found is None:
        raise NotFound("Không tìm thấy thủ tục hành chính này.")
    return found


def find_procedure(code: str) -> Procedure | None:
    """Return the procedure whose code `code` is (however cased), or None."""
    code = code.strip().upper()
    return store.get_procedure(code) if is_agency_code(code) else None


def agency(code: str) -> Agency | None:
    """Return an agency, or None."""
    return store.get_agency(code)


def load_agencies(items: Sequence[Agency], logged: Logged | None = None) -> int:
    """Insert or update agencies by code, all or none; with `logged`, in the audit log too."""
    with write_transaction():
        count = _logged("agencies", store.upsert_agencies(items), logged)
        for item in items:
            payments_store.set_bank(item.code, item.bank)
        return count


def load_procedures(items: Sequence[Procedure], logged: Logged | None = None) -> int:
    """Insert or update procedures by code, all or none; with `logged`, in the audit log too."""
    with write_transaction():
        return _logged("procedures", store.upsert_procedures(items), logged)


def load_decisions(items: Sequence[Decision], logged: Logged | None = None) -> int:
    """Insert or update calendar decisions by date, all or none; with `logged`, in the audit log too."""
    with write_transaction():
        return _logged("holidays", store.upsert_decisions(items), logged)


def _logged(what: str, count: int, logged: Logged | None) -> int:
    if logged is not None:
        actor, now, source = logged
        audit.record("import", actor, now, details={"data": what, "rows": count, "file": source})
    return count


def decisions() -> list[Decision]:
    """Return every calendar decision stored."""
    return store.decisions()
