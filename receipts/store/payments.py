"""Agencies' collecting accounts, dossiers' charges and the payments received; nothing here commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, delete, func, or_, select

from ..domain.payments import MATCHED, Charge, Payment, PaymentFacts
from ..domain.vietqr import BankAccount
from ..extensions import db
from . import marks
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
    marks.changed_everything()  # every page of the agency's dossiers shows how to pay
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
    marks.changed(receipt_id)


def facts_columns(receipt_id: Any, agency_code: Any) -> tuple[Any, ...]:
    """Return the scalar subqueries `facts_from` reads: money received and when last, charge, account.

    `receipt_id` and `agency_code` are bound parameters or the columns of an enclosing query.
    """
    # Each a scalar subquery of its own, so that it correlates with an enclosing query's receipt.
    paid = PaymentRow.receipt_id == receipt_id
    charge = DossierCharge.receipt_id == receipt_id
    bank = AgencyBank.agency_code == agency_code
    return (
        select(func.coalesce(func.sum(PaymentRow.amount), 0)).where(paid).scalar_subquery(),
        select(func.max(PaymentRow.paid_at)).where(paid).scalar_subquery(),
        select(DossierCharge.amount).where(charge).scalar_subquery(),
        select(DossierCharge.reason).where(charge).scalar_subquery(),
        select(AgencyBank.bin).where(bank).scalar_subquery(),
        select(AgencyBank.account).where(bank).scalar_subquery(),
        select(AgencyBank.name).where(bank).scalar_subquery(),
    )


def facts_from(values: Sequence[Any]) -> PaymentFacts:
    """Return the payment facts of the values `facts_columns` selected, in their order."""
    paid, last, amount, reason, bin_, account, name = values
    return PaymentFacts(
        charge=None if amount is None else Charge(int(amount), reason or ""),
        paid=int(paid or 0),
        last_paid_at=aware_local(last),
        bank=None if bin_ is None else BankAccount(bin_, account, name),
    )


# Built once (building the subqueries costs more than running them).
_FACTS = select(*facts_columns(bindparam("receipt_id"), bindparam("agency_code")))


def facts(receipt_id: int, agency_code: str) -> PaymentFacts:
    """Return the charge, the đồng received and when last, and the agency's account, in one query."""
    row = db.session.connection().execute(_FACTS, {"receipt_id": receipt_id, "agency_code": agency_code})
    return facts_from(row.one())


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
    stored = db.session.execute(stmt).scalar() is not None
    if stored and receipt_id is not None:
        marks.changed(receipt_id)
    return stored


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
