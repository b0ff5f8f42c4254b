"""Fees and payments of a dossier: what it owes, what came in, and how a transfer matches.

Money is a whole number of đồng end to end (int, never float).
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import date, datetime

from .text import money_vnd
from .vietqr import BankAccount

MATCHED, UNDERPAID, OVERPAID, UNMATCHED = "matched", "underpaid", "overpaid", "unmatched"
OUTCOME_TEXT = {
    MATCHED: "Khớp số tiền",
    UNDERPAID: "Chuyển thiếu",
    OVERPAID: "Chuyển thừa",
    UNMATCHED: "Không tìm thấy hồ sơ",
}
# Where a payment was recorded from: the back office's API or the bank's transfer notice.
API, WEBHOOK = "api", "webhook"
MAX_TRANSACTION_ID = 100
MAX_DESCRIPTION = 500


@dataclass(frozen=True)
class Ledger:
    """A dossier's account: the fee it owes in all and the đồng received."""

    fee: int = 0
    paid: int = 0

    @property
    def owed(self) -> int:
        """Return what is still to pay (never below 0)."""
        return max(self.fee - self.paid, 0)

    @property
    def settled(self) -> bool:
        """Tell whether a fee was due and is now paid in full."""
        return self.fee > 0 and self.paid >= self.fee


@dataclass(frozen=True)
class Charge:
    """An amount a dossier owes in all, set by an `awaiting_payment` event, and why."""

    amount: int
    reason: str = ""


@dataclass(frozen=True)
class Payment:
    """Money received, for a dossier (code) or for none found (an unmatched transfer)."""

    transaction_id: str
    amount: int
    paid_at: datetime
    outcome: str
    source: str
    code: str | None = None
    agency_code: str | None = None
    description: str = ""
    fee: int = 0

    @property
    def outcome_text(self) -> str:
        """Return the outcome as an officer reads it."""
        return OUTCOME_TEXT.get(self.outcome, self.outcome)


def outcome(amount: int, owed: int) -> str:
    """Return how a transfer of `amount` meets what a dossier owes: matched, underpaid or overpaid."""
    if amount == owed:
        return MATCHED
    return UNDERPAID if amount < owed else OVERPAID


@dataclass(frozen=True)
class PaymentState:
    """What a dossier's pages, PDF, status object and the bot say about paying it."""

    ledger: Ledger
    # The VietQR payload to pay what is owed; "" once paid, when revoked or without an account.
    payload: str = ""
    bank_name: str = ""
    account: str = ""
    content: str = ""
    last_paid_at: datetime | None = None
    # Why the amount is asked, when an `awaiting_payment` event said ("Lệ phí trước bạ").
    reason: str = ""

    @property
    def fee(self) -> int:
        """Return the đồng owed in all."""
        return self.ledger.fee

    @property
    def paid(self) -> int:
        """Return the đồng received."""
        return self.ledger.paid


def payment_notice(code: str, amount: int, paid_at_text: str, owed: int, lookup_url: str) -> str:
    """Return what the bot tells a dossier's subscribers when money for it arrives."""
    lines = [f"Hồ sơ {code}: đã nhận thanh toán {money_vnd(amount)} lúc {paid_at_text}."]
    if owed:
        lines.append(f"Còn phải nộp: {money_vnd(owed)}.")
    else:
        lines.append("Hồ sơ đã được thanh toán đủ phí, lệ phí.")
    lines.append(f"Xem chi tiết: {lookup_url}")
    return "\n".join(lines)


def signature_ok(header: str, raw: bytes, secret: str) -> bool:
    """Tell whether `X-Signature: sha256=<hex>` is the HMAC-SHA256 of the raw body under `secret`."""
    scheme, _, given = header.strip().partition("=")
    if scheme.lower() != "sha256" or not given:
        return False
    expected = hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, given.strip().lower())


@dataclass(frozen=True)
class DossierAccount:
    """One dossier's line on the counter's fee sheet."""

    code: str
    agency_code: str
    procedure_name: str
    ledger: Ledger
    revoked: bool = False


@dataclass(frozen=True)
class FeeSheet:
    """A local day at the counter: each dossier's fee and payments, the money collected, what to settle."""

    day: date
    dossiers: tuple[DossierAccount, ...]
    collected: tuple[Payment, ...]
    to_review: tuple[Payment, ...]

    def totals(self) -> dict[str, int]:
        """Return the đồng collected that day per agency code, agencies in order."""
        sums: dict[str, int] = {}
        for payment in self.collected:
            key = payment.agency_code or ""
            sums[key] = sums.get(key, 0) + payment.amount
        return dict(sorted(sums.items()))


@dataclass(frozen=True)
class PaymentFacts:
    """What is stored about paying one dossier: its charge, the đồng received, the last time, the account."""

    charge: Charge | None
    paid: int
    last_paid_at: datetime | None
    bank: BankAccount | None

    def ledger(self, procedure_fee: int) -> Ledger:
        """Return the dossier's account: its charge, else the procedure's fee, and what came in."""
        return Ledger(fee=procedure_fee if self.charge is None else self.charge.amount, paid=self.paid)
