"""Receipts over JSON: issue (idempotent on request), read, correct, revoke."""

from __future__ import annotations

import hashlib
from typing import Any

from flask import jsonify, request

from .. import links, runtime
from ..clock import now_local
from ..errors import ApiError
from ..schemas.requests import IssueIn, ReissueIn, RevokeIn
from ..services import receipts, verification
from ..signing.tokens import hash_api_key
from . import bp
from .auth import actor, key_agency, presented_key, require_scope
from .bodies import read_body
from .presenters import receipt_json

MAX_IDEMPOTENCY_KEY = 200


def _idempotency(body: IssueIn) -> receipts.Idempotency | None:
    key = request.headers.get("Idempotency-Key")
    if key is None:
        return None
    if not 1 <= len(key) <= MAX_IDEMPOTENCY_KEY or not key.isascii() or not key.isprintable():
        raise ApiError(
            400,
            "bad_idempotency_key",
            "Idempotency-Key phải là 1–200 ký tự ASCII in được.",
            {"Idempotency-Key": "Không hợp lệ."},
        )
    # Scoped to the client's key, so that two clients choosing the same value never collide.
    scope = hash_api_key(presented_key() or "")
    return receipts.Idempotency(
        key_hash=hashlib.sha256(f"{scope}:{key}".encode()).hexdigest(),
        request_hash=hashlib.sha256(body.model_dump_json().encode()).hexdigest(),
    )


@bp.post("/receipts")
@require_scope("issue")
def issue_receipt() -> Any:
    """Issue a receipt and answer its code, appointment and links."""
    body = read_body(IssueIn)
    stored, replayed = receipts.issue_once(
        body.to_command(), now_local(), _idempotency(body), agency=key_agency(), actor=actor()
    )
    if not replayed:
        verification.remember_qr(stored, links.public_base(), runtime.signer())
    response = jsonify(receipt_json(stored))
    response.status_code = 201
    if replayed:
        response.headers["Idempotent-Replayed"] = "true"
    response.headers["Location"] = links.receipt_api_url(links.public_base(), stored.code)
    return response


@bp.get("/receipts/<code>")
@require_scope("issue")
def get_receipt(code: str) -> Any:
    """Return a receipt with its applicant."""
    return jsonify(receipt_json(receipts.find(code, agency=key_agency()), full=True))


@bp.post("/receipts/<code>/reissue")
@require_scope("issue")
def reissue_receipt(code: str) -> Any:
    """Store a corrected version; the previous QR then shows 'superseded'."""
    body = read_body(ReissueIn)
    stored = receipts.reissue(code, body.to_correction(), now_local(), agency=key_agency(), actor=actor())
    verification.remember_qr(stored, links.public_base(), runtime.signer())
    return jsonify(receipt_json(stored, full=True))


@bp.post("/receipts/<code>/revoke")
@require_scope("issue")
def revoke_receipt(code: str) -> Any:
    """Revoke a receipt."""
    body = read_body(RevokeIn, optional=True)
    stored = receipts.revoke(code, body.reason, now_local(), agency=key_agency(), actor=actor())
    return jsonify(receipt_json(stored, full=True))
