"""The app a PDF benchmark runs: its own SQLite file with the demo catalogue, and the example receipt.

The receipt is issued, signed and printed through the services, as the counter and GET /r/<token>.pdf
do; the functions that touch the services need an app context.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from flask import Flask

from receipts import create_app, runtime
from receipts.clock import now_local
from receipts.config import ROOT
from receipts.domain.commands import IssueCommand
from receipts.domain.dossiers import StoredReceipt
from receipts.domain.receipt import Applicant
from receipts.schemas import files
from receipts.services import catalogue, receipts, verification

DEMO = ROOT / "data" / "demo"
PUBLIC = "https://motcua.daklak.gov.vn"

EXAMPLE = IssueCommand(
    agency_code="000.00.04.H15",
    procedure_code="1.000028.000.00.00.H15",
    applicant=Applicant(
        name="Phan Quốc Hậu",
        organization="VNPT",
        address="06 Lê Duẩn, Phường Tân Tiến, Thành phố Buôn Ma Thuột, Tỉnh Đắk Lắk",
        phone="0946911303",
    ),
    received_at=datetime.fromisoformat("2020-11-25T16:19:50+07:00"),
    officer_name="Nguyễn Văn A",
)


def config(url: str, *, warm: bool) -> dict[str, Any]:
    """Return the configuration of a benchmark worker."""
    return {
        "DATABASE_URL": url,
        "SECRET_KEYS": "bench-key-0000",
        "WARM_RENDERER": warm,
        "RATELIMIT_ENABLED": False,
        "PUBLIC_URL": PUBLIC,
    }


def make_database(folder: Path) -> str:
    """Create a migrated SQLite file holding the demo agency and procedures; return its URL."""
    from receipts.extensions import db
    from receipts.store.database import upgrade_schema

    url = f"sqlite:///{folder / 'bench.sqlite3'}"
    app = create_app(config(url, warm=False))
    with app.app_context():
        upgrade_schema()
        catalogue.load_agencies(files.read_agencies(DEMO / "agencies.json"))
        catalogue.load_procedures(files.read_procedures(DEMO / "procedures.json"))
        db.engine.dispose()
    return url


def start_app(url: str, *, warm: bool) -> Flask:
    """Create the app as a worker does; when `warm`, warm its renderer as gunicorn would, and wait."""
    app = create_app(config(url, warm=warm))
    if warm:
        thread = runtime.start_warm(app)
        assert thread is not None, "a new app is not warmed yet"
        thread.join(60)
    return app


def issue() -> StoredReceipt:
    """Issue the example receipt now, as the API and the counter do (its QR's mask chosen and kept)."""
    stored = receipts.issue(EXAMPLE, now_local())
    verification.remember_qr(stored, PUBLIC, runtime.signer())
    return stored


def token_of(stored: StoredReceipt) -> str:
    """Return the QR token of a stored receipt version."""
    return verification.token_for(stored, runtime.signer())


def pdf_of(token: str) -> bytes:
    """Return the two-copy PDF a token names, as GET /r/<token>.pdf asks the service for it."""
    found = verification.receipt_pdf(token, PUBLIC, runtime.signer(), runtime.renderer())
    assert found is not None, "the benchmark's own token verifies"
    return found[1]


def issue_and_render() -> tuple[str, bytes]:
    """Issue the example receipt and ask for its PDF (a cache miss); return the token and PDF."""
    token = token_of(issue())
    return token, pdf_of(token)
