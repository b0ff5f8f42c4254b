"""/quay/nhat-ky: the audit log for administrators, filtered, and its CSV export. Read only."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from typing import Any

from flask import Response, render_template, request, stream_with_context
from flask_login import current_user

from ...domain.audit import ACTIONS, ACTOR_TEXT, DETAIL_TEXT, AuditEntry, AuditFilter
from ...domain.codes import parse_dossier_code
from ...domain.localtime import LOCAL
from ...domain.statuses import Status
from ...services import audit
from . import admins_only, bp, query

STATUS_VALUES = {status.value for status in Status}
# Days before the service existed are refused (and a year-1 date would not convert to a moment).
SINCE = date(2000, 1, 1)
MAX_PAGE = 99_999
CSV_HEADER = (
    "thời điểm",
    "hành động",
    "người thực hiện",
    "loại",
    "địa chỉ",
    "cơ quan",
    "mã hồ sơ",
    "chi tiết",
)


@bp.get("/nhat-ky")
def audit_log() -> str | tuple[str, int]:
    """Show the audit log, newest first, narrowed by action, person, dossier and dates."""
    admins_only()
    where, errors, page = read_filter(request.args)
    total, entries = (0, []) if errors else audit.log(current_user, where, page)
    html = render_template(
        "counter/audit_log.html",
        args=_kept(request.args),
        actions=ACTIONS,
        entries=[entry_view(e) for e in entries],
        total=total,
        page=page,
        pages=max(1, -(-total // audit.PAGE_SIZE)),
        errors=errors,
    )
    return (html, 422) if errors else html


@bp.get("/nhat-ky.csv")
def audit_csv() -> Response:
    """Export the log as filtered, oldest first, as CSV (UTF-8 with BOM, so that Excel reads Vietnamese)."""
    admins_only()
    where, errors, _ = read_filter(request.args)
    if errors:
        return Response("; ".join(errors.values()), status=422, mimetype="text/plain")
    rows = audit.export(current_user, where)
    headers = {"Content-Disposition": 'attachment; filename="nhat-ky.csv"'}
    return Response(stream_with_context(_csv(rows)), mimetype="text/csv; charset=utf-8", headers=headers)


def _csv(entries: Iterator[AuditEntry]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_HEADER)
    yield "\ufeff" + buffer.getvalue()
    for entry in entries:
        buffer.seek(0)
        buffer.truncate()
        view = entry_view(entry)
        cells = [entry.at.isoformat(timespec="seconds"), view["action"], view["who"], view["kind"]]
        cells += [view["address"], view["agency"], view["code"], view["details"]]
        writer.writerow([_inert(cell) for cell in cells])
        yield buffer.getvalue()


def _inert(cell: str) -> str:
    """Keep a spreadsheet from reading a cell as a formula (a name typed as '=HYPERLINK(…)')."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def read_filter(args: Any) -> tuple[AuditFilter, dict[str, str], int]:
    """Read the log's filter form; return the filter, what to fix, and the page."""
    errors: dict[str, str] = {}
    action = args.get("hanh_dong", "")
    if action and action not in ACTIONS:
        errors["hanh_dong"] = "Hành động không hợp lệ."
        action = ""
    actor = query.text(args.get("nguoi", ""), 100)
    code = query.text(args.get("ma", ""), 80)
    parsed = parse_dossier_code(code) if code else None
    if code and parsed is None:
        errors["ma"] = "Mã hồ sơ không hợp lệ."
    first, last = query.day(args, "tu_ngay", errors, SINCE), query.day(args, "den_ngay", errors, SINCE)
    page = query.page(args, errors, MAX_PAGE)
    start = datetime.combine(first, time(), LOCAL) if first else None
    end = datetime.combine(last + timedelta(days=1), time(), LOCAL) if last else None
    agency = query.text(args.get("co_quan", ""), 40).upper() or None  # narrowed further to the viewer's own
    return AuditFilter(agency, action, actor, str(parsed) if parsed else "", start, end), errors, page


def _kept(args: Any) -> dict[str, str]:
    keys = ("hanh_dong", "nguoi", "ma", "tu_ngay", "den_ngay", "co_quan")
    return {k: args.get(k, "")[:100] for k in keys if args.get(k)}


def entry_view(entry: AuditEntry) -> dict[str, Any]:
    """Return one entry as the page and the CSV show it."""
    return {
        "at": f"{entry.at:%d/%m/%Y %H:%M:%S}",
        "action": entry.action_text,
        "who": entry.actor.name,
        "kind": ACTOR_TEXT.get(entry.actor.kind, entry.actor.kind),
        "address": entry.actor.address,
        "agency": entry.agency_code or "",
        "code": entry.dossier_code or "",
        "details": details_text(entry.details),
    }


def details_text(details: dict[str, Any]) -> str:
    """Return an entry's details as one line: each changed field with its old and new value."""
    parts = []
    for key, value in details.items():
        if key == "fields" and isinstance(value, dict):
            parts += [f"{_label(name)}: {_plain(old)} → {_plain(new)}" for name, (old, new) in value.items()]
        elif key == "status" and value in STATUS_VALUES:
            parts.append(f"{_label(key)}: {Status(value).text}")
        else:
            parts.append(f"{_label(key)}: {_plain(value)}")
    return "; ".join(parts)


def _label(key: str) -> str:
    return DETAIL_TEXT.get(key, key)


def _plain(value: Any) -> str:
    if isinstance(value, list):
        return " | ".join(str(v) for v in value)
    return "—" if value in (None, "") else str(value)
