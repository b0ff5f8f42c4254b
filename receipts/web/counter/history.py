"""A dossier's history as the counter's page shows it: versions, status changes, links to its forms
and fees, the audit log."""

from __future__ import annotations

from typing import Any

from ...services.search import DossierFile
from .audit_log import entry_view


def history_view(file: DossierFile) -> dict[str, Any]:
    """Return the plain values of a dossier's versions, events and audit entries."""
    return {
        "code": file.receipt.code,
        "day": file.receipt.snapshot.received_at.date().isoformat(),
        "versions": [
            {
                "version": v.snapshot.version,
                "at": f"{v.created_at:%d/%m/%Y %H:%M}",
                "name": v.snapshot.applicant.name,
                "due": v.snapshot.due_text,
                "current": v.snapshot.version == file.receipt.current_version,
            }
            for v in file.versions
        ],
        "events": [
            {"status": e.status.text, "note": e.note, "at": f"{e.at:%d/%m/%Y %H:%M}"} for e in file.events
        ],
        "audit": [entry_view(entry) for entry in file.audit],
    }
