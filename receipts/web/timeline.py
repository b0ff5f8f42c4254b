"""What a dossier's timeline shows its applicant: each status with its time, the note meant for them,
and the form that goes with it (missing papers, reasons, the new appointment) with its PDF's link."""

from __future__ import annotations

from typing import Any

from .. import links, runtime
from ..domain.dossiers import StoredReceipt
from ..domain.due_dates import due_text
from ..domain.events import EXTENSION, Event
from ..domain.statuses import Status
from ..domain.text import datetime_long
from ..services import dossiers, notices

# What a form's list holds, as the timeline introduces it.
ITEMS_LABEL = {"02": "Giấy tờ cần bổ sung, hoàn thiện", "03": "Lý do từ chối", "05": "Lý do dừng giải quyết"}
EXTENDED = "Gia hạn thời gian giải quyết"


def timeline_view(stored: StoredReceipt, base: str) -> dict[str, Any]:
    """Return the applicant's timeline of a dossier, both appointments when it was extended."""
    entries = [{"title": Status.RECEIVED.text, "at": datetime_long(stored.snapshot.received_at)}]
    entries += [_entry(e, base) for e in dossiers.timeline(stored) if e.for_applicant]
    return {
        "entries": entries,
        "extended": stored.extended_due_at is not None,
        "original_due": stored.snapshot.due_text,
        "due": stored.due_text,
    }


def _entry(event: Event, base: str) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "title": EXTENDED if event.kind == EXTENSION else event.status.text,
        "at": datetime_long(event.at),
        "note": event.note,
        "listed": list(event.items),
        "items_label": ITEMS_LABEL.get(event.form or "", ""),
        "new_due": due_text(event.due_after) if event.due_after else "",
    }
    if event.form is not None:
        token = notices.form_token(event.id, runtime.form_signer())
        entry.update(form_url=links.form_pdf_url(base, token), form_title=notices.form_title(event.form))
    return entry
