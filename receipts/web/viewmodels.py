"""Plain values the pages show about procedures, shared by the catalogue and the counter."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from ..domain.catalogue import CataloguePage, Facet, Procedure, ProcedurePage
from ..domain.text import money_vnd, thousands


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


def catalogue_view(found: CataloguePage, q: str, level: str | None, field: str | None) -> dict[str, Any]:
    """Return the catalogue page's filters with their counts, its numbered rows and its page links."""
    page = found.found
    first = (page.page - 1) * found.per_page
    return {
        "q": q,
        "level": level,
        "field": field,
        "level_options": _options("Tất cả các cấp", found.any_level, found.levels, level),
        "field_options": _options("Tất cả lĩnh vực", found.any_field, found.fields, field),
        "total": page.total,
        "total_text": thousands(page.total),
        # The table's columns only: copying every procedure's documents cost a page 6 ms.
        "rows": [
            (first + n, {"code": p.code, "name": p.name, "service_level": p.service_level})
            for n, p in enumerate(page.items, start=1)
        ],
        "page": page.page,
        "pages": found.pages,
        "page_links": page_links(page.page, found.pages),
    }


def _options(
    everything: str, total: int, facets: tuple[Facet, ...], chosen: str | None
) -> list[tuple[str, str, bool]]:
    """Return a filter's choices as (value, 'Cấp tỉnh (2.441)', selected), 'all' first."""
    return [("", f"{everything} ({thousands(total)})", not chosen)] + [
        (f.value, f"{f.text} ({thousands(f.count)})", f.value == chosen) for f in facets
    ]


def page_links(page: int, pages: int, around: int = 2) -> list[int | None]:
    """Return the page numbers to link: the first, the last and those near `page`; None for a gap."""
    shown = sorted({1, pages, *range(max(1, page - around), min(pages, page + around) + 1)})
    links: list[int | None] = []
    for number in shown:
        if links and number - (links[-1] or 0) > 1:
            links.append(None)
        links.append(number)
    return links
