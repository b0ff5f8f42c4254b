"""Signed Zalo webhook events, as Zalo sends them, and posting them to the app."""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

from receipts.bot.zalo import expected_mac
from tests.bot.conftest import OA_SECRET
from tests.fake_zalo import APP_ID

USER = "8447393217364"


def zalo_event(name: str, user: str = USER, **fields: Any) -> bytes:
    """Return the raw body of a Zalo event from `user` (a follower for follow/unfollow)."""
    body: dict[str, Any] = {"app_id": APP_ID, "event_name": name, "timestamp": str(int(time.time() * 1000))}
    if name in ("follow", "unfollow"):
        body["follower"] = {"id": user}
    else:
        body["sender"] = {"id": user}
        body["recipient"] = {"id": "579745863508352884"}
    body.update(fields)
    return json.dumps(body, ensure_ascii=False).encode()


def text(message: str, user: str = USER) -> bytes:
    """Return a `user_send_text` event."""
    return zalo_event("user_send_text", user, message={"text": message, "msg_id": uuid.uuid4().hex})


def post(client: Any, raw: bytes) -> Any:
    """Post a signed event to the webhook."""
    timestamp = str(json.loads(raw)["timestamp"])
    mac = expected_mac(APP_ID, raw, timestamp, OA_SECRET)
    return client.post(
        "/zalo/webhook", data=raw, headers={"X-ZEvent-Signature": mac, "Content-Type": "application/json"}
    )
