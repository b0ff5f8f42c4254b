"""Per-process helpers that the services use: the token signer and the warmed PDF renderer."""

from __future__ import annotations

import logging
from datetime import datetime
from zoneinfo import ZoneInfo

from flask import Flask

from . import calendars
from .config import ROOT, TIMEZONE
from .domain.receipt import AgencyBlock, Applicant, DocumentItem, ProcedureInfo, ReceiptSnapshot
from .render.forms import receipt_pdf_sources
from .render.pdf import PdfRenderer, harfbuzz_subset_available
from .signing.tokens import TokenSigner

log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    """Attach the signer and the renderer to the app."""
    app.extensions["receipts.signer"] = TokenSigner(app.config["SECRET_KEY_LIST"])
    css = (ROOT / "templates" / "receipt" / "pdf.css").read_text(encoding="utf-8")
    app.extensions["receipts.pdf"] = PdfRenderer(css, ROOT / "fonts", app.config["PDF_CACHE_SIZE"])
    if not harfbuzz_subset_available():
        log.warning(
            "libharfbuzz-subset0 is missing: WeasyPrint falls back to fontTools and every PDF "
            "renders 4–5 times slower. Install it: apt-get install libharfbuzz-subset0"
        )


def warm(app: Flask) -> None:
    """Load this year's holidays and render a sample receipt, so a worker's first real one is fast."""
    year = datetime.now(ZoneInfo(TIMEZONE)).year
    for each in (year, year + 1):
        calendars.vietnam_holidays(each)
    with app.app_context():
        app.extensions["receipts.pdf"].warm(
            *receipt_pdf_sources(sample_snapshot(), "https://example.invalid/r/x")
        )


def sample_snapshot() -> ReceiptSnapshot:
    """Return a made-up receipt touching every glyph range the form uses."""
    received = datetime(2020, 11, 25, 16, 19, 50, tzinfo=ZoneInfo(TIMEZONE))
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
