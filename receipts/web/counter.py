"""/quay: the counter where officers issue, print, reprint, correct (reissue) and revoke receipts."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_login import current_user, login_user, logout_user
from pydantic import ValidationError
from werkzeug.wrappers import Response

from .. import services
from ..api.errors import field_messages
from ..api.schemas import IssueIn, RevokeIn
from ..domain.codes import is_agency_code
from ..domain.due_dates import duration_text
from ..domain.errors import Conflict, DomainError, NotFound
from ..domain.receipt import DELIVERY_TEXT, LEVEL_TEXT, Applicant, DocumentItem, ReceiptSnapshot
from ..domain.text import clean_line, has_control_chars
from ..extensions import limiter
from ..extensions import login as login_manager
from ..store.queries import StoredReceipt
from .auth import authenticate
from .urls import verify_url

bp = Blueprint("counter", __name__, url_prefix="/quay")

ROLES = {"officer", "admin"}
APPLICANT_FIELDS = ("name", "organization", "address", "phone", "email")
# Offered as suggestions (<datalist>); the officer may type anything else.
DOCUMENT_FORMS = ("Bản chính", "Bản sao", "Bản sao có chứng thực", "Bản chụp")
BLANK_ROWS = 2
MAX_ROWS = 120
RESULTS = 20
# Keys of errors shown next to their own field; any other error goes to the summary above the form.
_FIELD_KEYS = re.compile(
    r"^(applicant\.\w+|documents(\.\d+\.\w+)?|sets|delivery|officer_name|note|received_at|agency_code)$"
)
_COUNT = re.compile(r"[0-9]{1,6}")

Page = Response | str | tuple[str, int]


@bp.before_request
def officers_only() -> Response | None:
    """Send visitors to the login form; refuse accounts that are neither officers nor administrators."""
    if request.endpoint == "counter.login":
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if current_user.role not in ROLES:
        abort(403)
    return None


@bp.after_request
def no_store(response: Response) -> Response:
    """Keep applicants' personal data out of every cache."""
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/dang-nhap", methods=["GET", "POST"])
@limiter.limit("10 per minute", methods=["POST"])
def login() -> Page:
    """Show the login form and sign an officer in."""
    target = _safe_next(request.values.get("next", ""))
    if request.method == "GET" and current_user.is_authenticated:
        return redirect(target)
    username = request.form.get("username", "")[:80]
    failed = False
    if request.method == "POST":
        password = request.form.get("password", "")
        usable = username.strip() and password and not has_control_chars(username)
        officer = authenticate(username, password) if usable else None
        if officer is not None and officer.role in ROLES:
            session.clear()  # nothing from before the login survives it
            login_user(officer)
            return redirect(target, code=303)
        failed = True
    page = render_template("counter/login.html", username=username, next=target, failed=failed)
    return page, (422 if failed else 200)


@bp.post("/dang-xuat")
def logout() -> Response:
    """Sign the officer out."""
    logout_user()
    flash("Đã đăng xuất.", "ok")
    return redirect(url_for(".login"), code=303)


@bp.get("/")
def index() -> Page:
    """Start a receipt: find the procedure, then enter the applicant and tick the documents received."""
    q = _arg("q")
    procedure = _procedure_or_none(_arg("thu_tuc"))
    values: dict[str, Any] = {}
    rows: list[dict[str, Any]] = []
    if procedure is not None:
        values = {"sets": "1", "delivery": "counter", "officer_name": current_user.full_name}
        rows = [_row(d, listed=True, checked=True) for d in procedure["documents"]] + _blank_rows()
    return _issue_page(q=q, procedure=procedure, values=values, rows=rows)


@bp.post("/")
def issue() -> Page:
    """Issue the receipt and show it, or show the form again with what to fix."""
    agency_code = current_user.agency_code or request.form.get("agency_code", "")
    body, errors, rows = _validate(request.form, agency_code)
    if body is not None:
        try:
            stored = services.issue(
                services.IssueCommand(
                    agency_code=body.agency_code,
                    procedure_code=body.procedure_code,
                    applicant=_applicant(body),
                    documents=_documents(body),
                    sets=body.sets,
                    received_at=body.received_at,
                    delivery=body.delivery,
                    officer_name=body.officer_name,
                    note=body.note,
                )
            )
        except DomainError as error:
            errors = error.fields or {"form": error.message}
        else:
            flash(f"Đã tiếp nhận hồ sơ {stored.code}. In giấy tiếp nhận (2 liên) cho người nộp.", "ok")
            return redirect(url_for(".receipt", code=stored.code), code=303)
    procedure = _procedure_or_none(request.form.get("procedure_code", ""))
    return _issue_page(q="", procedure=procedure, values=request.form, rows=rows, errors=errors), 422


@bp.get("/ho-so/<code>")
def receipt(code: str) -> Page:
    """Show an issued receipt with its print (PDF, two copies) and correction links."""
    stored = _own(code)
    return render_template("counter/receipt.html", r=_view(stored), today=_today())


@bp.route("/ho-so/<code>/dieu-chinh", methods=["GET", "POST"])
def reissue(code: str) -> Page:
    """Correct a receipt: store a new version; the previous QR then shows 'superseded'."""
    stored = _own(code)
    if stored.revoked:
        flash("Giấy tiếp nhận đã bị thu hồi, không thể điều chỉnh.", "error")
        return redirect(url_for(".receipt", code=stored.code))
    snap = stored.snapshot
    if request.method == "GET":
        picked = _procedure_or_none(_arg("thu_tuc"))
        if picked is not None and picked["code"] != snap.procedure.code:
            rows = [_row(d, listed=True, checked=True) for d in picked["documents"]] + _blank_rows()
            procedure = picked
        else:
            procedure = _procedure_or_none(snap.procedure.code) or _snapshot_procedure(snap)
            rows = _reissue_rows(snap, procedure)
        page = _reissue_page(stored, _arg("q"), procedure, _snapshot_values(snap), rows, {})
        return page, 200
    body, errors, rows = _validate(request.form, snap.agency.code)
    status = 422
    if body is not None:
        changes = {
            "procedure_code": body.procedure_code,
            "applicant": _applicant(body),
            "documents": _documents(body),
            "sets": body.sets,
            "delivery": body.delivery,
            "officer_name": body.officer_name,
            "note": body.note,
        }
        try:
            # The service refuses a correction that corrects nothing (NothingToChange).
            new = services.reissue(stored.code, changes)
        except DomainError as error:
            errors = error.fields or {"form": error.message}
            status = 409 if isinstance(error, Conflict) else 422
        else:
            flash(
                f"Đã điều chỉnh hồ sơ {new.code} (lần {new.snapshot.version}). "
                "Hãy in lại giấy tiếp nhận; giấy cũ không còn giá trị.",
                "ok",
            )
            return redirect(url_for(".receipt", code=new.code), code=303)
    procedure = _procedure_or_none(request.form.get("procedure_code", ""))
    return _reissue_page(stored, "", procedure, request.form, rows, errors), status


@bp.route("/ho-so/<code>/thu-hoi", methods=["GET", "POST"])
def revoke(code: str) -> Page:
    """Revoke a receipt after the officer gives the reason; its QR then shows 'revoked'."""
    stored = _own(code)
    if stored.revoked:
        flash("Giấy tiếp nhận này đã bị thu hồi trước đó.", "error")
        return redirect(url_for(".receipt", code=stored.code))
    errors: dict[str, str] = {}
    reason = request.form.get("reason", "")
    if request.method == "POST":
        try:
            body = RevokeIn.model_validate({"reason": reason})
        except ValidationError as error:
            errors = field_messages(error)
        else:
            if not body.reason:
                errors["reason"] = "Nhập lý do thu hồi."
            else:
                services.revoke(stored.code, body.reason)
                flash(f"Đã thu hồi giấy tiếp nhận hồ sơ {stored.code}.", "ok")
                return redirect(url_for(".receipt", code=stored.code), code=303)
    page = render_template("counter/revoke.html", r=_view(stored), reason=reason, errors=errors)
    return page, (422 if errors else 200)


def _own(code: str) -> StoredReceipt:
    """Return a receipt the officer may act on; another agency's receipt is as good as unknown."""
    stored = services.find(code)
    if current_user.role != "admin" and stored.snapshot.agency.code != current_user.agency_code:
        raise NotFound("Không tìm thấy hồ sơ với mã này.")
    return stored


def _safe_next(value: str) -> str:
    """Return `value` if it is a path of the counter on this host, else the counter's home."""
    home = url_for("counter.index")
    parts = urlsplit(value)
    local = not parts.scheme and not parts.netloc and "\\" not in value and not has_control_chars(value)
    return value if local and value.startswith(home) else home


def _arg(name: str, limit: int = 200) -> str:
    value = request.args.get(name, "")[:limit]
    return "" if has_control_chars(value) else clean_line(value)


def _procedure_or_none(code: str) -> dict[str, Any] | None:
    code = code.strip().upper()
    if not is_agency_code(code):
        return None
    try:
        return services.procedure(code)
    except NotFound:
        return None


def _search(q: str) -> dict[str, Any]:
    """Find procedures by name (with or without diacritics) or by their exact code."""
    exact = _procedure_or_none(q)
    if exact is not None:
        return {"total": 1, "items": [exact]}
    return services.search_procedures(q, None, None, 1, RESULTS)


def _row(doc: Mapping[str, Any], *, listed: bool, checked: bool) -> dict[str, Any]:
    return {
        "name": doc.get("name", ""),
        "copies": doc.get("copies", 1),
        "form": doc.get("form", ""),
        "listed": listed,
        "checked": checked,
    }


def _blank_rows() -> list[dict[str, Any]]:
    return [_row({}, listed=False, checked=False) for _ in range(BLANK_ROWS)]


def _reissue_rows(snap: ReceiptSnapshot, procedure: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The documents of the receipt, ticked, then the procedure's other documents, unticked."""
    rows = [_row(d.__dict__, listed=True, checked=True) for d in snap.documents]
    given = {d.name for d in snap.documents}
    rows += [_row(d, listed=True, checked=False) for d in procedure["documents"] if d["name"] not in given]
    return rows + _blank_rows()


def _posted_rows(form: Mapping[str, str]) -> list[dict[str, Any]]:
    """Read the document rows back: a listed row counts when ticked, a typed row when it has a name."""
    rows = []
    for i in range(MAX_ROWS):
        name = form.get(f"documents.{i}.name")
        if name is None:
            break
        listed = form.get(f"documents.{i}.listed") == "1"
        row = {
            "name": name,
            "copies": form.get(f"documents.{i}.copies", ""),
            "form": form.get(f"documents.{i}.form", ""),
        }
        checked = f"documents.{i}.on" in form if listed else bool(name.strip())
        rows.append(_row(row, listed=listed, checked=checked))
    return rows


def _count(value: str) -> int | str:
    """Return digits as an int; anything else is left for the schema to refuse with its message."""
    value = value.strip()
    return int(value) if _COUNT.fullmatch(value) else value


def _validate(
    form: Mapping[str, str], agency_code: str
) -> tuple[IssueIn | None, dict[str, str], list[dict[str, Any]]]:
    """Check the form with the API's own schema; return the body or the errors keyed by form field."""
    rows = _posted_rows(form)
    picked = [i for i, row in enumerate(rows) if row["checked"]]
    data: dict[str, Any] = {
        "agency_code": agency_code,
        "procedure_code": form.get("procedure_code", ""),
        "applicant": {name: form.get(f"applicant.{name}", "") for name in APPLICANT_FIELDS},
        "documents": [
            {"name": rows[i]["name"], "copies": _count(str(rows[i]["copies"])), "form": rows[i]["form"]}
            for i in picked
        ],
        "sets": _count(form.get("sets", "")),
        "delivery": form.get("delivery", ""),
        "officer_name": form.get("officer_name", ""),
        "note": form.get("note", ""),
    }
    if form.get("received_at", "").strip():
        data["received_at"] = form["received_at"]
    errors: dict[str, str] = {}
    body = None
    try:
        body = IssueIn.model_validate(data)
    except ValidationError as error:
        for key, message in field_messages(error).items():
            parts = key.split(".")
            # The schema counts ticked documents; the form counts rows.
            if parts[0] == "documents" and len(parts) > 1 and parts[1].isdigit():
                parts[1] = str(picked[int(parts[1])])
            errors.setdefault(".".join(parts), message)
    if not picked:
        errors.setdefault("documents", "Đánh dấu ít nhất một giấy tờ đã nhận.")
    return (None if errors else body), errors, rows


def _applicant(body: IssueIn) -> Applicant:
    return Applicant(**body.applicant.model_dump())


def _documents(body: IssueIn) -> tuple[DocumentItem, ...]:
    return tuple(DocumentItem(**d.model_dump()) for d in body.documents or [])


def _snapshot_values(snap: ReceiptSnapshot) -> dict[str, Any]:
    values = {f"applicant.{name}": getattr(snap.applicant, name) for name in APPLICANT_FIELDS}
    return values | {
        "sets": snap.sets,
        "delivery": snap.delivery,
        "officer_name": snap.officer_name,
        "note": snap.note,
    }


def _snapshot_procedure(snap: ReceiptSnapshot) -> dict[str, Any]:
    """The procedure as the receipt names it, for when the catalogue no longer has it."""
    p = snap.procedure
    return {
        "code": p.code,
        "name": p.name,
        "level": p.level,
        "field": p.field,
        "agency_name": p.agency_name,
        "duration": p.duration,
        "duration_unit": p.duration_unit,
        "documents": [],
    }


def _procedure_view(procedure: Mapping[str, Any] | None) -> dict[str, Any] | None:
    if procedure is None:
        return None
    return {
        **procedure,
        "level_text": LEVEL_TEXT.get(procedure["level"], procedure["level"]),
        "duration_text": duration_text(procedure["duration"], procedure["duration_unit"]),
    }


def _form_context(
    q: str,
    procedure: Mapping[str, Any] | None,
    values: Mapping[str, Any],
    rows: list[dict[str, Any]],
    errors: dict[str, str],
    need_agency: bool,
) -> dict[str, Any]:
    found = _search(q) if q else None
    if found is not None:
        found = {**found, "items": [_procedure_view(p) for p in found["items"]]}
    return {
        "q": q,
        "found": found,
        "procedure": _procedure_view(procedure),
        "values": values,
        "rows": rows,
        "errors": errors,
        "general": [
            m
            for k, m in errors.items()
            if not _FIELD_KEYS.match(k) or (k == "agency_code" and not need_agency)
        ],
        "need_agency": need_agency,
        "deliveries": DELIVERY_TEXT,
        "document_forms": DOCUMENT_FORMS,
    }


def _issue_page(
    *,
    q: str,
    procedure: Mapping[str, Any] | None,
    values: Mapping[str, Any],
    rows: list[dict[str, Any]],
    errors: dict[str, str] | None = None,
) -> str:
    need_agency = current_user.agency_code is None
    context = _form_context(q, procedure, values, rows, errors or {}, need_agency)
    return render_template("counter/issue.html", **context, today=_today())


def _reissue_page(
    stored: StoredReceipt,
    q: str,
    procedure: Mapping[str, Any] | None,
    values: Mapping[str, Any],
    rows: list[dict[str, Any]],
    errors: dict[str, str],
) -> str:
    context = _form_context(q, procedure, values, rows, errors, need_agency=False)
    return render_template("counter/reissue.html", **context, r=_view(stored))


def _view(stored: StoredReceipt) -> dict[str, Any]:
    """The plain values the counter's templates show about one receipt."""
    snap = stored.snapshot
    url = verify_url(services.token_for(stored))
    status = services.status_view(stored)
    return {
        **snap.form_lines(),
        "applicant_plain": snap.applicant.name,
        "status_text": status["status_text"],
        "overdue": status["overdue"],
        "revoked": stored.revoked,
        "time": f"{snap.received_at:%H:%M}",
        "verify_url": url,
        "pdf_url": url + ".pdf",
    }


def _today() -> dict[str, Any]:
    """Today's receipts of the officer's agency (an administrator without one sees every agency)."""
    items = services.receipts_today(current_user.agency_code)
    return {"date": f"{services.now_local():%d/%m/%Y}", "items": [_view(s) for s in items]}
