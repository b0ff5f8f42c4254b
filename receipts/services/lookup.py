"""Unlock a dossier's full receipt with the last 4 digits of the applicant's phone."""

from __future__ import annotations

import hmac
from typing import TYPE_CHECKING

from .receipts import find

if TYPE_CHECKING:
    from ..signing.tokens import TokenSigner


def unlock(code: str, last_digits: str, signer: TokenSigner) -> str | None:
    """Return the current version's QR token if `last_digits` are the last 4 of the applicant's phone."""
    stored = find(code)
    phone = "".join(ch for ch in stored.snapshot.applicant.phone if ch.isdigit())
    given = "".join(ch for ch in last_digits if ch.isdigit())
    if len(phone) < 4 or len(given) != 4 or not hmac.compare_digest(phone[-4:], given):
        return None
    return signer.sign(stored.version_id)
