"""/thu-tuc: the procedure catalogue by level and field, and one procedure's details."""

from __future__ import annotations

from flask import render_template, request

from .. import services
from ..domain.due_dates import duration_text
from ..domain.receipt import LEVEL_TEXT
from ..domain.text import money_vnd
from . import bp

PER_PAGE = 50


@bp.get("/thu-tuc")
def catalogue() -> str:
    """List procedures, filtered by words (with or without diacritics), level and field."""
    q = request.args.get("q", "")[:200]
    level = request.args.get("level") if request.args.get("level") in LEVEL_TEXT else None
    field = request.args.get("field", "")[:200] or None
    try:
        page = max(1, min(int(request.args.get("page", "1")), 10_000))
    except ValueError:
        page = 1
    found = services.search_procedures(q, level, field, page, PER_PAGE)
    groups: dict[tuple[str, str], list[dict]] = {}
    for item in found["items"]:
        groups.setdefault((LEVEL_TEXT.get(item["level"], item["level"]), item["field"]), []).append(item)
    return render_template(
        "catalogue.html",
        q=q,
        level=level,
        levels=LEVEL_TEXT,
        groups=groups,
        total=found["total"],
        page=page,
        pages=max(1, -(-found["total"] // PER_PAGE)),
    )


@bp.get("/thu-tuc/<code>")
def procedure(code: str) -> str:
    """Show one procedure: who handles it, how long it takes, what it costs and what to bring."""
    item = services.procedure(code)
    return render_template(
        "procedure.html",
        p=item,
        level=LEVEL_TEXT.get(item["level"], item["level"]),
        duration=duration_text(item["duration"], item["duration_unit"]),
        fee=money_vnd(item["fee"]) if item["fee"] else "Không thu phí",
    )
