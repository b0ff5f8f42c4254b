"""Issue a receipt (its code taken in the same transaction), correct it, revoke it, find it."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime

from .. import calendars
from ..domain.appointments import Appointment
from ..domain.audit import SYSTEM, Actor, changes
from ..domain.catalogue import Agency, Procedure
from ..domain.codes import format_dossier_code, parse_dossier_code
from ..domain.commands import Correction, IssueCommand, corrected
from ..domain.dossiers import StoredReceipt
from ..domain.due_dates import compute_due, parse_sessions
from ..domain.errors import (
    Conflict,
    Forbidden,
    IdempotencyConflict,
    InvalidInput,
    NotFound,
    UnknownAgency,
    UnknownProcedure,
)
from ..domain.localtime import in_code_range, local
from ..domain.receipt import MAX_DOCUMENTS, AgencyBlock, ProcedureInfo, ReceiptSnapshot, book_entry
from ..metrics import count_issued
from ..store import catalogue as catalogue_store
from ..store import receipts as store
from ..store.database import write_transaction
from . import audit


@dataclass(frozen=True)
class Idempotency:
    """A client's promise that requests under one key are one request: hashes of key and body."""

    key_hash: str
    request_hash: str


def issue(cmd: IssueCommand, now: datetime, *, actor: Actor = SYSTEM) -> StoredReceipt:
    """Issue a receipt: allocate its code and store version 1, in one transaction."""
    return issue_once(cmd, now, None, actor=actor)[0]


def issue_once(
    cmd: IssueCommand,
    now: datetime,
    idempotency: Idempotency | None,
    *,
    agency: str | None = None,
    actor: Actor = SYSTEM,
) -> tuple[StoredReceipt, bool]:
    """Issue a receipt unless a request under the same idempotency key did; say if it is a replay."""
    # An agency's API key passes its agency: issuing for another one is refused outright.
    if agency is not None and cmd.agency_code.upper() != agency:
        raise Forbidden(
            "Khóa API này chỉ được tiếp nhận hồ sơ của cơ quan " + agency + ".",
            {"agency_code": "Không thuộc cơ quan của khóa API."},
        )
    received = local(cmd.received_at or now)
    if not in_code_range(received):
        raise InvalidInput(
            "Thời gian nhận hồ sơ nằm ngoài khoảng cho phép.", {"received_at": "Ngoài khoảng."}
        )
    day = received.date()
    try:
        with write_transaction():
            replayed = _replay(idempotency)
            if replayed is not None:
                return replayed, True
            # Build (and so validate) everything before taking a number: a refused request uses none up.
            draft = _snapshot(cmd, "", 1, 0, received)
            sequence = store.next_sequence(draft.agency.code, day)
            code = format_dossier_code(draft.agency.code, day, sequence)
            snapshot = dataclasses.replace(draft, code=code, number=sequence)
            stored = store.insert_receipt(snapshot, day, sequence, now)
            audit.record_dossier("issue", actor, now, stored)
            if idempotency is not None:
                store.remember_idempotent(idempotency.key_hash, idempotency.request_hash, stored.id, now)
    except store.DuplicateKey:
        # A concurrent request with the same key won; ours rolled back, number included.
        with write_transaction():
            replayed = _replay(idempotency)
        assert replayed is not None, "a duplicate key names a stored receipt"
        return replayed, True
    count_issued("issue")
    return stored, False


def _replay(idempotency: Idempotency | None) -> StoredReceipt | None:
    if idempotency is None:
        return None
    found = store.find_idempotent(idempotency.key_hash)
    if found is None:
        return None
    request_hash, code = found
    if request_hash != idempotency.request_hash:
        raise IdempotencyConflict(
            "Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác.", {"Idempotency-Key": "Đã dùng."}
        )
    return _existing(code)


def preview(
    agency_code: str, procedure_code: str, received_at: datetime | None, now: datetime
) -> Appointment:
    """Return the appointment and fee a receipt would print, computed as issuing does; store nothing."""
    received = local(received_at or now)
    if not in_code_range(received):
        raise InvalidInput(
            "Thời gian nhận hồ sơ nằm ngoài khoảng cho phép.", {"received_at": "Ngoài khoảng."}
        )
    agency, procedure = _catalogued(agency_code, procedure_code)
    return Appointment(received, _due(agency, procedure, received), procedure.fee)


def _catalogued(agency_code: str, procedure_code: str) -> tuple[Agency, Procedure]:
    agency = catalogue_store.get_agency(agency_code)
    if agency is None:
        raise UnknownAgency("Không có cơ quan với mã này.", {"agency_code": "Mã cơ quan không tồn tại."})
    procedure = catalogue_store.get_procedure(procedure_code)
    if procedure is None:
        raise UnknownProcedure(
            "Không có thủ tục hành chính với mã này.", {"procedure_code": "Mã thủ tục không tồn tại."}
        )
    return agency, procedure


def _due(agency: Agency, procedure: Procedure, received: datetime) -> datetime:
    """The appointment: the one computation that issuing, reissuing and the preview share."""
    calendar = calendars.calendar_with(tuple(catalogue_store.decisions()))
    sessions = parse_sessions(agency.office_hours)
    return compute_due(received, procedure.duration, procedure.duration_unit, calendar, sessions)


def _snapshot(cmd: IssueCommand, code: str, version: int, number: int, received: datetime) -> ReceiptSnapshot:
    agency, procedure = _catalogued(cmd.agency_code, cmd.procedure_code)
    documents = procedure.documents if cmd.documents is None else tuple(cmd.documents)
    if len(documents) > MAX_DOCUMENTS:
        # Only a procedure loaded before the cap can list more; its receipt would not print.
        raise InvalidInput(
            f"Giấy tiếp nhận ghi tối đa {MAX_DOCUMENTS} giấy tờ.", {"documents": "Quá nhiều mục."}
        )
    due = _due(agency, procedure, received)
    book, entry = book_entry(received, number)
    return ReceiptSnapshot(
        code=code,
        version=version,
        agency=AgencyBlock(
            agency.code, agency.parent_name, agency.unit_name, agency.place, agency.paper, agency.due_style
        ),
        procedure=ProcedureInfo(
            code=procedure.code,
            name=procedure.name,
            duration=procedure.duration,
            duration_unit=procedure.duration_unit,
            field=procedure.field,
            level=procedure.level,
            agency_name=procedure.agency_name,
            fee=procedure.fee,
        ),
        applicant=cmd.applicant,
        documents=documents,
        received_at=received,
        due_at=due,
        sets=cmd.sets,
        delivery=cmd.delivery,
        officer_name=cmd.officer_name,
        book=book,
        number=entry,
        note=cmd.note,
    )


def reissue(
    code: str, correction: Correction, now: datetime, *, agency: str | None = None, actor: Actor = SYSTEM
) -> StoredReceipt:
    """Store a corrected version of a receipt; the previous QR then shows 'superseded'."""
    with write_transaction():
        current = _existing(code, for_update=True, agency=agency)
        if current.revoked:
            raise Conflict("Giấy tiếp nhận đã bị thu hồi, không thể điều chỉnh.")
        old = current.snapshot
        cmd = corrected(old, correction)
        received = local(cmd.received_at or old.received_at)
        snapshot = _snapshot(cmd, old.code, current.current_version + 1, old.number, received)
        audit.record_dossier("reissue", actor, now, current, changes(old, snapshot))
        stored = store.add_version(current.id, snapshot, now)
    count_issued("reissue")
    return stored


def revoke(
    code: str, reason: str, now: datetime, *, agency: str | None = None, actor: Actor = SYSTEM
) -> StoredReceipt:
    """Revoke a receipt (again is a no-op); its QR then shows 'revoked'."""
    with write_transaction():
        current = _existing(code, for_update=True, agency=agency)
        if not current.revoked:
            store.mark_revoked(current.id, now, reason)
            audit.record_dossier("revoke", actor, now, current, {"reason": reason})
    return _existing(code)


NO_SUCH_DOSSIER = "Không tìm thấy hồ sơ với mã này."


def find(code: str, *, for_update: bool = False, agency: str | None = None) -> StoredReceipt:
    """Return a receipt by its dossier code (however typed), or raise NotFound (another `agency`'s too)."""
    return _existing(code, for_update=for_update, agency=agency)


def _existing(code: str, *, for_update: bool = False, agency: str | None = None) -> StoredReceipt:
    parsed = parse_dossier_code(code)
    stored = store.find_receipt(str(parsed), for_update=for_update) if parsed else None
    if stored is None or (agency is not None and stored.agency_code != agency):
        raise NotFound(NO_SUCH_DOSSIER)
    return stored


def of_day(agency_code: str | None, day: date, limit: int = 50) -> list[StoredReceipt]:
    """Return a local day's receipts of an agency (None: every agency), newest first."""
    return store.receipts_of_day(agency_code, day, limit)
