"""POST /zalo/webhook: verify Zalo's signature, then answer the citizen (see `answers`).

The answer is only written to the outbox (once per Zalo msg_id, however often Zalo redelivers the
event) and the worker sends it, so that Zalo gets its 200 at once.
"""

from __future__ import annotations

import hashlib
import time
from typing import Any

from flask import current_app, jsonify, request

from .. import worker
from ..clock import now_local
from ..errors import ApiError, json_object
from ..services import messaging
from . import answers, bp, zalo


@bp.post("/zalo/webhook")
def webhook() -> Any:
    """Take one event from Zalo; always 200 for a genuine one, so that Zalo does not retry."""
    config = current_app.config
    secret, app_id = config.get("ZALO_OA_SECRET"), config.get("ZALO_APP_ID")
    if not secret or not app_id:
        raise ApiError(404, "webhook_off", "Webhook Zalo chưa được cấu hình.")
    raw = request.get_data(cache=True)
    # Nothing of an unsigned body is parsed: the signature is checked on the raw bytes first.
    timestamp = zalo.raw_timestamp(raw)
    header = request.headers.get("X-ZEvent-Signature", "")
    if not zalo.signature_ok(header, str(app_id), raw, timestamp, str(secret)):
        raise ApiError(401, "bad_signature", "Chữ ký của Zalo không hợp lệ.")
    event = json_object(raw)
    if str(event.get("timestamp", "")) != timestamp:
        raise ApiError(401, "bad_signature", "Chữ ký của Zalo không hợp lệ.")
    if not _fresh(timestamp):
        # A genuine but old event is a replay (Zalo itself retries for 12 hours at most).
        return jsonify({"status": "ok", "replied": False, "stale": True})
    user_id, key, queued, photo = _sender(event), _msg_key(event, raw), False, False
    # A redelivery is neither counted against the user's limits nor acted on again.
    if user_id and not messaging.answered(key):
        now = now_local()
        reply = answers.reply_to(event, user_id, now)
        if isinstance(reply, answers.Photo):
            # Fetching the image could outlast Zalo's patience: the worker does it, after this commit.
            photo = messaging.receive(key, user_id, now)
            if photo:
                worker.read_photo(key, user_id, reply.url, reply.base)
        elif reply:
            queued = messaging.queue_reply(key, user_id, reply, now)
    if queued:
        worker.nudge()
    # "photo": the worker reads the photo and answers it (said only then, so the old answer stands).
    return jsonify({"status": "ok", "replied": queued} | ({"photo": True} if photo else {}))


def _sender(event: dict[str, Any]) -> str:
    """Return the citizen's Zalo id: the sender, or the follower of a follow; "" for our own echoes."""
    if str(event.get("event_name", "")).startswith("oa_send_"):
        return ""
    sender = event.get("follower") if "follower" in event else event.get("sender")
    return _id_of(sender.get("id") if isinstance(sender, dict) else None)


def _msg_key(event: dict[str, Any], raw: bytes) -> str:
    """Return Zalo's msg_id, or for an event without one a digest of the body that a redelivery repeats."""
    message = event.get("message")
    msg_id = _id_of(message.get("msg_id") if isinstance(message, dict) else None)
    return msg_id or "sha256:" + hashlib.sha256(raw).hexdigest()


def _id_of(value: object) -> str:
    """Return an id as Zalo sends them (a number or printable text, at most 100 characters), or ""."""
    # Printable: no NUL, control character or lone surrogate, which no text column can store.
    if isinstance(value, str | int) and not isinstance(value, bool):
        text = str(value)
        if 0 < len(text) <= 100 and text.isprintable():
            return text
    return ""


def _fresh(timestamp: str, max_age_ms: int = 24 * 3600 * 1000) -> bool:
    if not timestamp.isdigit() or len(timestamp) > 16:
        return False
    age = time.time() * 1000 - int(timestamp)
    return -10 * 60 * 1000 <= age <= max_age_ms
