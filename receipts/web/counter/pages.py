"""What the counter's templates show: one receipt, today's list, the issue and correction forms."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from flask import render_template

from ... import links, runtime
from ...domain.catalogue import Procedure
from ...domain.dossiers import StoredReceipt
from ...domain.receipt import DELIVERY_TEXT, ReceiptSnapshot
from ...domain.text import date_dmy
from ...services import catalogue
from ...services.verification import token_for
from ..viewmodels import found_view, procedure_view
from .forms import Row

# Offered as suggestions (<datalist>); the officer may type anything else.
DOCUMENT_FORMS = ("Bản chính", "Bản sao", "Bản sao có chứng thực", "Bản chụp")
RESULTS = 20
# Keys of errors shown next to their own field; any other error goes to the summary above the form.
_FIELD_KEYS = re.compile(
    r"^(applicant\.\w+|documents(\.\d+\.\w+)?|sets|delivery|officer_name|note|received_at|agency_code)$"
)


def receipt_view(stored: StoredReceipt, now: datetime) -> dict[str, Any]:
    """Return the plain values the counter's templates show about one receipt."""
    snap = stored.snapshot
    base = links.public_base()
    token = token_for(stored, runtime.signer())
    return {
        **snap.form_lines(),
        "applicant_plain": snap.applicant.name,
        "status_text": stored.status.text,
        # The appointment that binds now (an extension moves it); the receipt keeps the printed one.
        "due_text": stored.due_text,
        "printed_due_text": snap.due_text,
        "extended": stored.extended_due_at is not None,
        "overdue": stored.is_overdue(now),
        "revoked": stored.revoked,
        "time": f"{snap.received_at:%H:%M}",
        "verify_url": links.verify_url(base, token),
        "pdf_url": links.pdf_url(base, token),
    }


def today_view(items: list[StoredReceipt], now: datetime) -> dict[str, Any]:
    """Return today's list as the side panel shows it."""
    return {"date": date_dmy(now), "items": [receipt_view(s, now) for s in items]}


def snapshot_procedure(snap: ReceiptSnapshot) -> Procedure:
    """The procedure as the receipt names it, for when the catalogue no longer has it."""
    p = snap.procedure
    return Procedure(p.code, p.name, p.level, p.duration, p.duration_unit, p.field, p.agency_name)


def search(q: str) -> dict[str, Any]:
    """Find procedures by their exact code, or by name with or without diacritics."""
    exact = catalogue.find_procedure(q)
    if exact is not None:
        return {"total": 1, "items": [procedure_view(exact)]}
    return found_view(catalogue.search_procedures(q, None, None, 1, RESULTS))


@dataclass(frozen=True)
class FormState:
    """The issue or correction form as it stands: the search, the procedure, what was typed, what to fix."""

    q: str
    procedure: Procedure | None
    values: Mapping[str, Any]
    rows: list[Row]
    errors: dict[str, str] = field(default_factory=dict)


def form_page(template: str, form: FormState, *, need_agency: bool, **extra: Any) -> str:
    """Render the issue or correction form with what was typed and what to fix."""
    errors = form.errors
    general = [
        m for k, m in errors.items() if not _FIELD_KEYS.match(k) or (k == "agency_code" and not need_agency)
    ]
    return render_template(
        template,
        q=form.q,
        found=search(form.q) if form.q else None,
        procedure=procedure_view(form.procedure) if form.procedure is not None else None,
        values=form.values,
        rows=form.rows,
        errors=errors,
        general=general,
        need_agency=need_agency,
        deliveries=DELIVERY_TEXT,
        document_forms=DOCUMENT_FORMS,
        **extra,
    )
