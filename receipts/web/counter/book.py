"""/quay/so-theo-doi: the log book (Mẫu 07) of the officer's agency for a range of days, to read and
to download as PDF or CSV."""

from __future__ import annotations

from datetime import date

from flask import render_template, request
from flask_login import current_user
from werkzeug.wrappers import Response

from ...clock import now_local
from ...domain.book import FORMATS, LogBook
from ...domain.errors import DomainError
from ...services import book as book_service
from . import bp

MIME = {"csv": "text/csv; charset=utf-8", "pdf": "application/pdf"}


def _day(name: str, default: date) -> tuple[date | None, str]:
    value = request.args.get(name, "")[:20].strip()
    if not value:
        return default, ""
    try:
        return date.fromisoformat(value), value
    except ValueError:
        return None, value


@bp.get("/so-theo-doi")
def book() -> Response | tuple[str, int] | str:
    """Show the log book of a range of days (today by default), or download it (?dinh_dang=pdf|csv)."""
    now = now_local()
    agency = current_user.agency_code or request.args.get("co_quan", "")[:40].strip()
    first, first_text = _day("tu", now.date())
    last, last_text = _day("den", first or now.date())
    fmt = request.args.get("dinh_dang", "")
    values = {"tu": first_text or str(first), "den": last_text or str(last), "co_quan": agency}
    errors = {}
    if first is None:
        errors["tu"] = "Ngày không hợp lệ (năm-tháng-ngày)."
    if last is None:
        errors["den"] = "Ngày không hợp lệ (năm-tháng-ngày)."
    if not agency and not request.args:
        return _page(values, None, {})  # a centre administrator first says which agency
    if not agency:
        errors["co_quan"] = "Nhập mã cơ quan."
    if errors or first is None or last is None:
        return _page(values, None, errors), 422
    try:
        if fmt in FORMATS:
            data = book_service.export(agency, first, last, fmt, now)
            return _download(data, fmt, f"so-theo-doi-{agency}-{first}-{last}.{fmt}")
        return _page(values, book_service.log_book(agency, first, last, now), {})
    except DomainError as error:
        return _page(values, None, error.fields or {"form": error.message}), error.status


def _page(values: dict[str, str], log: LogBook | None, errors: dict[str, str]) -> str:
    return render_template(
        "counter/book.html", values=values, book=log, errors=errors, need_agency=not current_user.agency_code
    )


def _download(data: bytes, fmt: str, filename: str) -> Response:
    response = Response(data, mimetype=MIME[fmt])
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
