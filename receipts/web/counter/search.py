"""/quay/tim-kiem: find any dossier of the officer's agency (a centre administrator: of every agency)."""

from __future__ import annotations

from typing import Any

from flask import render_template, request
from flask_login import current_user

from ...clock import now_local
from ...domain.search import MAX_PAGE, DossierQuery, Found
from ...domain.text import date_dmy, thousands
from ...services import search
from . import bp, query

Page = str | tuple[str, int]


@bp.get("/tim-kiem")
def find() -> Page:
    """Find dossiers by code (however typed), applicant's name (with or without diacritics) or phone."""
    query, errors = read_query(request.args)
    found = None if errors else search.find_dossiers(query, current_user)
    page = render_template(
        "counter/search.html",
        query=query,
        args=_kept(request.args),
        found=found_view(found) if found else None,
        errors=errors,
    )
    return (page, 422) if errors else page


def read_query(args: Any) -> tuple[DossierQuery, dict[str, str]]:
    """Read the search form into a query, and what to fix."""
    errors: dict[str, str] = {}
    text = query.text(args.get("q", ""), 200)
    procedure = query.text(args.get("thu_tuc", ""), 60).upper()
    first, last = query.day(args, "tu_ngay", errors), query.day(args, "den_ngay", errors)
    if first and last and first > last:
        errors["den_ngay"] = "Ngày kết thúc phải sau ngày bắt đầu."
    page = query.page(args, errors, MAX_PAGE)
    return DossierQuery(text, None, procedure, first, last, page), errors


def _kept(args: Any) -> dict[str, str]:
    """Return the search's arguments without the page, for the page links."""
    return {k: args.get(k, "")[:200] for k in ("q", "thu_tuc", "tu_ngay", "den_ngay") if args.get(k)}


def found_view(found: Found) -> dict[str, Any]:
    """Return a page of results as the template shows them."""
    now = now_local()
    rows = []
    for stored in found.items:
        snap = stored.snapshot
        rows.append(
            {
                "code": stored.code,
                "day": date_dmy(snap.received_at.date()),
                "name": snap.applicant.name,
                "phone": snap.applicant.phone,
                "procedure": snap.procedure.name,
                "status": stored.status.text,
                "overdue": stored.is_overdue(now),
                "revoked": stored.revoked,
            }
        )
    total = thousands(min(found.total, 1000)) + ("+" if found.more_than_cap else "")
    return {"rows": rows, "total": found.total, "total_text": total, "page": found.page, "pages": found.pages}
