"""The use cases: issue, reissue, revoke, verify, look up; plain values in, domain objects out."""

from __future__ import annotations

import dataclasses
import hmac
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app

from . import calendars
from .config import TIMEZONE
from .domain.calendar import WorkingCalendar
from .domain.codes import format_dossier_code, parse_dossier_code
from .domain.due_dates import compute_due, parse_sessions
from .domain.errors import (
    Conflict,
    IdempotencyConflict,
    InvalidInput,
    NotFound,
    NothingToChange,
    UnknownAgency,
    UnknownProcedure,
)
from .domain.receipt import AgencyBlock, Applicant, DocumentItem, ProcedureInfo, ReceiptSnapshot
from .domain.statuses import Status, check_transition
from .domain.text import clean_line, fold, mask_name
from .render.forms import receipt_pdf_sources
from .store import queries
from .store.database import write_transaction
from .store.queries import StoredReceipt

LOCAL = ZoneInfo(TIMEZONE)
STAMPS = {"revoked": "ĐÃ THU HỒI", "superseded": "ĐÃ ĐƯỢC THAY THẾ"}
FINISHED = {Status.RESULT_READY, Status.RETURNED, Status.REJECTED, Status.WITHDRAWN}


@dataclass(frozen=True)
class IssueCommand:
    """What an officer or the back office asks to print."""

    agency_code: str
    procedure_code: str
    applicant: Applicant
    documents: tuple[DocumentItem, ...] | None = None
    sets: int = 1
    received_at: datetime | None = None
    delivery: str = "counter"
    officer_name: str = ""
    note: str = ""


@dataclass(frozen=True)
class Verification:
    """What a QR token proves: the receipt version it names and the verdict."""

    receipt: StoredReceipt
    verdict: str
    current_token: str


def now_local() -> datetime:
    """Return the current time in Vietnam, to the second."""
    return datetime.now(UTC).astimezone(LOCAL).replace(microsecond=0)


def _calendar() -> WorkingCalendar:
    return calendars.calendar_with(tuple(queries.decisions()))


def _snapshot(cmd: IssueCommand, code: str, version: int, number: int, received: datetime) -> ReceiptSnapshot:
    agency = queries.get_agency(cmd.agency_code)
    if agency is None:
        raise UnknownAgency("Không có cơ quan với mã này.", {"agency_code": "Mã cơ quan không tồn tại."})
    procedure = queries.get_procedure(cmd.procedure_code)
    if procedure is None:
        raise UnknownProcedure(
            "Không có thủ tục hành chính với mã này.", {"procedure_code": "Mã thủ tục không tồn tại."}
        )
    due = compute_due(
        received,
        procedure["duration"],
        procedure["duration_unit"],
        _calendar(),
        parse_sessions(agency["office_hours"]),
    )
    documents = cmd.documents
    if documents is None:
        documents = tuple(DocumentItem(**_document_fields(d)) for d in procedure["documents"])
    return ReceiptSnapshot(
        code=code,
        version=version,
        agency=AgencyBlock(
            code=agency["code"],
            parent_name=agency["parent_name"],
            unit_name=agency["unit_name"],
            place=agency["place"],
            paper=agency["paper"] or "A4",
        ),
        procedure=ProcedureInfo(
            code=procedure["code"],
            name=procedure["name"],
            duration=procedure["duration"],
            duration_unit=procedure["duration_unit"],
            field=procedure["field"],
            level=procedure["level"],
            agency_name=procedure["agency_name"],
            fee=procedure["fee"],
        ),
        applicant=cmd.applicant,
        documents=tuple(documents),
        received_at=received,
        due_at=due,
        sets=cmd.sets,
        delivery=cmd.delivery,
        officer_name=cmd.officer_name,
        book=f"{received.year}",
        number=number,
        note=cmd.note,
    )


def _document_fields(data: dict[str, Any]) -> dict[str, Any]:
    return {"name": data["name"], "copies": int(data.get("copies", 1)), "form": data.get("form", "")}


@dataclass(frozen=True)
class Idempotency:
    """A client's promise that requests under one key are one request: hashes of key and body."""

    key_hash: str
    request_hash: str


def issue(cmd: IssueCommand) -> StoredReceipt:
    """Issue a receipt: allocate its code and store version 1, in one transaction."""
    return issue_once(cmd, None)[0]


def issue_once(cmd: IssueCommand, idempotency: Idempotency | None) -> tuple[StoredReceipt, bool]:
    """Issue a receipt unless a request under the same idempotency key did; say if it is a replay."""
    received = (cmd.received_at or now_local()).astimezone(LOCAL)
    if not 2000 <= received.year <= 2099:
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
            agency_code = draft.agency.code
            sequence = queries.next_sequence(agency_code, day)
            code = format_dossier_code(agency_code, day, sequence)
            snapshot = dataclasses.replace(draft, code=code, number=sequence)
            stored = queries.insert_receipt(snapshot, day, sequence, now_local())
            if idempotency is not None:
                queries.remember_idempotent(
                    idempotency.key_hash, idempotency.request_hash, stored.id, now_local()
                )
    except queries.DuplicateKey:
        # A concurrent request with the same key won; ours rolled back, number included.
        with write_transaction():
            return _replay(idempotency), True
    return stored, False


def _replay(idempotency: Idempotency | None) -> StoredReceipt | None:
    if idempotency is None:
        return None
    found = queries.find_idempotent(idempotency.key_hash)
    if found is None:
        return None
    request_hash, code = found
    if request_hash != idempotency.request_hash:
        raise IdempotencyConflict(
            "Khóa Idempotency-Key này đã được dùng cho một yêu cầu khác.", {"Idempotency-Key": "Đã dùng."}
        )
    return _existing(code)


def reissue(code: str, changes: dict[str, Any]) -> StoredReceipt:
    """Store a corrected version of a receipt; the previous QR then shows 'superseded'.

    `changes` holds only what changes; an applicant given as a dict changes only its keys.
    """
    with write_transaction():
        current = _existing(code, for_update=True)
        if current.revoked:
            raise Conflict("Giấy tiếp nhận đã bị thu hồi, không thể điều chỉnh.")
        old = current.snapshot
        before = {
            "procedure_code": old.procedure.code,
            "applicant": old.applicant,
            "documents": old.documents,
            "sets": old.sets,
            "delivery": old.delivery,
            "officer_name": old.officer_name,
            "note": old.note,
            "received_at": old.received_at,
        }
        after = {key: value if changes.get(key) is None else changes[key] for key, value in before.items()}
        if isinstance(after["applicant"], dict):
            after["applicant"] = dataclasses.replace(old.applicant, **after["applicant"])
        after["documents"] = tuple(after["documents"])
        after["received_at"] = after["received_at"].astimezone(LOCAL)
        if after == before:
            raise NothingToChange("Không có nội dung nào thay đổi so với giấy tiếp nhận hiện hành.")
        cmd = IssueCommand(agency_code=old.agency.code, **after)
        snapshot = _snapshot(cmd, old.code, current.current_version + 1, old.number, after["received_at"])
        stored = queries.add_version(current.id, snapshot, now_local())
    return stored


def revoke(code: str, reason: str = "") -> StoredReceipt:
    """Revoke a receipt; its QR then shows 'revoked'."""
    with write_transaction():
        current = _existing(code, for_update=True)
        if not current.revoked:
            queries.mark_revoked(current.id, now_local(), reason)
    return _existing(code)


def find(code: str) -> StoredReceipt:
    """Return a receipt by its dossier code, or raise NotFound."""
    return _existing(code)


def _existing(code: str, *, for_update: bool = False) -> StoredReceipt:
    parsed = parse_dossier_code(code)
    stored = queries.find_receipt(str(parsed), for_update=for_update) if parsed else None
    if stored is None:
        raise NotFound("Không tìm thấy hồ sơ với mã này.")
    return stored


def record_event(code: str, status: Status, note: str = "", at: datetime | None = None) -> StoredReceipt:
    """Move a dossier to a new status, if its life cycle allows it."""
    with write_transaction():
        current = _existing(code, for_update=True)
        if current.revoked:
            raise Conflict(
                "Giấy tiếp nhận đã bị thu hồi: hồ sơ không còn được xử lý.", {"status": status.value}
            )
        check_transition(Status(current.status), status)
        queries.record_status(current.id, status.value, note, (at or now_local()).astimezone(LOCAL))
    return _existing(code)


def token_for(stored: StoredReceipt) -> str:
    """Return the QR token of the stored receipt version."""
    return current_app.extensions["receipts.signer"].sign(stored.version_id)


def verify(token: str) -> Verification | None:
    """Check a QR token; None when it is forged, altered or names nothing."""
    version_id = current_app.extensions["receipts.signer"].verify(token)
    stored = queries.find_version(version_id) if version_id else None
    if stored is None:
        return None
    if stored.revoked:
        verdict = "revoked"
    elif stored.snapshot.version < stored.current_version:
        verdict = "superseded"
    else:
        verdict = "valid"
    current_token = token
    if verdict == "superseded":
        current_token = current_app.extensions["receipts.signer"].sign(queries.current_version_id(stored.id))
    return Verification(stored, verdict, current_token)


def receipt_pdf(token: str, public_base: str) -> tuple[str, bytes] | None:
    """Return the code and two-copy PDF of the version a token names, from cache when possible."""
    verification = verify(token)
    if verification is None:
        return None
    stored = verification.receipt
    verify_url = f"{public_base}/r/{token}"
    # A revoked or replaced version still prints, stamped, so that no one mistakes it for valid.
    stamp = STAMPS.get(verification.verdict, "")
    renderer = current_app.extensions["receipts.pdf"]
    pdf = renderer.cached(
        (stored.version_id, verify_url, stamp),
        lambda: receipt_pdf_sources(stored.snapshot, verify_url, stamp),
    )
    return stored.code, pdf


def status_view(stored: StoredReceipt, now: datetime | None = None) -> dict[str, Any]:
    """Return the redacted status object: no full name, address, phone or email."""
    snap = stored.snapshot
    status = Status(stored.status)
    moment = now or now_local()
    return {
        "code": stored.code,
        "status": status.value,
        "status_text": status.text,
        "dvc_status": status.dvc,
        "received_at": snap.received_at.isoformat(),
        "due_at": snap.due_at.isoformat(),
        "due_text": snap.due_text,
        "overdue": status not in FINISHED and moment > snap.due_at,
        "procedure_name": snap.procedure.name,
        "applicant": mask_name(snap.applicant.name),
        "revoked": stored.revoked,
    }


def search_procedures(
    q: str, level: str | None, field: str | None, page: int, per_page: int = 20
) -> dict[str, Any]:
    """Return one page of procedures whose name matches `q`, with or without diacritics."""
    words = fold(q).split()
    field = clean_line(field) if field else None
    total, items = queries.search_procedures(words, level, field, (page - 1) * per_page, per_page)
    return {"total": total, "page": page, "items": [_public_procedure(p) for p in items]}


def _public_procedure(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if k not in {"name_folded", "is_demo"}}


def unlock(code: str, last_digits: str) -> str | None:
    """Return the current version's QR token if `last_digits` are the last 4 of the applicant's phone."""
    stored = _existing(code)
    phone = "".join(ch for ch in stored.snapshot.applicant.phone if ch.isdigit())
    given = "".join(ch for ch in last_digits if ch.isdigit())
    if len(phone) < 4 or len(given) != 4 or not hmac.compare_digest(phone[-4:], given):
        return None
    return current_app.extensions["receipts.signer"].sign(stored.version_id)


def procedure(code: str) -> dict[str, Any]:
    """Return one procedure's public details, or raise NotFound."""
    found = queries.get_procedure(code.strip().upper()) if len(code) <= 60 else None
    if found is None:
        raise NotFound("Không tìm thấy thủ tục hành chính này.")
    return _public_procedure(found)


def status_message(code: str, public_base: str) -> str:
    """Return the bot's answer about a dossier: status, appointment and the lookup link."""
    try:
        stored = _existing(code)
    except NotFound:
        return f"Không tìm thấy hồ sơ có mã {code[:60]}. Vui lòng kiểm tra lại mã trên giấy tiếp nhận."
    view = status_view(stored)
    lines = [
        f"Hồ sơ {view['code']}",
        f"Trạng thái: {view['status_text']}" + (" (quá hạn)" if view["overdue"] else ""),
    ]
    lines.append(f"Hẹn trả kết quả: {view['due_text']}")
    if stored.revoked:
        lines.append("Giấy tiếp nhận này đã bị thu hồi.")
    lines.append(f"Xem chi tiết: {public_base}/tra-cuu/{view['code']}")
    return "\n".join(lines)


def receipts_today(agency_code: str | None, limit: int = 50) -> list[StoredReceipt]:
    """Return today's receipts of an agency (None: every agency), newest first."""
    return queries.receipts_of_day(agency_code, now_local().date(), limit)
