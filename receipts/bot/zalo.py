"""Zalo's side: the webhook signature and the OA's customer-service message API."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import urllib.request
from concurrent.futures import ThreadPoolExecutor

log = logging.getLogger(__name__)
_SENDER = ThreadPoolExecutor(max_workers=4, thread_name_prefix="zalo-reply")


def expected_mac(app_id: str, body: bytes, timestamp: str, oa_secret: str) -> str:
    """Return Zalo's X-ZEvent-Signature: sha256(app id + body + timestamp + OA secret key)."""
    data = app_id.encode() + body + timestamp.encode() + oa_secret.encode()
    return "mac=" + hashlib.sha256(data).hexdigest()


_TIMESTAMP = re.compile(rb'"timestamp"\s*:\s*"?(\d{1,16})"?')


def raw_timestamp(body: bytes) -> str:
    """Return the event's timestamp read off the raw bytes, so the signature is checked before parsing."""
    match = _TIMESTAMP.search(body)
    return match[1].decode() if match else ""


def signature_ok(header: str, app_id: str, body: bytes, timestamp: str, oa_secret: str) -> bool:
    """Tell whether the header carries the signature Zalo would have made."""
    expected = expected_mac(app_id, body, timestamp, oa_secret)
    given = header.strip()
    if not given.startswith("mac="):
        given = "mac=" + given
    return hmac.compare_digest(given.lower().encode(), expected.encode())


def send_text(api_base: str, access_token: str, user_id: str, text: str) -> None:
    """Queue a text reply to a follower; failures are logged, never raised to the webhook."""
    _SENDER.submit(_post, api_base, access_token, user_id, text)


def _post(api_base: str, access_token: str, user_id: str, text: str) -> None:
    payload = json.dumps({"recipient": {"user_id": user_id}, "message": {"text": text}}, ensure_ascii=False)
    request = urllib.request.Request(  # noqa: S310 - the base URL is the operator's setting
        api_base.rstrip("/") + "/v3.0/oa/message/cs",
        data=payload.encode("utf-8"),
        headers={"Content-Type": "application/json", "access_token": access_token},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            answer = json.loads(response.read() or b"{}")
        if answer.get("error"):
            log.warning("Zalo refused the reply: %s", answer)
    except (OSError, ValueError) as error:
        log.warning("Zalo reply failed: %s", error)
