"""The receipt form as HTML (page and PDF share one template) and its PDF."""

from __future__ import annotations

from typing import Any

from flask import current_app
from markupsafe import Markup

from ..domain.receipt import COPIES, ReceiptSnapshot
from ..signing.qr import qr_svg
from .labels import form_labels


def _render(template: str, **context: Any) -> str:
    return current_app.jinja_env.get_template(template).render(**context)


def _qr(verify_url: str) -> Markup:
    # The SVG is drawn by segno from a URL we built; segno escapes the data it embeds.
    return Markup(qr_svg(verify_url))  # noqa: S704


def receipt_pdf_sources(
    snapshot: ReceiptSnapshot, verify_url: str, stamp: str = "", copies: tuple[str, ...] = COPIES
) -> tuple[str, str]:
    """Return the HTML of one copy of the form and of what is drawn over each copy, in `copies` order."""
    lines = snapshot.form_lines()
    form = _render("receipt/pdf.html", r=lines, qr=_qr(verify_url), t=form_labels("01"))
    labels = _render("receipt/labels.html", paper=lines["paper"], copies=copies, stamp=stamp)
    return form, labels


def receipt_page_html(snapshot: ReceiptSnapshot, verify_url: str, **context: Any) -> str:
    """Return the phone-first page showing a receipt version and its verdict."""
    return _render(
        "receipt/page.html",
        r=snapshot.form_lines(),
        qr=_qr(verify_url),
        copy_label=COPIES[1],
        t=form_labels("01"),
        **context,
    )
