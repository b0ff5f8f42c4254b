"""Signed receipt tokens: short, carrying only the receipt version's id, one salt per purpose."""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Sequence
from functools import lru_cache

from itsdangerous import BadData, URLSafeSerializer

RECEIPT_SALT = "receipts.verify.v1"
# A form printed from a dossier's record (Mẫu 02–05): the token names the record's id.
FORM_SALT = "receipts.form.v1"
_MAX_TOKEN = 200


class TokenSigner:
    """Sign with the last key, verify with every key (oldest first, as configured)."""

    def __init__(self, keys: Sequence[str], salt: str = RECEIPT_SALT) -> None:
        self._serializer = URLSafeSerializer(list(keys), salt=salt)
        # A token's answer never changes while the keys stay: one seen before costs a lookup, no HMAC.
        self._verified = lru_cache(maxsize=4096)(self._verify)

    def sign(self, version_id: int) -> str:
        """Return the token of a receipt version."""
        return self._serializer.dumps(version_id)

    def verify(self, token: str) -> int | None:
        """Return the version id a genuine token names, or None for anything else."""
        if not isinstance(token, str) or not 0 < len(token) <= _MAX_TOKEN:
            return None
        return self._verified(token)

    def _verify(self, token: str) -> int | None:
        if not _canonical(token):
            return None
        try:
            value = self._serializer.loads(token)
        except (BadData, ValueError, TypeError):
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            return None
        return value


def _canonical(token: str) -> bool:
    # Base64 leaves spare bits in a last character: without this check a token whose last
    # character was changed could decode to the same bytes and still verify.
    if not token.isascii():
        return False
    for part in token.split("."):
        if not part:
            continue
        try:
            raw = base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
        except ValueError:
            return False
        if base64.urlsafe_b64encode(raw).rstrip(b"=").decode() != part:
            return False
    return True


def new_api_key() -> str:
    """Return a new random API key."""
    return "rk_" + secrets.token_urlsafe(32)


def hash_api_key(key: str) -> str:
    """Return the stored form of an API key (keys are random, so a plain SHA-256 suffices)."""
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
