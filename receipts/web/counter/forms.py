"""The counter's forms read into the API's own schemas, and receipts read back into form values.

Plain functions of plain mappings, so that they are tested without a request.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from ...domain.catalogue import Procedure
from ...domain.commands import APPLICANT_FIELDS, Correction, IssueCommand
from ...domain.errors import InvalidInput
from ...domain.receipt import DocumentItem, ReceiptSnapshot
from ...domain.text import has_control_chars
from ...schemas.requests import IssueIn
from ...schemas.validation import parse

BAD_MOMENT = "Nhập theo dạng ngày/tháng/năm giờ:phút, ví dụ 25/11/2020 16:19."
BLANK_ROWS = 2
MAX_ROWS = 120
_COUNT = re.compile(r"[0-9]{1,6}")
# How an officer types a moment: '25/11/2020 16:19' (or 16h19); one text field, one Tab stop.
_TYPED_MOMENT = re.compile(r"\s*(\d{1,2})/(\d{1,2})/(\d{4})[\s,]+(\d{1,2})[:hg](\d{2})\s*")

Row = dict[str, Any]


def row(doc: DocumentItem | Mapping[str, Any] | None, *, listed: bool, checked: bool) -> Row:
    """Return one document row of the form."""
    data: Mapping[str, Any] = asdict(doc) if isinstance(doc, DocumentItem) else (doc or {})
    return {
        "name": data.get("name", ""),
        "copies": data.get("copies", 1),
        "form": data.get("form", ""),
        "listed": listed,
        "checked": checked,
    }


def blank_rows() -> list[Row]:
    """Return the empty rows where an officer types papers the procedure does not list."""
    return [row(None, listed=False, checked=False) for _ in range(BLANK_ROWS)]


def procedure_rows(procedure: Procedure) -> list[Row]:
    """Return a procedure's documents, ticked, then the blank rows."""
    return [row(d, listed=True, checked=True) for d in procedure.documents] + blank_rows()


def reissue_rows(snap: ReceiptSnapshot, procedure: Procedure | None) -> list[Row]:
    """The documents of the receipt, ticked, then the procedure's other documents, unticked."""
    rows = [row(d, listed=True, checked=True) for d in snap.documents]
    given = {d.name for d in snap.documents}
    others = procedure.documents if procedure is not None else ()
    rows += [row(d, listed=True, checked=False) for d in others if d.name not in given]
    return rows + blank_rows()


def posted_rows(form: Mapping[str, str]) -> list[Row]:
    """Read the document rows back: a listed row counts when ticked, a typed row when it has a name."""
    rows = []
    for i in range(MAX_ROWS):
        name = form.get(f"documents.{i}.name")
        if name is None:
            break
        listed = form.get(f"documents.{i}.listed") == "1"
        data = {
            "name": name,
            "copies": form.get(f"documents.{i}.copies", ""),
            "form": form.get(f"documents.{i}.form", ""),
        }
        checked = f"documents.{i}.on" in form if listed else bool(name.strip())
        rows.append(row(data, listed=listed, checked=checked))
    return rows


def _count(value: str) -> int | str:
    """Return digits as an int; anything else is left for the schema to refuse with its message."""
    value = value.strip()
    return int(value) if _COUNT.fullmatch(value) else value


def read_issue_form(
    form: Mapping[str, str], agency_code: str
) -> tuple[IssueIn | None, dict[str, str], list[Row]]:
    """Check the form with the API's own schema; return the body or the errors keyed by form field."""
    rows = posted_rows(form)
    picked = [i for i, r in enumerate(rows) if r["checked"]]
    data: dict[str, Any] = {
        "agency_code": agency_code,
        "procedure_code": form.get("procedure_code", ""),
        "applicant": {name: form.get(f"applicant.{name}", "") for name in APPLICANT_FIELDS},
        "documents": [
            {"name": rows[i]["name"], "copies": _count(str(rows[i]["copies"])), "form": rows[i]["form"]}
            for i in picked
        ],
        "sets": _count(form.get("sets", "")),
        "delivery": form.get("delivery", ""),
        "officer_name": form.get("officer_name", ""),
        "note": form.get("note", ""),
    }
    if form.get("received_at", "").strip():
        data["received_at"] = iso_moment(form["received_at"])
    errors: dict[str, str] = {}
    body = None
    try:
        body = parse(IssueIn, data)
    except InvalidInput as error:
        for key, message in error.fields.items():
            parts = key.split(".")
            # The schema counts ticked documents; the form counts rows.
            if parts[0] == "documents" and len(parts) > 1 and parts[1].isdigit():
                parts[1] = str(picked[int(parts[1])])
            errors.setdefault(".".join(parts), message)
    if "received_at" in errors and not _is_moment(data.get("received_at", "")):
        errors["received_at"] = BAD_MOMENT  # the schema's message speaks of ISO 8601, which no officer types
    if not picked:
        errors.setdefault("documents", "Đánh dấu ít nhất một giấy tờ đã nhận.")
    return (None if errors else body), errors, rows


def iso_moment(value: str) -> str:
    """Return 'dd/mm/yyyy hh:mm' as ISO 8601; anything else trimmed, for the schema to judge."""
    match = _TYPED_MOMENT.fullmatch(value)
    if match is None:
        return value.strip()
    day, month, year, hour, minute = match.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}T{int(hour):02d}:{minute}"


def _is_moment(value: str) -> bool:
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def as_correction(cmd: IssueCommand) -> Correction:
    """Return the correction that makes a receipt read as the whole form does."""
    return Correction(
        procedure_code=cmd.procedure_code,
        applicant=asdict(cmd.applicant),
        documents=cmd.documents or (),
        sets=cmd.sets,
        delivery=cmd.delivery,
        officer_name=cmd.officer_name,
        note=cmd.note,
    )


def snapshot_values(snap: ReceiptSnapshot) -> dict[str, Any]:
    """Return the form's values of a printed receipt, for its correction."""
    values: dict[str, Any] = {f"applicant.{name}": getattr(snap.applicant, name) for name in APPLICANT_FIELDS}
    return values | {
        "sets": snap.sets,
        "delivery": snap.delivery,
        "officer_name": snap.officer_name,
        "note": snap.note,
    }


def safe_next(value: str, home: str) -> str:
    """Return `value` if it is a path below `home` on this host, else `home`."""
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in value) or has_control_chars(value) or "\\" in value:
        return home  # CR LF would split the Location header; no path needs a control character
    try:
        parts = urlsplit(value)
    except ValueError:  # an unclosed IPv6 bracket, as in '//[x'
        return home
    local = not parts.scheme and not parts.netloc
    return value if local and value.startswith(home) else home
