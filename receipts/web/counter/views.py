"""The counter's views, one HTTP method each: read the request, call one service, render or redirect.

Signing in and out is in `login`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from ... import links, runtime
from ...clock import now_local
from ...domain.dossiers import StoredReceipt
from ...domain.errors import Conflict, DomainError, InvalidInput, NotFound
from ...domain.text import clean_line, has_control_chars
from ...schemas.requests import RevokeIn
from ...schemas.validation import parse
from ...services import catalogue, receipts, search, verification
from . import actor, bp, forms, pages
from .history import history_view
from .preview import appointment

Page = Response | str | tuple[str, int]


@bp.get("/")
def index() -> Page:
    """Start a receipt: find the procedure, then enter the applicant and tick the documents received."""
    procedure = catalogue.find_procedure(_arg("thu_tuc"))
    values = {"sets": "1", "delivery": "counter", "officer_name": current_user.full_name} if procedure else {}
    rows = forms.procedure_rows(procedure) if procedure else []
    return _issue_page(pages.FormState(_arg("q"), procedure, values, rows))


@bp.post("/")
def issue() -> Page:
    """Issue the receipt and show it, or show the form again with what to fix."""
    if (
        "xem_truoc" in request.form
    ):  # the no-script preview: the form again with its appointment, nothing stored
        procedure = catalogue.find_procedure(request.form.get("procedure_code", ""))
        return _issue_page(pages.FormState("", procedure, request.form, forms.posted_rows(request.form)))
    agency_code = current_user.agency_code or request.form.get("agency_code", "")
    body, errors, rows = forms.read_issue_form(request.form, agency_code)
    if body is not None:
        try:
            stored = receipts.issue(body.to_command(), now_local(), actor=actor())
        except DomainError as error:
            errors = error.fields or {"form": error.message}
        else:
            verification.remember_qr(stored, links.public_base(), runtime.signer())
            flash(f"Đã tiếp nhận hồ sơ {stored.code}. In giấy tiếp nhận (2 liên) cho người nộp.", "ok")
            return redirect(url_for(".receipt", code=stored.code), code=303)
    procedure = catalogue.find_procedure(request.form.get("procedure_code", ""))
    return _issue_page(pages.FormState("", procedure, request.form, rows, errors)), 422


@bp.get("/ho-so/<code>")
def receipt(code: str) -> Page:
    """Show an issued receipt with its print (PDF, two copies) and correction links."""
    now = now_local()
    file = search.open_dossier(code, current_user)
    r, history = pages.receipt_view(file.receipt, now), history_view(file)
    return render_template("counter/receipt.html", r=r, history=history, today=_today(now))


@bp.get("/ho-so/<code>/in")
def print_receipt(code: str) -> Response:
    """Log that the officer prints (or reprints) the receipt, then open its PDF (two copies)."""
    stored = search.print_receipt(code, current_user, actor(), now_local())
    return redirect(pages.receipt_view(stored, now_local())["pdf_url"])


@bp.get("/ho-so/<code>/dieu-chinh")
def reissue_form(code: str) -> Page:
    """Show the correction form, filled with the receipt as printed (or another procedure's papers)."""
    stored = _own(code)
    if stored.revoked:
        return _refused_revoked(stored, "Giấy tiếp nhận đã bị thu hồi, không thể điều chỉnh.")
    snap = stored.snapshot
    picked = catalogue.find_procedure(_arg("thu_tuc"))
    if picked is not None and picked.code != snap.procedure.code:
        procedure, rows = picked, forms.procedure_rows(picked)
    else:
        current = catalogue.find_procedure(snap.procedure.code)
        procedure, rows = current or pages.snapshot_procedure(snap), forms.reissue_rows(snap, current)
    form = pages.FormState(_arg("q"), procedure, forms.snapshot_values(snap), rows)
    return _reissue_page(stored, form), 200


@bp.post("/ho-so/<code>/dieu-chinh")
def reissue(code: str) -> Page:
    """Correct a receipt: store a new version; the previous QR then shows 'superseded'."""
    stored = _own(code)
    if stored.revoked:
        return _refused_revoked(stored, "Giấy tiếp nhận đã bị thu hồi, không thể điều chỉnh.")
    body, errors, rows = forms.read_issue_form(request.form, stored.agency_code)
    status = 422
    if body is not None:
        try:
            # The service refuses a correction that corrects nothing (NothingToChange).
            new = receipts.reissue(
                stored.code, forms.as_correction(body.to_command()), now_local(), actor=actor()
            )
        except DomainError as error:
            errors = error.fields or {"form": error.message}
            status = 409 if isinstance(error, Conflict) else 422
        else:
            verification.remember_qr(new, links.public_base(), runtime.signer())
            flash(
                f"Đã điều chỉnh hồ sơ {new.code} (lần {new.snapshot.version}). "
                "Hãy in lại giấy tiếp nhận; giấy cũ không còn giá trị.",
                "ok",
            )
            return redirect(url_for(".receipt", code=new.code), code=303)
    procedure = catalogue.find_procedure(request.form.get("procedure_code", ""))
    return _reissue_page(stored, pages.FormState("", procedure, request.form, rows, errors)), status


@bp.get("/ho-so/<code>/thu-hoi")
def revoke_form(code: str) -> Page:
    """Ask for the reason of a revocation."""
    stored = _own(code)
    if stored.revoked:
        return _refused_revoked(stored, "Giấy tiếp nhận này đã bị thu hồi trước đó.")
    return _revoke_page(stored, "", {})


@bp.post("/ho-so/<code>/thu-hoi")
def revoke(code: str) -> Page:
    """Revoke a receipt after the officer gives the reason; its QR then shows 'revoked'."""
    stored = _own(code)
    if stored.revoked:
        return _refused_revoked(stored, "Giấy tiếp nhận này đã bị thu hồi trước đó.")
    reason = request.form.get("reason", "")
    try:
        body = parse(RevokeIn, {"reason": reason})
    except InvalidInput as error:
        return _revoke_page(stored, reason, error.fields)
    if not body.reason:
        return _revoke_page(stored, reason, {"reason": "Nhập lý do thu hồi."})
    receipts.revoke(stored.code, body.reason, now_local(), actor=actor())
    flash(f"Đã thu hồi giấy tiếp nhận hồ sơ {stored.code}.", "ok")
    return redirect(url_for(".receipt", code=stored.code), code=303)


def _own(code: str) -> StoredReceipt:
    """Return a receipt the officer may act on; another agency's receipt is as good as unknown."""
    stored = receipts.find(code)
    if not current_user.may_act_on(stored.agency_code):
        raise NotFound("Không tìm thấy hồ sơ với mã này.")
    return stored


def _refused_revoked(stored: StoredReceipt, message: str) -> Response:
    flash(message, "error")
    return redirect(url_for(".receipt", code=stored.code))


def _arg(name: str, limit: int = 200) -> str:
    value = request.args.get(name, "")[:limit]
    return "" if has_control_chars(value) else clean_line(value)


def _today(now: datetime) -> dict[str, Any]:
    """Today's receipts of the officer's agency (an administrator without one sees every agency)."""
    return pages.today_view(receipts.of_day(current_user.agency_code, now.date()), now)


def _issue_page(form: pages.FormState) -> str:
    need_agency = current_user.agency_code is None
    shown = None
    if form.procedure is not None:
        agency = current_user.agency_code or str(form.values.get("agency_code", ""))
        shown = appointment(form.procedure.code, str(form.values.get("received_at", "")), agency)
    return pages.form_page(
        "counter/issue.html", form, need_agency=need_agency, today=_today(now_local()), preview=shown
    )


def _reissue_page(stored: StoredReceipt, form: pages.FormState) -> str:
    r = pages.receipt_view(stored, now_local())
    return pages.form_page("counter/reissue.html", form, need_agency=False, r=r)


def _revoke_page(stored: StoredReceipt, reason: str, errors: dict[str, str]) -> Page:
    page = render_template(
        "counter/revoke.html", r=pages.receipt_view(stored, now_local()), reason=reason, errors=errors
    )
    return page, (422 if errors else 200)
