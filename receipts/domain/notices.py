"""The values printed on Mẫu 02–06, from a dossier and its records; the labels are in data/forms/."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from .dossiers import StoredReceipt
from .events import CONTROL_SHEET, Event
from .text import date_long, datetime_long, upper_vi

# An empty value prints as a dotted blank, for the officer to fill in by hand.
BLANK = "…………………………"
EARLY, ON_TIME, LATE = "Trước hạn", "Đúng hạn", "Quá hạn"


def _or_blank(value: str) -> str:
    return value or BLANK


def _common(stored: StoredReceipt, at: datetime) -> dict[str, Any]:
    snap = stored.snapshot
    applicant = snap.applicant
    return {
        "parent_name": snap.agency.parent_name,
        "unit_name": snap.agency.unit_name,
        "paper": snap.agency.paper,
        "place_date": f"{snap.agency.place}, {date_long(at)}",
        "code": stored.code,
        "applicant_name": upper_vi(applicant.name),
        "organization": applicant.organization,
        "address": _or_blank(applicant.address),
        "phone": _or_blank(applicant.phone),
        "email": _or_blank(applicant.email),
        "procedure_name": snap.procedure.name,
        "received_long": datetime_long(snap.received_at),
    }


def event_values(stored: StoredReceipt, event: Event) -> dict[str, Any]:
    """Return what Mẫu 02, 03, 04 or 05 prints for a record (its `form`)."""
    values = _common(stored, event.at)
    values.update(
        form=event.form,
        items=list(event.items),
        note=event.note,
        officer=_or_blank(event.officer),
        contact=event.officer or stored.snapshot.agency.unit_name,
    )
    if event.due_before is not None and event.due_after is not None:
        values.update(
            due_before_long=datetime_long(event.due_before), due_after_long=datetime_long(event.due_after)
        )
    return values


def _result(at: datetime, due: datetime) -> str:
    if at.date() < due.date():
        return EARLY
    return ON_TIME if at <= due else LATE


def control_sheet_values(stored: StoredReceipt, events: list[Event], printed_at: datetime) -> dict[str, Any]:
    """Return what Mẫu 06 prints: the reception, then each hand-over with its time and timeliness."""
    snap = stored.snapshot
    values = _common(stored, printed_at)
    due = stored.due_at
    rows = [
        {
            "giver": upper_vi(snap.applicant.name),
            "taker": snap.agency.unit_name,
            "time": datetime_long(snap.received_at),
            "result": "",
            "note": "",
            "reception": True,
        }
    ]
    rows += [
        {
            "giver": e.handover_from,
            "taker": e.handover_to,
            "time": datetime_long(e.at),
            "result": _result(e.at, due),
            "note": e.note,
            "reception": False,
        }
        for e in events
        if e.is_handover
    ]
    values.update(form=CONTROL_SHEET, rows=rows, due_long=datetime_long(due))
    return values
