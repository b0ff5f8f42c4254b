"""/thu-tuc: the procedure catalogue by level and field, and one procedure's details."""

from __future__ import annotations

from flask import render_template, request

from ..domain.catalogue import LEVEL_TEXT
from ..services import catalogue as service
from . import bp
from .viewmodels import catalogue_view, procedure_view

PER_PAGE = 50
MAX_PAGE = 10_000
MAX_QUERY = 200


@bp.get("/thu-tuc")
def catalogue() -> str:
    """List procedures, filtered by words (with or without diacritics), level and field, with counts."""
    q = request.args.get("q", "")[:MAX_QUERY]
    level = request.args.get("level") if request.args.get("level") in LEVEL_TEXT else None
    field = request.args.get("field", "")[:MAX_QUERY] or None
    try:
        page = max(1, min(int(request.args.get("page", "1")), MAX_PAGE))
    except ValueError:
        page = 1
    found = service.browse_procedures(q, level, field, page, PER_PAGE)
    return render_template("catalogue.html", **catalogue_view(found, q, level, field))


@bp.get("/thu-tuc/<code>")
def procedure(code: str) -> str:
    """Show one procedure: who handles it, how long it takes, what it costs and what to bring."""
    return render_template("procedure.html", p=procedure_view(service.procedure(code)))
