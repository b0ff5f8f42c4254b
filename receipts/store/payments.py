"""Agencies' collecting accounts, dossiers' charges and the payments received; nothing here commits."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, or_, select

from ..domain.payments import MATCHED, Charge, Payment, PaymentFacts
from ..domain.vietqr import BankAccount
from ..extensions import db
from .database import insert
from .models import Agency, Receipt
from .payment_models import AgencyBank, DossierCharge, PaymentRow
from .times import aware_local, naive_utc


def bank_of(agency_code: str) -> BankAccount | None:
    """Return the account that collects the agency's fees, or None."""
    row = db.session.get(AgencyBank, agency_code)
    return None if row is None else BankAccount(row.bin, row.account, row.name)


def set_bank(agency_code: str, bank: BankAccount | None) -> None:
    """Set (or with None, remove) the agency's collecting account."""
    if bank is None:
        db.session.execute(delete(AgencyBank).where(AgencyBank.agency_code == agency_code))
        return
    values = {"bin": bank.bin, "account": bank.account, "name": bank.name}
    stmt = insert(AgencyBank).values(agency_code=agency_code, **values)
    db.session.execute(stmt.on_conflict_do_update(index_elements=["agency_code"], set_=values))


def agency_codes() -> list[str]:
    """Return every agency's code (a transfer's mangled description is searched for each)."""
    return list(db.session.scalars(select(Agency.code).order_by(Agency.code)))


def set_charge(receipt_id: int, charge: Charge, now: datetime) -> None:
    """Set what the dossier owes in all."""
    values = {"amount": charge.amount, "reason": charge.reason, "set_at": naive_utc(now)}
    stmt = insert(DossierCharge).values(receipt_id=receipt_id, **values)
    db.session.execute(stmt.on_conflict_do_update(index_elements=["receipt_id"], set_=values))


def facts(receipt_id: int, agency_code: str) -> PaymentFacts:
    """Return the charge, the đồng received and when last, and the agency's account, in one query."""
    received = select(PaymentRow.amount, PaymentRow.paid_at).where(PaymentRow.receipt_id == receipt_id)
    received = received.subquery()
    charge = select(DossierCharge).where(DossierCharge.receipt_id == receipt_id).subquery()
    bank = select(AgencyBank).where(AgencyBank.agency_code == agency_code).subquery()
    query = select(
        select(func.coalesce(func.sum(received.c.amount), 0)).scalar_subquery(),
        select(func.max(received.c.paid_at)).scalar_subquery(),
        select(charge.c.amount).scalar_subquery(),
        select(charge.c.reason).scalar_subquery(),
        select(bank.c.bin).scalar_subquery(),
        select(bank.c.account).scalar_subquery(),
        select(bank.c.name).scalar_subquery(),
    )
    paid, last, amount, reason, bin_, account, name = db.session.execute(query).one()
    return PaymentFacts(
        charge=None if amount is None else Charge(int(amount), reason or ""),
        paid=int(paid or 0),
        last_paid_at=aware_local(last),
        bank=None if bin_ is None else BankAccount(bin_, account, name),
    )


def record(payment: Payment, receipt_id: int | None, now: datetime) -> bool:
    """Store a payment unless its transaction id is stored already; tell whether it was stored."""
    stmt = (
        insert(PaymentRow)
        .values(
            transaction_id=payment.transaction_id,
            receipt_id=receipt_id,
            agency_code=payment.agency_code,
            amount=payment.amount,
            fee=payment.fee,
            outcome=payment.outcome,
            source=payment.source,
            description=payment.description,
            paid_at=naive_utc(payment.paid_at),
            recorded_at=naive_utc(now),
        )
        .on_conflict_do_nothing(index_elements=["transaction_id"])
        .returning(PaymentRow.id)
    )
    return db.session.execute(stmt).scalar() is not None


def _query() -> Any:
    return select(PaymentRow, Receipt.code).outerjoin(Receipt, Receipt.id == PaymentRow.receipt_id)


def _payment(row: PaymentRow, code: str | None) -> Payment:
    paid_at = aware_local(row.paid_at)
    assert paid_at is not None
    return Payment(
        transaction_id=row.transaction_id,
        amount=int(row.amount),
        paid_at=paid_at,
        outcome=row.outcome,
        source=row.source,
        code=code,
        agency_code=row.agency_code,
        description=row.description,
        fee=int(row.fee),
    )


def find(transaction_id: str) -> Payment | None:
    """Return the payment stored under a transaction id, or None."""
    row = db.session.execute(_query().where(PaymentRow.transaction_id == transaction_id)).first()
    return None if row is None else _payment(*row)


def received_between(agency_code: str | None, start: datetime, end: datetime) -> list[Payment]:
    """Return the payments to an agency's dossiers (None: every agency) paid in [start, end), in order."""
    query = _query().where(PaymentRow.paid_at >= naive_utc(start), PaymentRow.paid_at < naive_utc(end))
    query = query.where(PaymentRow.receipt_id.is_not(None))
    if agency_code is not None:
        query = query.where(PaymentRow.agency_code == agency_code)
    rows = db.session.execute(query.order_by(PaymentRow.paid_at, PaymentRow.id))
    return [_payment(*row) for row in rows]


def to_review(agency_code: str | None, limit: int = 200) -> list[Payment]:
    """Return the transfers an officer must settle: unmatched (any agency), under- or overpaid."""
    query = _query().where(PaymentRow.outcome != MATCHED)
    if agency_code is not None:
        query = query.where(or_(PaymentRow.agency_code == agency_code, PaymentRow.agency_code.is_(None)))
    rows = db.session.execute(query.order_by(PaymentRow.paid_at.desc(), PaymentRow.id.desc()).limit(limit))
    return [_payment(*row) for row in rows]
