"""Fees and payments: what a dossier owes, the VietQR to pay it, and money recorded exactly once.

A payment is keyed by the bank's transaction id: the back office (`record`) and the bank's transfer
notices (`receive_transfer`) share those ids, so the same transfer reported twice, by either or by
several processes at once, is stored once (`INSERT … ON CONFLICT DO NOTHING` in the transaction
that locks the dossier's row). A transfer that names no dossier, or pays more or less than owed, is
kept with its outcome for an officer to settle.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from ..domain import vietqr
from ..domain.codes import find_transfer_codes
from ..domain.conversation import CS_WINDOW_DAYS
from ..domain.dossiers import DossierStatus, StoredReceipt, redacted
from ..domain.errors import Conflict, NotFound
from ..domain.localtime import LOCAL, local
from ..domain.outbox import ZALO_CS
from ..domain.payments import (
    API,
    UNMATCHED,
    WEBHOOK,
    DossierAccount,
    FeeSheet,
    Ledger,
    Payment,
    PaymentFacts,
    PaymentState,
    outcome,
    payment_notice,
)
from ..domain.statuses import Status
from ..domain.text import datetime_long
from ..links import lookup_url
from ..store import outbox
from ..store import payments as store
from ..store import subscriptions as subscriptions_store
from ..store.database import write_transaction
from .receipts import find, of_day

# A dossier refused or withdrawn is not handled further: nothing is asked of the citizen.
NOTHING_TO_PAY = frozenset({Status.REJECTED, Status.WITHDRAWN})


@dataclass(frozen=True)
class Transfer:
    """A bank's notice of money received on a collecting account."""

    transaction_id: str
    amount: int
    description: str
    paid_at: datetime


@dataclass(frozen=True)
class TransferResult:
    """How a transfer notice ended: its outcome, the dossier it paid, whether it was a repeat."""

    outcome: str
    code: str | None
    duplicate: bool


def ledger(stored: StoredReceipt) -> Ledger:
    """Return what the dossier owes in all and has received."""
    return store.facts(stored.id, stored.agency_code).ledger(stored.snapshot.procedure.fee)


def state(stored: StoredReceipt, facts: PaymentFacts | None = None) -> PaymentState:
    """Return what the dossier's pages and PDF say about paying it; the QR only while money is owed.

    `facts` are the stored facts when the caller read them already (with the live state).
    """
    found = facts if facts is not None else store.facts(stored.id, stored.agency_code)
    account = found.ledger(stored.snapshot.procedure.fee)
    last = found.last_paid_at if account.paid else None
    reason = found.charge.reason if found.charge else ""
    bank = found.bank
    if bank is None:
        return PaymentState(account, last_paid_at=last, reason=reason)
    content = vietqr.transfer_content(stored.code)
    payload = ""
    if account.owed and not stored.revoked and stored.status not in NOTHING_TO_PAY:
        payload = vietqr.payload(bank, account.owed, content)
    return PaymentState(account, payload, bank.name, bank.account, content, last, reason)


def with_payment(
    status: DossierStatus, stored: StoredReceipt, facts: PaymentFacts | None = None
) -> DossierStatus:
    """Return the status object's fee, paid and payment QR filled in (from `facts` when read already)."""
    found = state(stored, facts)
    return replace(status, fee=found.fee, paid=found.paid, payment_qr=found.payload)


def record(
    code: str,
    amount: int,
    transaction_id: str,
    paid_at: datetime | None,
    now: datetime,
    *,
    agency: str | None = None,
    public_base: str | None = None,
) -> DossierStatus:
    """Record money the back office received for a dossier and return its status object.

    The same transaction id again changes nothing; raise NotFound for an unknown dossier, Conflict
    when the id was recorded with another amount or for another dossier.
    """
    with write_transaction():
        stored = find(code, for_update=True, agency=agency)
        earlier = store.find(transaction_id)
        if earlier is None:
            transfer = Transfer(transaction_id, amount, "", local(paid_at or now))
            _, added = _store(stored, transfer, API, now, public_base)
            # Another dossier's transaction may have stored the id meanwhile (its row was not locked).
            earlier = None if added else store.find(transaction_id)
        if earlier is not None and (earlier.code != stored.code or earlier.amount != amount):
            raise Conflict(
                "Mã giao dịch này đã được ghi nhận cho một khoản thanh toán khác.",
                {"transaction_id": "Đã dùng."},
            )
    fresh = find(code)
    return with_payment(redacted(fresh, now), fresh)


def receive_transfer(transfer: Transfer, now: datetime, public_base: str | None) -> TransferResult:
    """Match a bank transfer to the dossier its description names and record it once."""
    with write_transaction():
        stored = _dossier_named(transfer.description)
        earlier = store.find(transfer.transaction_id)
        if earlier is not None:
            return TransferResult(earlier.outcome, earlier.code, True)
        if stored is None:
            unmatched = Payment(
                transfer.transaction_id,
                transfer.amount,
                transfer.paid_at,
                UNMATCHED,
                WEBHOOK,
                description=transfer.description,
            )
            stored_now = store.record(unmatched, None, now)
            return TransferResult(UNMATCHED, None, not stored_now)
        result, added = _store(stored, transfer, WEBHOOK, now, public_base)
        return TransferResult(result, stored.code, not added)


def _dossier_named(description: str) -> StoredReceipt | None:
    for code in find_transfer_codes(description, store.agency_codes()):
        try:
            return find(str(code), for_update=True)
        except NotFound:
            continue
    return None


def _store(
    stored: StoredReceipt, transfer: Transfer, source: str, now: datetime, public_base: str | None
) -> tuple[str, bool]:
    account = ledger(stored)
    result = outcome(transfer.amount, account.owed)
    payment = Payment(
        transfer.transaction_id,
        transfer.amount,
        transfer.paid_at,
        result,
        source,
        code=stored.code,
        agency_code=stored.agency_code,
        description=transfer.description,
        fee=account.fee,
    )
    added = store.record(payment, stored.id, now)
    if added and public_base is not None and not stored.revoked:
        owed = max(account.owed - transfer.amount, 0)
        text = payment_notice(
            stored.code,
            transfer.amount,
            datetime_long(transfer.paid_at),
            owed,
            lookup_url(public_base, stored.code),
        )
        _tell_subscribers(stored.id, text, now)
    return result, added


def _tell_subscribers(receipt_id: int, text: str, now: datetime) -> None:
    # A consultation message only: the approved ZNS template speaks of status changes, not payments.
    for subscriber in subscriptions_store.subscribers(receipt_id):
        last = subscriber.last_interaction_at
        if last is not None and now - last < timedelta(days=CS_WINDOW_DAYS):
            outbox.add(ZALO_CS, subscriber.user_id, {"text": text}, now)


def fee_sheet(agency_code: str | None, day: date, limit: int = 200) -> FeeSheet:
    """Return a local day's fee sheet of an agency (None: every agency), for the counter."""
    start = datetime.combine(day, time(0), tzinfo=LOCAL)
    collected = store.received_between(agency_code, start, start + timedelta(days=1))
    # The day's dossiers that owe a fee, then older ones paid that day.
    dossiers = {stored.code: stored for stored in of_day(agency_code, day, limit)}
    for payment in collected:
        if payment.code and payment.code not in dossiers:
            dossiers[payment.code] = find(payment.code)
    accounts = []
    for stored in dossiers.values():
        account = ledger(stored)
        if account.fee or account.paid:
            name = stored.snapshot.procedure.name
            accounts.append(DossierAccount(stored.code, stored.agency_code, name, account, stored.revoked))
    return FeeSheet(day, tuple(accounts), tuple(collected), tuple(store.to_review(agency_code)))
