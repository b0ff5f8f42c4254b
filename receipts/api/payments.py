"""Payments over JSON: the back office records money received for a dossier."""

from __future__ import annotations

from typing import Any

from flask import current_app, jsonify

from .. import links, worker
from ..clock import now_local
from ..schemas.requests import PaymentIn
from ..services import payments
from . import bp
from .auth import key_agency, require_scope
from .bodies import read_body
from .presenters import status_json


@bp.post("/dossiers/<code>/payments")
@require_scope("update")
def record_payment(code: str) -> Any:
    """Record a payment (idempotent by transaction id) and answer the status object."""
    body = read_body(PaymentIn)
    now = now_local()
    status = payments.record(
        code,
        body.amount,
        body.transaction_id,
        body.paid_at,
        now,
        agency=key_agency(),
        public_base=links.public_base(),
    )
    if current_app.config.get("ZALO_OA_SECRET"):
        worker.nudge()  # subscribers' notices may wait in the outbox; the minute's sweep is the backstop
    return jsonify(status_json(status))
