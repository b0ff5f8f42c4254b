"""/quay/thong-ke: the centre's statistics with charts, and every table as CSV or XLSX.

An officer sees the agency's figures; a centre administrator (or an administrator without an
agency) sees every agency and may pick one (`co_quan`).
"""

from __future__ import annotations

from flask import Response, abort, render_template, request
from flask_login import current_user

from ...clock import now_local
from ...domain.errors import InvalidInput
from ...domain.statistics import DateRange, default_range, parse_range, scope_of
from ...domain.text import clean_line, has_control_chars
from ...render.spreadsheets import csv_bytes, xlsx_bytes
from ...services import statistics as service
from . import bp, stats_tables

MIME = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@bp.get("/thong-ke")
def statistics() -> Response | tuple[str, int]:
    """Show receipts per day, week, agency, field, procedure and channel, the on-time rate and the overdue."""
    now = now_local()
    scope, centre = _scope()
    values = {"tu": _arg("tu"), "den": _arg("den"), "co_quan": _arg("co_quan") if centre else ""}
    try:
        period = parse_range(values["tu"], values["den"], now.date())
    except InvalidInput as error:
        page = _render(None, default_range(now.date()), values, centre, error.fields)
        return page, 422
    data = service.centre(scope, period, now)
    return _render(stats_tables.page(data), period, values, centre, {}), 200


@bp.get("/thong-ke/<slug>.<kind>")
def statistics_export(slug: str, kind: str) -> Response:
    """Send one table of the page as CSV (UTF-8 with BOM) or XLSX, for the same scope and range."""
    if kind not in MIME or slug not in stats_tables.BUILDERS:
        abort(404)
    now = now_local()
    scope, _ = _scope()
    try:
        period = parse_range(_arg("tu"), _arg("den"), now.date())
    except InvalidInput as error:
        message = "; ".join([error.message, *error.fields.values()])
        return Response(message, 422, mimetype="text/plain")
    # Only the overdue table needs its rows; every other table needs none of them.
    limit = service.OVERDUE_EXPORTED if slug == "qua-han" else 0
    data = service.centre(scope, period, now, overdue_limit=limit)
    table = stats_tables.table(slug, data)
    if kind == "csv":
        body = csv_bytes(table.headers, table.rows)
    else:
        body = xlsx_bytes(table.title, table.headers, table.rows)
    name = f"thong-ke-{slug}-{period.start:%Y%m%d}-{period.end:%Y%m%d}.{kind}"
    return Response(
        body, mimetype=MIME[kind], headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


def _scope() -> tuple[str | None, bool]:
    """Return the agency the user's figures cover (None: all) and whether the user may pick one."""
    try:
        own = scope_of(current_user.role, current_user.agency_code)
    except InvalidInput:
        abort(403)
    if own is not None:
        return own, False
    picked = _arg("co_quan", 40)
    return (picked or None), True


def _render(
    data: dict[str, object] | None,
    period: DateRange,
    values: dict[str, str],
    centre: bool,
    errors: dict[str, str],
) -> str:
    shown = {
        k: v or (period.start.isoformat() if k == "tu" else period.end.isoformat() if k == "den" else "")
        for k, v in values.items()
    }
    return render_template(
        "counter/statistics.html",
        s=data,
        values=shown,
        centre=centre,
        errors=errors,
        scope=current_user.agency_code,
    )


def _arg(name: str, limit: int = 40) -> str:
    value = request.args.get(name, "")[:limit]
    return "" if has_control_chars(value) else clean_line(value)
