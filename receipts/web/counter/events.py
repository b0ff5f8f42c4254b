"""/quay/ho-so/<code>/xu-ly: the officer records a status (with Mẫu 02, 03, 05's items), a hand-over
(Mẫu 06) or an extension (Mẫu 04), sees the dossier's records and prints the control sheet."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import flash, make_response, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from ... import clock, links, runtime
from ...domain.dossiers import StoredReceipt
from ...domain.errors import DomainError, NotFound
from ...domain.statuses import Status
from ...schemas.requests import EventIn, ExtensionIn
from ...schemas.validation import parse
from ...services import dossiers, notices, receipts
from ..timeline import timeline_view
from . import actor, bp, pages

Page = Response | str | tuple[str, int]
STATUS_CHOICES = [(s.value, s.text) for s in Status if s is not Status.RECEIVED]


@bp.get("/ho-so/<code>/xu-ly")
def events_page(code: str) -> Page:
    """Show the dossier's records and the forms that add one."""
    return _page(_own(code), {}, {})


@bp.post("/ho-so/<code>/xu-ly")
def record_event(code: str) -> Page:
    """Record a status change and/or a hand-over typed at the counter."""
    stored = _own(code)
    try:
        body = parse(EventIn, event_data(request.form, current_user.full_name))
        draft, base = body.to_draft(), links.public_base()
        dossiers.record(stored.code, draft, None, clock.now_local(), public_base=base, actor=actor())
    except DomainError as error:
        return _page(stored, request.form, error.fields or {"form": error.message}), _status(error)
    flash("Đã ghi nhận.", "ok")
    return redirect(url_for(".events_page", code=stored.code), code=303)


@bp.post("/ho-so/<code>/gia-han")
def extend(code: str) -> Page:
    """Give a late dossier a new appointment (Mẫu 04)."""
    stored = _own(code)
    try:
        body = parse(ExtensionIn, extension_data(request.form, current_user.full_name))
        body.check()
        recorded = dossiers.extend(
            stored.code,
            body.reason,
            clock.now_local(),
            working_days=body.working_days,
            new_due_at=body.new_due_at,
            officer=body.officer_name,
            public_base=links.public_base(),
            actor=actor(),
        )
    except DomainError as error:
        fields = {f"extension.{k}": m for k, m in error.fields.items()} or {"extension": error.message}
        return _page(stored, request.form, fields), _status(error)
    flash(f"Đã gia hạn: hẹn trả mới {recorded.stored.due_text}. In văn bản xin lỗi (Mẫu 04).", "ok")
    return redirect(url_for(".events_page", code=stored.code), code=303)


@bp.get("/ho-so/<code>/phieu-kiem-soat.pdf")
def control_sheet(code: str) -> Response:
    """Print the dossier's control sheet (Mẫu 06) as its hand-overs stand now."""
    stored = _own(code)
    name, pdf = notices.control_sheet_pdf(
        stored.code, links.public_base(), runtime.renderer(), clock.now_local()
    )
    response = make_response(pdf)
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response


def event_data(form: Mapping[str, str], officer: str) -> dict[str, Any]:
    """Return the events body the form asks for: one item per typed line, a hand-over when named."""
    data: dict[str, Any] = {
        "note": form.get("note", ""),
        "items": [line for line in form.get("items", "").splitlines() if line.strip()],
        "officer_name": form.get("officer_name", "") or officer,
    }
    if form.get("status"):
        data["status"] = form["status"]
    if form.get("handover_from", "").strip() or form.get("handover_to", "").strip():
        data["handover"] = {"from": form.get("handover_from", ""), "to": form.get("handover_to", "")}
    return data


def extension_data(form: Mapping[str, str], officer: str) -> dict[str, Any]:
    """Return the extensions body the form asks for (working days typed as digits count as a number)."""
    data: dict[str, Any] = {"reason": form.get("reason", ""), "officer_name": officer}
    days = form.get("working_days", "").strip()
    if days:
        data["working_days"] = int(days) if days.isdigit() and len(days) < 6 else days
    if form.get("new_due_at", "").strip():
        data["new_due_at"] = form["new_due_at"]
    return data


def _status(error: DomainError) -> int:
    return 409 if error.status == 409 else 422


def _own(code: str) -> StoredReceipt:
    stored = receipts.find(code)
    if not current_user.may_act_on(stored.agency_code):
        raise NotFound("Không tìm thấy hồ sơ với mã này.")
    return stored


def _page(stored: StoredReceipt, values: Mapping[str, Any], errors: dict[str, str]) -> str:
    now = clock.now_local()
    return render_template(
        "counter/events.html",
        r=pages.receipt_view(stored, now),
        due_text=stored.due_text,
        timeline=timeline_view(stored, links.public_base()),
        handovers=[e for e in dossiers.timeline(stored) if e.is_handover],
        statuses=STATUS_CHOICES,
        values=values,
        errors=errors,
    )
