"""The counter's search for any dossier, and one dossier with its whole history."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from ..domain.audit import Actor, AuditEntry
from ..domain.dossiers import StoredReceipt
from ..domain.errors import NotFound
from ..domain.history import PrintedVersion, StatusEvent
from ..domain.officers import Officer
from ..domain.search import DossierQuery, Found
from ..store import search as store
from . import audit
from .receipts import find


@dataclass(frozen=True)
class DossierFile:
    """A dossier as the counter opens it: its receipt, every version, every event, every audit entry."""

    receipt: StoredReceipt
    versions: list[PrintedVersion]
    events: list[StatusEvent]
    audit: list[AuditEntry]


def find_dossiers(query: DossierQuery, viewer: Officer | None = None) -> Found:
    """Return one page of the dossiers matching a search, newest first (a viewer's: their agency's only)."""
    return store.search(query if viewer is None else replace(query, agency=viewer.scope))


def print_receipt(code: str, viewer: Officer, actor: Actor, now: datetime) -> StoredReceipt:
    """Log a print (or reprint) of a receipt the viewer may see, and return it; raise NotFound otherwise."""
    stored = _visible(code, viewer)
    audit.record_alone("print", actor, now, agency_code=stored.agency_code, dossier_code=stored.code)
    return stored


def _visible(code: str, viewer: Officer) -> StoredReceipt:
    stored = find(code)
    if not viewer.may_act_on(stored.agency_code):
        raise NotFound("Không tìm thấy hồ sơ với mã này.")
    return stored


def open_dossier(code: str, viewer: Officer) -> DossierFile:
    """Return a dossier the viewer may see, with its history; raise NotFound otherwise."""
    stored = _visible(code, viewer)
    return DossierFile(
        stored, store.versions(stored.id), store.events(stored.id), audit.of_dossier(stored.code)
    )
