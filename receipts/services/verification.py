"""What a QR token proves, and the two-copy PDF of the version it names."""

from __future__ import annotations

import logging
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import links
from ..domain.dossiers import STAMPS, SUPERSEDED, VALID, StoredReceipt
from ..domain.live import ReceiptState
from ..domain.payments import PaymentState
from ..domain.receipt import CITIZEN_COPIES, COPIES, ReceiptSnapshot
from ..render.forms import receipt_pdf_sources
from ..signing.qr import best_mask
from ..store import live, qr_masks
from ..store.database import StoreError, write_transaction
from . import payments

if TYPE_CHECKING:
    from ..lru import LruCache
    from ..render.pdf import PdfRenderer
    from ..signing.tokens import TokenSigner

log = logging.getLogger(__name__)

# What a two-copy receipt weighs before it is first rendered (measured with the bundled fonts: about
# 27 KB for the guide's example, 180 bytes more per listed paper); the page says "khoảng 30 KB".
PDF_BYTES, PDF_BYTES_PER_DOCUMENT = 27_000, 200


@dataclass(frozen=True)
class Verification:
    """What a QR token proves: the receipt version it names, the verdict, the current version's token."""

    receipt: StoredReceipt
    token: str
    current_token: str
    # How to pay the dossier's fee (the current version only: a replaced or revoked one asks nothing).
    payment: PaymentState | None = None
    # The dossier's records: how many and the newest one's id (the timeline changes with it).
    events_mark: tuple[int, int] = (0, 0)

    @property
    def verdict(self) -> str:
        """Return valid, superseded or revoked."""
        return self.receipt.verdict


def token_for(stored: StoredReceipt, signer: TokenSigner) -> str:
    """Return the QR token of the stored receipt version."""
    return signer.sign(stored.version_id)


@dataclass(frozen=True)
class PdfJob:
    """The PDF a token names: the dossier code, its cache key (all it prints) and how to make it."""

    code: str
    key: Hashable
    make_sources: Callable[[], tuple[str, str | None]]


def with_snapshot(state: ReceiptState, snapshots: LruCache[ReceiptSnapshot] | None = None) -> StoredReceipt:
    """Return the stored receipt of a live state, its immutable snapshot read once per process."""
    version_id = state.version_id
    if snapshots is None:
        return state.with_snapshot(live.version_snapshot(version_id))
    return state.with_snapshot(snapshots.get_or_make(version_id, lambda: live.version_snapshot(version_id)))


def verify(
    token: str,
    signer: TokenSigner,
    snapshots: LruCache[ReceiptSnapshot] | None = None,
    states: live.KeptStates | None = None,
) -> Verification | None:
    """Check a QR token; None when it is forged, altered or names nothing.

    One narrow query reads the live state (none while `states` keeps it unchanged); the version's
    snapshot comes from `snapshots` once read.
    """
    version_id = signer.verify(token)
    state = live.version_state(version_id, states) if version_id else None
    if state is None:
        return None
    stored = with_snapshot(state, snapshots)
    current_token = token
    if stored.verdict == SUPERSEDED:
        current_token = signer.sign(state.current_version_id)
    payment = payments.state(stored, state.payment) if stored.verdict == VALID else None
    return Verification(stored, token, current_token, payment, state.events_mark)


def pdf_job(
    token: str,
    public_base: str,
    signer: TokenSigner,
    *,
    citizen_first: bool = False,
    snapshots: LruCache[ReceiptSnapshot] | None = None,
    states: live.KeptStates | None = None,
) -> PdfJob | None:
    """Return what the PDF of the version a token names is made of, without rendering it; None if invalid."""
    verification = verify(token, signer, snapshots, states)
    if verification is None:
        return None
    key, sources = _pdf_job(verification, public_base, citizen_first)
    return PdfJob(verification.receipt.code, key, sources)


def receipt_pdf(
    token: str, public_base: str, signer: TokenSigner, renderer: PdfRenderer, *, citizen_first: bool = False
) -> tuple[str, bytes] | None:
    """Return the code and two-copy PDF of the version a token names, from cache when possible.

    The counter prints Liên 1 first; `citizen_first` puts the citizen's Liên 2 first. Both copies
    carry the same QR, which encodes exactly the verify URL.
    """
    job = pdf_job(token, public_base, signer, citizen_first=citizen_first)
    if job is None:
        return None
    return job.code, renderer.cached(job.key, job.make_sources)


def pdf_size(
    verification: Verification, public_base: str, renderer: PdfRenderer, *, citizen_first: bool = False
) -> int:
    """Return the size in bytes of the PDF `receipt_pdf` answers: exact once cached, else an estimate."""
    key, _ = _pdf_job(verification, public_base, citizen_first)
    cached = renderer.peek(key)
    if cached is not None:
        return len(cached)
    return PDF_BYTES + PDF_BYTES_PER_DOCUMENT * len(verification.receipt.snapshot.documents)


def _pdf_job(
    verification: Verification, public_base: str, citizen_first: bool
) -> tuple[Hashable, Callable[[], tuple[str, str | None]]]:
    """Return the cache key of a version's PDF and how to make its sources."""
    stored = verification.receipt
    verify_url = links.verify_url(public_base, verification.token)
    # A revoked or replaced version still prints, stamped, so that no one mistakes it for valid.
    stamp = STAMPS.get(verification.verdict, "")
    copies = CITIZEN_COPIES if citizen_first else COPIES
    # The payment block changes as money comes in, so the cached PDF is keyed by it too.
    payment = verification.payment
    key = (stored.version_id, verify_url, stamp, copies, payment)

    def sources() -> tuple[str, str | None]:
        mask = qr_mask(verify_url)
        return receipt_pdf_sources(stored.snapshot, verify_url, stamp, copies, payment=payment, qr_mask=mask)

    return key, sources


def remember_qr(stored: StoredReceipt, public_base: str, signer: TokenSigner) -> None:
    """Choose the mask of a version's QR once, as it is issued, and keep it for every later drawing.

    Run after the version's transaction (outside the day's sequence lock): choosing costs about as
    much as drawing the QR with a known mask, which each page and PDF of the version then does. The
    receipt is stored already, so a failure here is logged, never answered: without a kept mask the
    QR's mask is chosen again whenever it is drawn, the same QR.
    """
    verify_url = links.verify_url(public_base, token_for(stored, signer))
    mask = best_mask(verify_url)
    try:
        with write_transaction():
            qr_masks.keep(verify_url, mask)
    except StoreError as error:
        log.warning("the QR mask of %s was not kept: %s", stored.code, error)


def qr_mask(verify_url: str) -> int | None:
    """Return the mask kept for the QR of `verify_url`, if it was chosen when the receipt was issued."""
    return qr_masks.mask_of(verify_url)
