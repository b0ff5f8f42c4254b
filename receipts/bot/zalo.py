"""Zalo's webhook signature, checked on the raw bytes with the timestamp it covers."""

from __future__ import annotations

import hashlib
import hmac
import re


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
