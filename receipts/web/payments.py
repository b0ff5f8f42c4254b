"""POST /payments/webhook: a bank-transfer notifier tells of money received on a collecting account.

The raw body is checked against `X-Signature: sha256=<hex HMAC-SHA256>` under
RECEIPTS_PAYMENT_WEBHOOK_SECRET before anything of it is read; without the secret the webhook is off.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, jsonify, request

from .. import links, worker
from ..clock import now_local
from ..domain.payments import signature_ok
from ..errors import ApiError, json_object
from ..extensions import csrf
from ..schemas.requests import TransferIn
from ..schemas.validation import parse
from ..services import payments
from . import bp

MAX_BODY = 16_000


@bp.post("/payments/webhook")
@csrf.exempt  # signed by the notifier, no session
def payment_webhook() -> Any:
    """Record a transfer once and say how it matched: matched, underpaid, overpaid or unmatched."""
    secret = current_app.config.get("PAYMENT_WEBHOOK_SECRET")
    if not secret:
        raise ApiError(404, "webhook_off", "Webhook thanh toán chưa được cấu hình.")
    raw = request.get_data(cache=True)
    if len(raw) > MAX_BODY:
        raise ApiError(413, "too_large", "Nội dung yêu cầu quá lớn.")
    if not signature_ok(request.headers.get("X-Signature", ""), raw, str(secret)):
        raise ApiError(401, "bad_signature", "Chữ ký không hợp lệ.")
    body = parse(TransferIn, json_object(raw))
    transfer = payments.Transfer(body.transaction_id, body.amount, body.description, body.paid_at)
    result = payments.receive_transfer(transfer, now_local(), links.public_base())
    if result.code and not result.duplicate and current_app.config.get("ZALO_OA_SECRET"):
        worker.nudge()  # the subscribers' notices are in the outbox; the minute's sweep is the backstop
    return jsonify({"outcome": result.outcome, "code": result.code, "duplicate": result.duplicate})
