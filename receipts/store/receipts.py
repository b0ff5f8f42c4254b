"""Receipts, their versions, day sequences, status events and idempotency keys.

Every write runs inside the caller's `write_transaction`; nothing here commits.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..domain.dossiers import StoredReceipt
from ..domain.events import STATUS
from ..domain.receipt import ReceiptSnapshot
from ..domain.search import searchable
from ..domain.statuses import Status
from ..extensions import db
from . import marks
from .database import insert
from .models import DaySequence, DossierEvent, IdempotencyKey, Receipt, ReceiptVersion
from .times import aware_local, naive_utc


class DuplicateKey(Exception):
    """Another transaction stored the same idempotency key first."""


def next_sequence(agency_code: str, day: date) -> int:
    """Take the next sequence number of the agency's day inside the current transaction."""
    stmt = insert(DaySequence).values(agency_code=agency_code, day=day, last=1)
    stmt = stmt.on_conflict_do_update(
        index_elements=["agency_code", "day"], set_={"last": DaySequence.last + 1}
    ).returning(DaySequence.last)
    return int(db.session.execute(stmt).scalar_one())


def insert_receipt(snapshot: ReceiptSnapshot, day: date, sequence: int, now: datetime) -> StoredReceipt:
    """Store a new receipt with its first version."""
    receipt = Receipt(
        code=snapshot.code,
        agency_code=snapshot.agency.code,
        procedure_code=snapshot.procedure.code,
        day=day,
        sequence=sequence,
        status=Status.RECEIVED.value,
        current_version=1,
        received_at=naive_utc(snapshot.received_at),
        due_at=naive_utc(snapshot.due_at),
        delivery=snapshot.delivery,
        officer_name=snapshot.officer_name,
    )
    db.session.add(receipt)
    db.session.flush()
    return _add_version(receipt, snapshot, now)


def add_version(receipt_id: int, snapshot: ReceiptSnapshot, now: datetime) -> StoredReceipt:
    """Store a corrected version and make it current."""
    receipt = db.session.get_one(Receipt, receipt_id, with_for_update=True)
    receipt.current_version = snapshot.version
    receipt.procedure_code = snapshot.procedure.code
    receipt.received_at = naive_utc(snapshot.received_at)
    receipt.due_at = naive_utc(snapshot.due_at)
    receipt.delivery = snapshot.delivery
    receipt.officer_name = snapshot.officer_name
    marks.changed(receipt_id)  # the replaced version's page now says so
    return _add_version(receipt, snapshot, now)


def _add_version(receipt: Receipt, snapshot: ReceiptSnapshot, now: datetime) -> StoredReceipt:
    receipt.applicant_folded, receipt.applicant_phone = searchable(snapshot)
    version = ReceiptVersion(
        receipt_id=receipt.id,
        version=snapshot.version,
        snapshot=snapshot.to_dict(),
        created_at=naive_utc(now),
    )
    db.session.add(version)
    db.session.flush()
    return _stored(receipt, version)


def _stored(receipt: Receipt, version: ReceiptVersion) -> StoredReceipt:
    return StoredReceipt(
        id=receipt.id,
        code=receipt.code,
        status=Status(receipt.status),
        current_version=receipt.current_version,
        revoked=receipt.revoked_at is not None,
        version_id=version.id,
        snapshot=ReceiptSnapshot.from_dict(version.snapshot),
        extended_due_at=aware_local(receipt.extended_due_at),
    )


def _current(query: Any) -> Any:
    return query.join(
        ReceiptVersion,
        (ReceiptVersion.receipt_id == Receipt.id) & (ReceiptVersion.version == Receipt.current_version),
    )


def find_receipt(code: str, *, for_update: bool = False) -> StoredReceipt | None:
    """Return a receipt by code with its current version, or None."""
    query = _current(select(Receipt, ReceiptVersion)).where(Receipt.code == code)
    if for_update:
        query = query.with_for_update()
    row = db.session.execute(query).first()
    return None if row is None else _stored(*row)


def find_version(version_id: int) -> StoredReceipt | None:
    """Return the receipt holding version `version_id`, with that version's snapshot, or None."""
    query = (
        select(Receipt, ReceiptVersion)
        .join(ReceiptVersion, ReceiptVersion.receipt_id == Receipt.id)
        .where(ReceiptVersion.id == version_id)
    )
    row = db.session.execute(query).first()
    return None if row is None else _stored(*row)


def current_version_id(receipt_id: int) -> int:
    """Return the id of the receipt's current version."""
    query = _current(select(ReceiptVersion.id).select_from(Receipt)).where(Receipt.id == receipt_id)
    return int(db.session.execute(query).scalar_one())


def mark_revoked(receipt_id: int, now: datetime, reason: str) -> None:
    """Mark a receipt revoked."""
    receipt = db.session.get_one(Receipt, receipt_id)
    receipt.revoked_at = naive_utc(now)
    receipt.revoke_reason = reason
    marks.changed(receipt_id)


def receipts_of_day(agency_code: str | None, day: date, limit: int) -> list[StoredReceipt]:
    """Return the receipts of a local day with their current versions, newest first; None: every agency."""
    query = _current(select(Receipt, ReceiptVersion)).where(Receipt.day == day)
    if agency_code is not None:
        query = query.where(Receipt.agency_code == agency_code)
    rows = db.session.execute(query.order_by(Receipt.agency_code, Receipt.sequence.desc()).limit(limit))
    return [_stored(receipt, version) for receipt, version in rows]


def find_idempotent(key_hash: str) -> tuple[str, str] | None:
    """Return (request hash, receipt code) stored under an idempotency key, or None."""
    row = db.session.execute(
        select(IdempotencyKey.request_hash, Receipt.code)
        .join(Receipt, Receipt.id == IdempotencyKey.receipt_id)
        .where(IdempotencyKey.key_hash == key_hash)
    ).first()
    return None if row is None else (row[0], row[1])


def remember_idempotent(key_hash: str, request_hash: str, receipt_id: int, now: datetime) -> None:
    """Store an idempotency key for a receipt; raise DuplicateKey if another request stored it first."""
    db.session.add(
        IdempotencyKey(
            key_hash=key_hash, request_hash=request_hash, receipt_id=receipt_id, created_at=naive_utc(now)
        )
    )
    try:
        db.session.flush()
    except IntegrityError as error:
        raise DuplicateKey(key_hash) from error


def receipts_between(agency_code: str, first_day: date, last_day: date) -> list[StoredReceipt]:
    """Return an agency's receipts of local days `first_day`..`last_day`, current versions, as received."""
    query = _current(select(Receipt, ReceiptVersion)).where(
        Receipt.agency_code == agency_code, Receipt.day >= first_day, Receipt.day <= last_day
    )
    rows = db.session.execute(query.order_by(Receipt.day, Receipt.sequence))
    return [_stored(receipt, version) for receipt, version in rows]


def returned_times(agency_code: str, first_day: date, last_day: date) -> dict[int, datetime]:
    """Return when each of those receipts' results were first handed back (`returned`), by receipt id."""
    query = (
        select(DossierEvent.receipt_id, func.min(DossierEvent.at))
        .join(Receipt, Receipt.id == DossierEvent.receipt_id)
        .where(Receipt.agency_code == agency_code, Receipt.day >= first_day, Receipt.day <= last_day)
        .where(DossierEvent.kind == STATUS, DossierEvent.status == Status.RETURNED.value)
        .group_by(DossierEvent.receipt_id)
    )
    return {int(receipt_id): aware_local(at) for receipt_id, at in db.session.execute(query)}
