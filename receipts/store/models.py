"""The tables."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql import text

from ..extensions import db


class Agency(db.Model):
    """A receiving counter and the lines it prints."""

    __tablename__ = "agencies"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    parent_name: Mapped[str] = mapped_column(String(300))
    unit_name: Mapped[str] = mapped_column(String(300))
    place: Mapped[str] = mapped_column(String(100))
    office_hours: Mapped[list[Any]] = mapped_column(JSON, default=list)
    paper: Mapped[str] = mapped_column(String(2), default="A4")
    is_demo: Mapped[bool] = mapped_column(default=False)
    # How item 5 of the receipt prints the appointment: "session" or "long" (domain.receipt.DUE_STYLES).
    due_style: Mapped[str] = mapped_column(String(10), default="session", server_default="session")


class Procedure(db.Model):
    """An administrative procedure with its documents and duration."""

    __tablename__ = "procedures"
    # SQLite only (migration 0005 says why): the catalogue's counts read this instead of the table.
    __table_args__ = (
        Index("ix_procedures_facets", "level", "field", "name_folded").ddl_if(dialect="sqlite"),
    )
    code: Mapped[str] = mapped_column(String(60), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    name_folded: Mapped[str] = mapped_column(Text, default="")
    level: Mapped[str] = mapped_column(String(20))
    field: Mapped[str] = mapped_column(String(200), default="")
    agency_name: Mapped[str] = mapped_column(String(300), default="")
    service_level: Mapped[str] = mapped_column(String(100), default="")
    duration: Mapped[int] = mapped_column(Integer)
    duration_unit: Mapped[str] = mapped_column(String(20))
    fee: Mapped[int] = mapped_column(Integer, default=0)
    documents: Mapped[list[Any]] = mapped_column(JSON, default=list)
    is_demo: Mapped[bool] = mapped_column(default=False)


class DaySequence(db.Model):
    """The last sequence number given out for an agency's local day."""

    __tablename__ = "day_sequences"
    agency_code: Mapped[str] = mapped_column(ForeignKey("agencies.code"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    last: Mapped[int] = mapped_column(Integer)


# A dossier still being handled (domain.statistics.FINISHED are the others), its receipt standing.
OPEN = "revoked_at IS NULL AND status NOT IN ('rejected', 'withdrawn', 'result_ready', 'returned')"


class Receipt(db.Model):
    """A dossier's receipt: its code, live status and current version."""

    __tablename__ = "receipts"
    __table_args__ = (
        UniqueConstraint("agency_code", "day", "sequence"),
        # A day across every agency (migration 0009): the admin's counter list.
        Index("ix_receipts_day", "day", "agency_code", "sequence"),
        # The statistics read these alone (migration 0010): the counts of a range of days, and the
        # dossiers still being handled by appointment (the overdue list).
        Index(
            "ix_receipts_stats",
            "day",
            "agency_code",
            "delivery",
            "procedure_code",
            "due_at",
            "result_at",
            postgresql_where=text("revoked_at IS NULL"),
            sqlite_where=text("revoked_at IS NULL"),
        ),
        Index(
            "ix_receipts_open_due_at",
            "due_at",
            postgresql_where=text(OPEN),
            sqlite_where=text(OPEN),
        ),
        # The counter's search (migration 0011; on PostgreSQL also a trigram index on the folded name).
        Index("ix_receipts_applicant_phone", "applicant_phone"),
        Index("ix_receipts_agency_day", "agency_code", "day", "id"),
        Index("ix_receipts_day_id", "day", "id"),
        Index("ix_receipts_procedure_day", "procedure_code", "day"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(60), unique=True)
    agency_code: Mapped[str] = mapped_column(ForeignKey("agencies.code"))
    procedure_code: Mapped[str] = mapped_column(ForeignKey("procedures.code"))
    day: Mapped[date] = mapped_column(Date)
    sequence: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(30), default="received")
    current_version: Mapped[int] = mapped_column(Integer, default=1)
    received_at: Mapped[datetime] = mapped_column(DateTime)
    due_at: Mapped[datetime] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    revoke_reason: Mapped[str] = mapped_column(Text, default="")
    # The appointment of the last extension (Mẫu 04); the versions keep the one each printed.
    extended_due_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # Copied from the current version so that statistics group by them in SQL (migration 0010).
    delivery: Mapped[str] = mapped_column(String(20), default="counter", server_default="counter")
    officer_name: Mapped[str] = mapped_column(String(200), default="", server_default="")
    # When the result was first given (the earliest result_ready or returned event): the on-time rate.
    result_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # The current version's applicant, for the counter's search: name folded (domain.text.fold), phone 0….
    applicant_folded: Mapped[str] = mapped_column(Text, default="", server_default="")
    applicant_phone: Mapped[str] = mapped_column(String(20), default="", server_default="")
    versions: Mapped[list[ReceiptVersion]] = relationship(
        back_populates="receipt", order_by="ReceiptVersion.version"
    )


class ReceiptVersion(db.Model):
    """One printed version of a receipt, stored exactly as printed."""

    __tablename__ = "receipt_versions"
    __table_args__ = (UniqueConstraint("receipt_id", "version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    receipt_id: Mapped[int] = mapped_column(ForeignKey("receipts.id"))
    version: Mapped[int] = mapped_column(Integer)
    snapshot: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    receipt: Mapped[Receipt] = relationship(back_populates="versions")


class QrMask(db.Model):
    """The mask chosen for a QR's data, kept so that later drawings skip trying all eight."""

    __tablename__ = "qr_masks"
    # The first 16 bytes of the data's SHA-256 (the data is a receipt's verify URL).
    digest: Mapped[bytes] = mapped_column(LargeBinary(16), primary_key=True)
    mask: Mapped[int] = mapped_column(SmallInteger)


class DossierEvent(db.Model):
    """Something recorded for a dossier: a status change, a hand-over or an extension; never changed."""

    __tablename__ = "dossier_events"
    id: Mapped[int] = mapped_column(primary_key=True)
    receipt_id: Mapped[int] = mapped_column(ForeignKey("receipts.id"), index=True)
    status: Mapped[str] = mapped_column(String(30))
    note: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(DateTime)
    kind: Mapped[str] = mapped_column(String(20), default="status", server_default="status")
    items: Mapped[list[Any] | None] = mapped_column(JSON, nullable=True)
    officer: Mapped[str] = mapped_column(String(200), default="", server_default="")
    handover_from: Mapped[str] = mapped_column(String(300), default="", server_default="")
    handover_to: Mapped[str] = mapped_column(String(300), default="", server_default="")
    due_before: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    due_after: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class ApiKey(db.Model):
    """A machine client's key; only its SHA-256 is kept. With an agency, it serves that agency alone."""

    __tablename__ = "api_keys"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scopes: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    agency_code: Mapped[str | None] = mapped_column(ForeignKey("agencies.code"), nullable=True)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class CalendarDecision(db.Model):
    """A yearly decision on a date: extra day off or make-up working day; wins over the package."""

    __tablename__ = "calendar_decisions"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    source: Mapped[str] = mapped_column(Text, default="")


class User(db.Model):
    """A counter officer or administrator."""

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    role: Mapped[str] = mapped_column(String(20))
    agency_code: Mapped[str | None] = mapped_column(ForeignKey("agencies.code"), nullable=True)
    full_name: Mapped[str] = mapped_column(String(200), default="")
    session_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    disabled_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    must_change_password: Mapped[bool] = mapped_column(default=False, server_default=false())


class IdempotencyKey(db.Model):
    """A client's Idempotency-Key for an issue request, so that a retried request issues nothing new."""

    __tablename__ = "idempotency_keys"
    id: Mapped[int] = mapped_column(primary_key=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    request_hash: Mapped[str] = mapped_column(String(64))
    receipt_id: Mapped[int] = mapped_column(ForeignKey("receipts.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Counter(db.Model):
    """A count of events under a key (login tries of a name, of an address…) in a fixed window."""

    __tablename__ = "counters"
    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)
    # Seconds since the epoch: compared in SQL alike on SQLite and PostgreSQL, past 2038 too.
    ends_at: Mapped[int] = mapped_column(BigInteger)


class ZaloCredentials(db.Model):
    """The Official Account's tokens: one row, locked while its single-use refresh token is spent."""

    __tablename__ = "zalo_credentials"
    id: Mapped[int] = mapped_column(primary_key=True)
    access_token: Mapped[str] = mapped_column(Text, default="")
    refresh_token: Mapped[str] = mapped_column(Text, default="")
    expires_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    renewed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    last_error: Mapped[str] = mapped_column(Text, default="")
    last_error_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)


class Outbox(db.Model):
    """A message to send, written in the transaction that caused it and delivered by the worker."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_status_next_attempt_at", "status", "next_attempt_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(20))
    recipient: Mapped[str] = mapped_column(String(100))
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    claimed_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    last_error: Mapped[str] = mapped_column(Text, default="")


class ZaloInbound(db.Model):
    """An incoming Zalo message already answered, so that a redelivery is not answered twice."""

    __tablename__ = "zalo_inbound"
    id: Mapped[int] = mapped_column(primary_key=True)
    msg_id: Mapped[str] = mapped_column(String(100), unique=True)
    user_id: Mapped[str] = mapped_column(String(100))
    received_at: Mapped[datetime] = mapped_column(DateTime, index=True)


class ZaloFollower(db.Model):
    """A Zalo user who wrote to the OA: when last (Zalo's 7-day window) and the codes last asked about."""

    __tablename__ = "zalo_followers"
    user_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    last_interaction_at: Mapped[datetime] = mapped_column(DateTime)
    # Space-separated, so that a phone shared with user_submit_info can prove them.
    last_codes: Mapped[str] = mapped_column(String(200), default="")


class Subscription(db.Model):
    """A Zalo user who proved a dossier theirs and hears about its status changes."""

    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("receipt_id", "user_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    receipt_id: Mapped[int] = mapped_column(ForeignKey("receipts.id"), index=True)
    user_id: Mapped[str] = mapped_column(String(100), index=True)
    proof: Mapped[str] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(DateTime)
