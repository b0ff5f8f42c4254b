"""Queries and writes; callers get plain values and domain objects, never ORM rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError

from ..domain.calendar import Decision
from ..domain.receipt import ReceiptSnapshot
from ..extensions import db
from .models import (
    Agency,
    ApiKey,
    CalendarDecision,
    DaySequence,
    DossierEvent,
    IdempotencyKey,
    Procedure,
    Receipt,
    ReceiptVersion,
    User,
)

AGENCY_FIELDS = ("parent_name", "unit_name", "place", "office_hours", "paper", "is_demo")
PROCEDURE_FIELDS = (
    "name", "name_folded", "level", "field", "agency_name", "service_level",
    "duration", "duration_unit", "fee", "documents", "is_demo",
)  # fmt: skip


@dataclass(frozen=True)
class StoredReceipt:
    """A receipt's live state with the snapshot of one of its versions."""

    id: int
    code: str
    status: str
    current_version: int
    revoked: bool
    version_id: int
    snapshot: ReceiptSnapshot


def _insert(model: type) -> Any:
    return (pg_insert if db.engine.dialect.name == "postgresql" else sqlite_insert)(model)


def get_agency(code: str) -> dict[str, Any] | None:
    """Return an agency as a dict, or None."""
    row = db.session.get(Agency, code)
    return None if row is None else {"code": row.code, **{f: getattr(row, f) for f in AGENCY_FIELDS}}


def get_procedure(code: str) -> dict[str, Any] | None:
    """Return a procedure as a dict, or None."""
    row = db.session.get(Procedure, code)
    return None if row is None else _procedure_dict(row)


def _procedure_dict(row: Procedure) -> dict[str, Any]:
    return {"code": row.code, **{f: getattr(row, f) for f in PROCEDURE_FIELDS}}


def search_procedures(
    folded_words: list[str], level: str | None, field: str | None, offset: int, limit: int
) -> tuple[int, list[dict[str, Any]]]:
    """Return the total and one page of procedures matching every folded word."""
    query = select(Procedure)
    for word in folded_words:
        query = query.where(Procedure.name_folded.contains(word, autoescape=True))
    if level:
        query = query.where(Procedure.level == level)
    if field:
        query = query.where(Procedure.field == field)
    total = db.session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = db.session.scalars(query.order_by(Procedure.code).offset(offset).limit(limit))
    return total, [_procedure_dict(r) for r in rows]


def upsert(model_name: str, rows: list[dict[str, Any]]) -> int:
    """Insert or update agencies or procedures by code; return how many rows were written."""
    model, fields = {
        "agencies": (Agency, AGENCY_FIELDS),
        "procedures": (Procedure, PROCEDURE_FIELDS),
    }[model_name]
    for data in rows:
        row = db.session.get(model, data["code"]) or model(code=data["code"])
        for name in fields:
            if name in data:
                setattr(row, name, data[name])
        db.session.add(row)
    db.session.commit()
    return len(rows)


def next_sequence(agency_code: str, day: date) -> int:
    """Take the next sequence number of the agency's day inside the current transaction."""
    stmt = _insert(DaySequence).values(agency_code=agency_code, day=day, last=1)
    stmt = stmt.on_conflict_do_update(
        index_elements=["agency_code", "day"], set_={"last": DaySequence.last + 1}
    ).returning(DaySequence.last)
    return int(db.session.execute(stmt).scalar_one())


def insert_receipt(snapshot: ReceiptSnapshot, day: date, sequence: int, now: datetime) -> StoredReceipt:
    """Store a new receipt with its first version (inside the caller's transaction)."""
    receipt = Receipt(
        code=snapshot.code,
        agency_code=snapshot.agency.code,
        procedure_code=snapshot.procedure.code,
        day=day,
        sequence=sequence,
        status="received",
        current_version=1,
        received_at=_naive_utc(snapshot.received_at),
        due_at=_naive_utc(snapshot.due_at),
    )
    db.session.add(receipt)
    db.session.flush()
    return _add_version(receipt, snapshot, now)


def add_version(receipt_id: int, snapshot: ReceiptSnapshot, now: datetime) -> StoredReceipt:
    """Store a corrected version and make it current (inside the caller's transaction)."""
    receipt = db.session.get(Receipt, receipt_id, with_for_update=True)
    receipt.current_version = snapshot.version
    receipt.procedure_code = snapshot.procedure.code
    receipt.received_at = _naive_utc(snapshot.received_at)
    receipt.due_at = _naive_utc(snapshot.due_at)
    return _add_version(receipt, snapshot, now)


def _add_version(receipt: Receipt, snapshot: ReceiptSnapshot, now: datetime) -> StoredReceipt:
    version = ReceiptVersion(
        receipt_id=receipt.id,
        version=snapshot.version,
        snapshot=snapshot.to_dict(),
        created_at=_naive_utc(now),
    )
    db.session.add(version)
    db.session.flush()
    return _stored(receipt, version)


def _stored(receipt: Receipt, version: ReceiptVersion) -> StoredReceipt:
    return StoredReceipt(
        id=receipt.id,
        code=receipt.code,
        status=receipt.status,
        current_version=receipt.current_version,
        revoked=receipt.revoked_at is not None,
        version_id=version.id,
        snapshot=ReceiptSnapshot.from_dict(version.snapshot),
    )


def find_receipt(code: str, *, for_update: bool = False) -> StoredReceipt | None:
    """Return a receipt by code with its current version, or None."""
    query = select(Receipt).where(Receipt.code == code)
    if for_update:
        query = query.with_for_update()
    receipt = db.session.scalars(query).first()
    if receipt is None:
        return None
    version = db.session.scalars(
        select(ReceiptVersion).where(
            ReceiptVersion.receipt_id == receipt.id, ReceiptVersion.version == receipt.current_version
        )
    ).one()
    return _stored(receipt, version)


def find_version(version_id: int) -> StoredReceipt | None:
    """Return the receipt holding version `version_id`, with that version's snapshot, or None."""
    version = db.session.get(ReceiptVersion, version_id)
    if version is None:
        return None
    return _stored(version.receipt, version)


def current_version_id(receipt_id: int) -> int:
    """Return the id of the receipt's current version."""
    receipt = db.session.get(Receipt, receipt_id)
    return db.session.scalars(
        select(ReceiptVersion.id).where(
            ReceiptVersion.receipt_id == receipt_id, ReceiptVersion.version == receipt.current_version
        )
    ).one()


def mark_revoked(receipt_id: int, now: datetime, reason: str) -> None:
    """Mark a receipt revoked (inside the caller's transaction)."""
    receipt = db.session.get(Receipt, receipt_id)
    receipt.revoked_at = _naive_utc(now)
    receipt.revoke_reason = reason


def record_status(receipt_id: int, status: str, note: str, at: datetime) -> None:
    """Set a receipt's status and keep the event (inside the caller's transaction)."""
    receipt = db.session.get(Receipt, receipt_id)
    receipt.status = status
    db.session.add(DossierEvent(receipt_id=receipt_id, status=status, note=note, at=_naive_utc(at)))


def create_api_key(name: str, key_hash: str, scopes: list[str], now: datetime) -> None:
    """Store a new API key's hash."""
    db.session.add(ApiKey(name=name, key_hash=key_hash, scopes=" ".join(scopes), created_at=_naive_utc(now)))
    db.session.commit()


def api_key_scopes(key_hash: str) -> set[str] | None:
    """Return the scopes of a live key, or None if no live key has that hash."""
    row = db.session.scalars(select(ApiKey).where(ApiKey.key_hash == key_hash)).first()
    if row is None or row.revoked_at is not None:
        return None
    return set(row.scopes.split())


def decisions() -> list[Decision]:
    """Return every calendar decision."""
    rows = db.session.scalars(select(CalendarDecision).order_by(CalendarDecision.day))
    return [Decision(r.day, r.kind, r.name, r.source) for r in rows]


def upsert_decisions(items: list[Decision]) -> int:
    """Insert or update calendar decisions by date."""
    for item in items:
        row = db.session.get(CalendarDecision, item.day) or CalendarDecision(day=item.day)
        row.kind, row.name, row.source = item.kind, item.name, item.source
        db.session.add(row)
    db.session.commit()
    return len(items)


def upsert_user(
    username: str, password_hash: str, role: str, agency_code: str | None, full_name: str
) -> None:
    """Create or update a user."""
    row = db.session.scalars(select(User).where(User.username == username)).first() or User(username=username)
    row.password_hash, row.role, row.agency_code, row.full_name = password_hash, role, agency_code, full_name
    db.session.add(row)
    db.session.commit()


def _naive_utc(value: datetime) -> datetime:
    return value.astimezone(UTC).replace(tzinfo=None)


def find_user(*, user_id: int | None = None, username: str | None = None) -> dict[str, Any] | None:
    """Return a user by id or username, or None."""
    if user_id is not None:
        row = db.session.get(User, user_id)
    else:
        row = db.session.scalars(select(User).where(User.username == username)).first()
    if row is None:
        return None
    return {
        "id": row.id,
        "username": row.username,
        "password_hash": row.password_hash,
        "role": row.role,
        "agency_code": row.agency_code,
        "full_name": row.full_name,
    }


def receipts_of_day(agency_code: str | None, day: date, limit: int) -> list[StoredReceipt]:
    """Return the receipts of a local day with their current versions, newest first; None: every agency."""
    query = (
        select(Receipt, ReceiptVersion)
        .join(
            ReceiptVersion,
            (ReceiptVersion.receipt_id == Receipt.id) & (ReceiptVersion.version == Receipt.current_version),
        )
        .where(Receipt.day == day)
    )
    if agency_code is not None:
        query = query.where(Receipt.agency_code == agency_code)
    rows = db.session.execute(query.order_by(Receipt.agency_code, Receipt.sequence.desc()).limit(limit))
    return [_stored(receipt, version) for receipt, version in rows]


class DuplicateKey(Exception):
    """Another transaction stored the same idempotency key first."""


def find_idempotent(key_hash: str) -> tuple[str, str] | None:
    """Return (request hash, receipt code) stored under an idempotency key, or None."""
    row = db.session.execute(
        select(IdempotencyKey.request_hash, Receipt.code)
        .join(Receipt, Receipt.id == IdempotencyKey.receipt_id)
        .where(IdempotencyKey.key_hash == key_hash)
    ).first()
    return None if row is None else (row[0], row[1])


def remember_idempotent(key_hash: str, request_hash: str, receipt_id: int, now: datetime) -> None:
    """Store an idempotency key for a receipt (inside the caller's transaction)."""
    db.session.add(
        IdempotencyKey(
            key_hash=key_hash, request_hash=request_hash, receipt_id=receipt_id, created_at=_naive_utc(now)
        )
    )
    try:
        db.session.flush()
    except IntegrityError as error:
        raise DuplicateKey(key_hash) from error
