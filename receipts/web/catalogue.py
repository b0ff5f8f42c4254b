"""/thu-tuc: the procedure catalogue by level and field, and one procedure's details."""

from __future__ import annotations

from typing import Any

from flask import render_template, request

from ..domain.catalogue import LEVEL_TEXT
from ..services import catalogue as service
from . import bp
from .viewmodels import procedure_view

PER_PAGE = 50
MAX_PAGE = 10_000


@bp.get("/thu-tuc")
def catalogue() -> str:
    """List procedures, filtered by words (with or without diacritics), level and field."""
    q = request.args.get("q", "")[:200]
    level = request.args.get("level") if request.args.get("level") in LEVEL_TEXT else None
    field = request.args.get("field", "")[:200] or None
    try:
        page = max(1, min(int(request.args.get("page", "1")), MAX_PAGE))
    except ValueError:
        page = 1
    found = service.search_procedures(q, level, field, page, PER_PAGE)
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for item in found.items:
        groups.setdefault((item.level_text, item.field), []).append(procedure_view(item))
    return render_template(
        "catalogue.html",
        q=q,
        level=level,
        levels=LEVEL_TEXT,
        groups=groups,
        total=found.total,
        page=page,
        pages=max(1, -(-found.total // PER_PAGE)),
    )


@bp.get("/thu-tuc/<code>")
def procedure(code: str) -> str:
    """Show one procedure: who handles it, how long it takes, what it costs and what to bring."""
    return render_template("procedure.html", p=procedure_view(service.procedure(code)))
