"""Receipts and dossiers over JSON."""

from __future__ import annotations

import hashlib
from typing import Any

from flask import jsonify, request

from .. import services
from ..domain.receipt import Applicant, DocumentItem
from ..extensions import limiter
from ..signing.tokens import hash_api_key
from ..store.queries import StoredReceipt
from ..web.urls import public_base, verify_url
from . import bp
from .auth import holds_key, presented_key, require_scope
from .errors import ApiError, read_body
from .schemas import ApplicantIn, DocumentIn, EventIn, IssueIn, ReissueIn, RevokeIn


def _receipt_json(stored: StoredReceipt, *, full: bool = False) -> dict[str, Any]:
    snap = stored.snapshot
    url = verify_url(services.token_for(stored))
    body: dict[str, Any] = {
        "code": stored.code,
        "version": snap.version,
        "status": stored.status,
        "received_at": snap.received_at.isoformat(),
        "due_at": snap.due_at.isoformat(),
        "due_text": snap.due_text,
        "verify_url": url,
        "pdf_url": url + ".pdf",
    }
    if full:
        body.update(
            revoked=stored.revoked,
            agency_code=snap.agency.code,
            procedure_code=snap.procedure.code,
            procedure_name=snap.procedure.name,
            applicant=_asdict(snap.applicant),
            documents=[_asdict(d) for d in snap.documents],
            sets=snap.sets,
            delivery=snap.delivery,
            officer_name=snap.officer_name,
        )
    return body


def _asdict(value: Any) -> dict[str, Any]:
    return dict(value.__dict__)


def _applicant(data: ApplicantIn) -> Applicant:
    return Applicant(**data.model_dump())


def _documents(items: list[DocumentIn] | None) -> tuple[DocumentItem, ...] | None:
    return None if items is None else tuple(DocumentItem(**d.model_dump()) for d in items)


def _idempotency(body: IssueIn) -> services.Idempotency | None:
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return None
    if not 1 <= len(key) <= 200 or not key.isascii() or not key.isprintable():
        raise ApiError(
            400,
            "bad_idempotency_key",
            "Idempotency-Key phải là 1–200 ký tự ASCII in được.",
            {"Idempotency-Key": "Không hợp lệ."},
        )
    # Scoped to the client's key, so that two clients choosing the same value never collide.
    scope = hash_api_key(presented_key() or "")
    return services.Idempotency(
        key_hash=hashlib.sha256(f"{scope}:{key}".encode()).hexdigest(),
        request_hash=hashlib.sha256(body.model_dump_json().encode()).hexdigest(),
    )


@bp.post("/receipts")
@require_scope("issue")
def issue_receipt() -> Any:
    """Issue a receipt and answer its code, appointment and links."""
    body = read_body(IssueIn)
    cmd = services.IssueCommand(
        agency_code=body.agency_code,
        procedure_code=body.procedure_code,
        applicant=_applicant(body.applicant),
        documents=_documents(body.documents),
        sets=body.sets,
        received_at=body.received_at,
        delivery=body.delivery,
        officer_name=body.officer_name,
        note=body.note,
    )
    stored, replayed = services.issue_once(cmd, _idempotency(body))
    response = jsonify(_receipt_json(stored))
    response.status_code = 201
    if replayed:
        response.headers["Idempotent-Replayed"] = "true"
    response.headers["Location"] = f"{public_base()}/api/v1/receipts/{stored.code}"
    return response


@bp.get("/receipts/<code>")
@require_scope("issue")
def get_receipt(code: str) -> Any:
    """Return a receipt with its applicant."""
    return jsonify(_receipt_json(services.find(code), full=True))


@bp.post("/receipts/<code>/reissue")
@require_scope("issue")
def reissue_receipt(code: str) -> Any:
    """Store a corrected version; the previous QR then shows 'superseded'."""
    body = read_body(ReissueIn)
    changes = body.model_dump(exclude_none=True, exclude={"applicant", "documents"})
    if body.applicant is not None:
        changes["applicant"] = body.applicant.model_dump(exclude_none=True)
    if body.documents is not None:
        changes["documents"] = _documents(body.documents)
    stored = services.reissue(code, changes)
    return jsonify(_receipt_json(stored, full=True))


@bp.post("/receipts/<code>/revoke")
@require_scope("issue")
def revoke_receipt(code: str) -> Any:
    """Revoke a receipt."""
    body = read_body(RevokeIn, optional=True)
    return jsonify(_receipt_json(services.revoke(code, body.reason), full=True))


@bp.post("/dossiers/<code>/events")
@require_scope("update")
def record_event(code: str) -> Any:
    """Record a status change and answer the status object."""
    body = read_body(EventIn)
    stored = services.record_event(code, body.status, body.note, body.at)
    return jsonify(services.status_view(stored))


@bp.get("/dossiers/<code>")
# Citizens are limited per address; the OA bot and the back office, behind one address each and
# answering many citizens, present their key instead.
@limiter.limit("60 per minute", exempt_when=holds_key)
def dossier_status(code: str) -> Any:
    """Return a dossier's redacted status."""
    return jsonify(services.status_view(services.find(code)))


@bp.get("/procedures")
def procedures() -> Any:
    """Search the procedure catalogue."""
    args = request.args
    try:
        page = int(args.get("page", "1"))
    except ValueError:
        page = 0
    if not 1 <= page <= 10_000:
        raise ApiError(422, "invalid_values", "Dữ liệu không hợp lệ.", {"page": "Số trang không hợp lệ."})
    level = args.get("level") or None
    if level and level not in {"province", "district", "commune"}:
        raise ApiError(422, "invalid_values", "Dữ liệu không hợp lệ.", {"level": "Cấp không hợp lệ."})
    q = args.get("q", "")[:200]
    return jsonify(services.search_procedures(q, level, args.get("field") or None, page))
