"""The PDFs of the forms printed from a dossier's records (Mẫu 02–05) and of its control sheet (Mẫu 06)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from .. import links
from ..domain.notices import control_sheet_values, event_values
from ..render.notices import labels, notice_html
from ..store import events as store
from .receipts import find

if TYPE_CHECKING:
    from ..render.pdf import PdfRenderer
    from ..signing.tokens import TokenSigner


def form_title(form: str) -> str:
    """Return a form's title as its data file words it ('PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ')."""
    return str(labels(form)["title"])


def form_token(event_id: int, signer: TokenSigner) -> str:
    """Return the signed token that names a record's form."""
    return signer.sign(event_id)


def form_pdf(
    token: str, public_base: str, signer: TokenSigner, renderer: PdfRenderer
) -> tuple[str, bytes] | None:
    """Return a file name and the PDF of the form a token names; None for a forged or unknown token.

    A record never changes, so its PDF is cached under its id.
    """
    event_id = signer.verify(token)
    found = store.find_event(event_id) if event_id else None
    if found is None or found[0].form is None:
        return None
    event, stored = found
    url = links.lookup_url(public_base, stored.code)
    values = event_values(stored, event)
    pdf = renderer.cached(("form", event.id, url), lambda: (notice_html(values, url), None))
    return f"{stored.code}-mau-{event.form}", pdf


def control_sheet_pdf(
    code: str, public_base: str, renderer: PdfRenderer, now: datetime, *, agency: str | None = None
) -> tuple[str, bytes]:
    """Return a file name and the PDF of a dossier's control sheet (Mẫu 06) as its records stand now."""
    stored = find(code, agency=agency)
    events = store.events_of(stored.id)
    url = links.lookup_url(public_base, stored.code)
    last = events[-1].id if events else 0
    key = ("06", stored.id, last, stored.due_at, now.date(), url)
    values = control_sheet_values(stored, events, now)
    return f"{stored.code}-mau-06", renderer.cached(key, lambda: (notice_html(values, url), None))
