"""Per-process helpers handed to the services: the token signer, the PDF renderer, the Zalo client."""

from __future__ import annotations

import logging
import os
import threading
from datetime import datetime
from typing import Any

from flask import Flask, current_app
from markupsafe import Markup

from . import calendars, metrics
from .clock import now_local
from .config import ROOT
from .domain.dossiers import History
from .domain.localtime import LOCAL
from .domain.receipt import AgencyBlock, Applicant, DocumentItem, ProcedureInfo, ReceiptSnapshot
from .lru import LruCache
from .render import forms as render_forms
from .render.forms import receipt_pdf_sources, templates_fingerprint
from .render.pdf import PdfRenderer, harfbuzz_subset_available
from .signing.tokens import FORM_SALT, TokenSigner
from .store.live import KeptStates
from .zalo.client import ZaloClient

log = logging.getLogger(__name__)
WARM_THREAD = "receipts-warm"
_SIGNER, _RENDERER, _WARMED = "receipts.signer", "receipts.pdf", "receipts.warmed_in"
_FORM_SIGNER = "receipts.form_signer"
_SNAPSHOTS, _FORMS, _RELEASE = "receipts.snapshots", "receipts.forms", "receipts.release"
_PAGES, _HISTORIES, _LIVE = "receipts.pages", "receipts.histories", "receipts.live"


def init_app(app: Flask) -> None:
    """Attach the signer and the renderer to the app; warm each worker lazily, after any fork."""
    render_forms.init_app(app)
    app.extensions[_SIGNER] = TokenSigner(app.config["SECRET_KEY_LIST"])
    app.extensions[_FORM_SIGNER] = TokenSigner(app.config["SECRET_KEY_LIST"], salt=FORM_SALT)
    css = (ROOT / "templates" / "receipt" / "pdf.css").read_text(encoding="utf-8")
    app.extensions[_RENDERER] = PdfRenderer(css, ROOT / "fonts", app.config["PDF_CACHE_SIZE"])
    # What never changes once printed, kept per process: versions' snapshots and their forms' HTML.
    size = app.config["PAGE_CACHE_SIZE"]
    app.extensions[_SNAPSHOTS] = LruCache[ReceiptSnapshot]("snapshot", size, metrics.observe_cache)
    app.extensions[_FORMS] = LruCache[tuple[dict[str, Any], Markup]]("form_html", size, metrics.observe_cache)
    # Whole receipt pages, kept under all they show (their live part included): ~13 KB each.
    app.extensions[_PAGES] = LruCache[tuple[bytes, str]]("page", size, metrics.observe_cache)
    # Dossiers' status changes, kept under the mark of their records (see services.dossiers.status).
    app.extensions[_HISTORIES] = LruCache[History]("history", size, metrics.observe_cache)
    # Dossiers' live states, trusted while their change marks stay the same (store/marks.py).
    app.extensions[_LIVE] = KeptStates(size, float(app.config["LIVE_TRUST_SECONDS"]), metrics.observe_cache)
    app.extensions[_RELEASE] = templates_fingerprint()
    app.extensions[_RENDERER].on_lookup = lambda hit: metrics.observe_cache("pdf", hit)
    app.extensions[_RENDERER].on_render = metrics.observe_render
    if not harfbuzz_subset_available():
        log.warning(
            "libharfbuzz-subset0 is missing: WeasyPrint falls back to fontTools and every PDF "
            "renders 4–5 times slower. Install it: apt-get install libharfbuzz-subset0"
        )
    if app.config["WARM_RENDERER"]:
        # Not in create_app: under `gunicorn --preload` a worker forked while the warm-up holds the
        # render lock would wait on it forever. The first request of each process starts it instead
        # (gunicorn.conf.py starts it as soon as a worker is ready).
        @app.before_request
        def _warm_this_process() -> None:
            start_warm(app)


def signer() -> TokenSigner:
    """Return the app's token signer."""
    return current_app.extensions[_SIGNER]


def form_signer() -> TokenSigner:
    """Return the signer of the links to forms printed from a dossier's records (Mẫu 02–05)."""
    return current_app.extensions[_FORM_SIGNER]


def renderer() -> PdfRenderer:
    """Return the app's PDF renderer."""
    return current_app.extensions[_RENDERER]


def snapshots() -> LruCache[ReceiptSnapshot]:
    """Return this process's cache of receipt versions' snapshots (immutable once stored)."""
    return current_app.extensions[_SNAPSHOTS]


def form_cache() -> LruCache[tuple[dict[str, Any], Markup]]:
    """Return this process's cache of receipt versions' form HTML (immutable once printed)."""
    return current_app.extensions[_FORMS]


def page_cache() -> LruCache[tuple[bytes, str]]:
    """Return this process's rendered pages (bytes and digest), keyed by everything each one shows."""
    return current_app.extensions[_PAGES]


def histories() -> LruCache[History]:
    """Return this process's cache of dossiers' status changes, keyed by the mark of their records."""
    return current_app.extensions[_HISTORIES]


def live_states() -> KeptStates:
    """Return this process's kept live states of dossiers (see store/live.KeptStates)."""
    return current_app.extensions[_LIVE]


def release() -> str:
    """Return the digest of this release's templates, part of every validator built from cache keys."""
    return str(current_app.extensions[_RELEASE])


def zalo_client() -> ZaloClient:
    """Return a client of Zalo's APIs as the app's settings configure it."""
    config = current_app.config
    return ZaloClient(
        api_base=config["ZALO_API_BASE"],
        oauth_base=config["ZALO_OAUTH_BASE"],
        app_id=str(config["ZALO_APP_ID"] or ""),
        app_secret=str(config["ZALO_APP_SECRET"] or ""),
        timeout=config["ZALO_TIMEOUT"],
        zns_base=config["ZALO_ZNS_BASE"],
        zns_template_id=str(config["ZALO_ZNS_TEMPLATE_ID"] or ""),
    )


def readiness() -> dict[str, bool]:
    """Check what serving needs: database, shared limits storage, fonts, HarfBuzz, signing keys."""
    from .extensions import limiter
    from .store.database import ping

    fonts = ROOT / "fonts"
    return {
        "database": ping(),
        "rate_limit_storage": _storage_answers(limiter),
        "fonts": len(list(fonts.glob("*.ttf"))) >= 4,
        "harfbuzz_subset": harfbuzz_subset_available(),
        "signing_keys": signer().verify(signer().sign(1)) == 1,
    }


def _storage_answers(limiter: object) -> bool:
    if not current_app.config["RATELIMIT_ENABLED"]:
        return True  # no limits, no storage to reach
    try:
        return bool(limiter.storage.check())
    except Exception:  # any failure of the storage means "not ready"
        log.warning("rate-limit storage does not answer", exc_info=True)
        return False


def start_warm(app: Flask) -> threading.Thread | None:
    """Start warming this process's renderer in a named background thread, once per process."""
    if app.extensions.get(_WARMED) == os.getpid():
        return None
    app.extensions[_WARMED] = os.getpid()
    thread = threading.Thread(target=warm, args=(app,), name=WARM_THREAD, daemon=True)
    thread.start()
    return thread


def warm(app: Flask) -> None:
    """Load this year's holidays, compile every page template and render a sample receipt, so that a
    worker's first real page and PDF are fast (a receipt page's templates alone took 25 ms to compile)."""
    year = now_local().year
    for each in (year, year + 1):
        calendars.vietnam_holidays(each)
    for name in app.jinja_env.list_templates(extensions=("html", "css")):  # the CSS is inlined
        app.jinja_env.get_template(name)
    with app.app_context():
        app.extensions[_RENDERER].warm(*receipt_pdf_sources(sample_snapshot(), "https://example.invalid/r/x"))


def sample_snapshot() -> ReceiptSnapshot:
    """Return a made-up receipt touching every glyph range the form uses."""
    received = datetime(2020, 11, 25, 16, 19, 50, tzinfo=LOCAL)
    return ReceiptSnapshot(
        code="000.00.00.X00-201125-0001",
        version=1,
        agency=AgencyBlock("000.00.00.X00", "ỦY BAN NHÂN DÂN", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", "Hà Nội"),
        procedure=ProcedureInfo("1.000000", "Thủ tục mẫu để khởi động", 1, "working_days"),
        applicant=Applicant("Nguyễn Văn Ấm", "", "Đường Điện Biên Phủ", "0900000000", "a@b.vn"),
        documents=(DocumentItem("Đơn đề nghị", 1, "Bản chính"),),
        received_at=received,
        due_at=received,
    )
