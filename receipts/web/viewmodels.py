"""Plain values the pages show about procedures, shared by the catalogue and the counter."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from ..domain.catalogue import Procedure, ProcedurePage
from ..domain.text import money_vnd


def procedure_view(procedure: Procedure) -> dict[str, Any]:
    """Return a procedure with its level, duration and fee as people read them."""
    return {
        **asdict(procedure),
        "level_text": procedure.level_text,
        "duration_text": procedure.duration_text,
        "fee_text": money_vnd(procedure.fee) if procedure.fee else "Không thu phí",
    }


def found_view(page: ProcedurePage) -> dict[str, Any]:
    """Return a page of search results for the templates."""
    return {"total": page.total, "page": page.page, "items": [procedure_view(p) for p in page.items]}
