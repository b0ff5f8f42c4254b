"""What a QR token proves, and the two-copy PDF of the version it names."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import links
from ..domain.dossiers import STAMPS, SUPERSEDED, StoredReceipt
from ..render.forms import receipt_pdf_sources
from ..store import receipts as store

if TYPE_CHECKING:
    from ..render.pdf import PdfRenderer
    from ..signing.tokens import TokenSigner


@dataclass(frozen=True)
class Verification:
    """What a QR token proves: the receipt version it names, the verdict, the current version's token."""

    receipt: StoredReceipt
    token: str
    current_token: str

    @property
    def verdict(self) -> str:
        """Return valid, superseded or revoked."""
        return self.receipt.verdict


def token_for(stored: StoredReceipt, signer: TokenSigner) -> str:
    """Return the QR token of the stored receipt version."""
    return signer.sign(stored.version_id)


def verify(token: str, signer: TokenSigner) -> Verification | None:
    """Check a QR token; None when it is forged, altered or names nothing."""
    version_id = signer.verify(token)
    stored = store.find_version(version_id) if version_id else None
    if stored is None:
        return None
    current_token = token
    if stored.verdict == SUPERSEDED:
        current_token = signer.sign(store.current_version_id(stored.id))
    return Verification(stored, token, current_token)


def receipt_pdf(
    token: str, public_base: str, signer: TokenSigner, renderer: PdfRenderer
) -> tuple[str, bytes] | None:
    """Return the code and two-copy PDF of the version a token names, from cache when possible."""
    verification = verify(token, signer)
    if verification is None:
        return None
    stored = verification.receipt
    verify_url = links.verify_url(public_base, token)
    # A revoked or replaced version still prints, stamped, so that no one mistakes it for valid.
    stamp = STAMPS.get(verification.verdict, "")
    pdf = renderer.cached(
        (stored.version_id, verify_url, stamp),
        lambda: receipt_pdf_sources(stored.snapshot, verify_url, stamp),
    )
    return stored.code, pdf
