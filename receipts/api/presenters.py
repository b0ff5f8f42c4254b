"""The JSON objects of the contract: the receipt object and the redacted status object."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from .. import links, runtime
from ..domain.catalogue import Procedure, ProcedurePage
from ..domain.dossiers import DossierStatus, StoredReceipt
from ..domain.events import Event
from ..services import notices
from ..services.verification import token_for


def receipt_json(stored: StoredReceipt, *, full: bool = False) -> dict[str, Any]:
    """Return the receipt object; `full` adds the applicant and every field a correction may change."""
    snap = stored.snapshot
    base = links.public_base()
    token = token_for(stored, runtime.signer())
    body: dict[str, Any] = {
        "code": stored.code,
        "version": snap.version,
        "status": stored.status.value,
        "received_at": snap.received_at.isoformat(),
        "due_at": snap.due_at.isoformat(),
        "due_text": snap.due_text,
        "verify_url": links.verify_url(base, token),
        "pdf_url": links.pdf_url(base, token),
    }
    if full:
        body.update(
            revoked=stored.revoked,
            agency_code=snap.agency.code,
            procedure_code=snap.procedure.code,
            procedure_name=snap.procedure.name,
            applicant=asdict(snap.applicant),
            documents=[asdict(d) for d in snap.documents],
            sets=snap.sets,
            delivery=snap.delivery,
            officer_name=snap.officer_name,
            note=snap.note,
        )
    return body


def status_json(status: DossierStatus) -> dict[str, Any]:
    """Return the status object: no full name, address, phone or email."""
    body: dict[str, Any] = {
        "code": status.code,
        "status": status.status.value,
        "status_text": status.status_text,
        "dvc_status": status.dvc_status,
        "received_at": status.received_at.isoformat(),
        "due_at": status.due_at.isoformat(),
        "due_text": status.due_text,
        "overdue": status.overdue,
        "procedure_name": status.procedure_name,
        "applicant": status.applicant,
        "revoked": status.revoked,
        # Statuses and times only, never notes or items: anyone holding the code reads this.
        "history": [
            {"status": each.value, "status_text": each.text, "at": at.isoformat()}
            for each, at in status.history
        ],
        "fee": status.fee,
        "paid": status.paid,
    }
    if status.payment_qr:
        body["payment_qr"] = status.payment_qr
    return body


def recorded_json(status: DossierStatus, event: Event) -> dict[str, Any]:
    """Return the status object after a record, with `form_pdf_url` when the record prints a form."""
    body = status_json(status)
    if event.form is not None:
        token = notices.form_token(event.id, runtime.form_signer())
        body["form_pdf_url"] = links.form_pdf_url(links.public_base(), token)
    return body


def procedure_json(procedure: Procedure) -> dict[str, Any]:
    """Return a procedure's public details."""
    data = asdict(procedure)
    del data["is_demo"]
    return data


def procedures_json(page: ProcedurePage) -> dict[str, Any]:
    """Return a page of the catalogue: `{"total", "page", "items"}`."""
    return {"total": page.total, "page": page.page, "items": [procedure_json(p) for p in page.items]}
