"""The tables of fees and payments: agencies' collecting accounts, dossiers' charges, payments."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class AgencyBank(db.Model):
    """The account that collects an agency's fees (NAPAS bank BIN, account number, holder)."""

    __tablename__ = "agency_banks"
    agency_code: Mapped[str] = mapped_column(ForeignKey("agencies.code"), primary_key=True)
    bin: Mapped[str] = mapped_column(String(6))
    account: Mapped[str] = mapped_column(String(19))
    name: Mapped[str] = mapped_column(String(200), default="")


class DossierCharge(db.Model):
    """What a dossier owes in all, when an `awaiting_payment` event set it (else the procedure's fee)."""

    __tablename__ = "dossier_charges"
    receipt_id: Mapped[int] = mapped_column(ForeignKey("receipts.id"), primary_key=True)
    amount: Mapped[int] = mapped_column(BigInteger)
    reason: Mapped[str] = mapped_column(Text, default="")
    set_at: Mapped[datetime] = mapped_column(DateTime)


class PaymentRow(db.Model):
    """Money received: one row per bank transaction id, whichever way it was reported, matched or not."""

    __tablename__ = "payments"
    __table_args__ = (Index("ix_payments_agency_paid_at", "agency_code", "paid_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    transaction_id: Mapped[str] = mapped_column(String(100), unique=True)
    receipt_id: Mapped[int | None] = mapped_column(ForeignKey("receipts.id"), nullable=True, index=True)
    agency_code: Mapped[str | None] = mapped_column(String(40), nullable=True)
    amount: Mapped[int] = mapped_column(BigInteger)
    # What the dossier owed in all when the money came: the outcome is read against it.
    fee: Mapped[int] = mapped_column(BigInteger, default=0)
    outcome: Mapped[str] = mapped_column(String(20), index=True)
    source: Mapped[str] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(Text, default="")
    paid_at: Mapped[datetime] = mapped_column(DateTime)
    recorded_at: Mapped[datetime] = mapped_column(DateTime)
