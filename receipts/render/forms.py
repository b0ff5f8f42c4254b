"""The receipt form as HTML (page and PDF share one template) and its PDF."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from flask import current_app
from markupsafe import Markup

from ..config import ROOT
from ..domain.receipt import COPIES, ReceiptSnapshot
from ..signing.qr import qr_svg

if TYPE_CHECKING:
    from ..lru import LruCache


def templates_fingerprint() -> str:
    """Return a digest of every template, the same in every process of one release."""
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted((ROOT / "templates").rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


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
    form = _render("receipt/pdf.html", r=lines, qr=_qr(verify_url))
    labels = _render("receipt/labels.html", paper=lines["paper"], copies=copies, stamp=stamp)
    return form, labels


def receipt_form_html(snapshot: ReceiptSnapshot, verify_url: str, copy_label: str) -> Markup:
    """Return the HTML of one version's form with its QR, as the page shows it (it never changes)."""
    form = current_app.jinja_env.get_template("receipt/_form.html").module.form  # type: ignore[attr-defined]
    return Markup(form(snapshot.form_lines(), _qr(verify_url), copy_label))  # noqa: S704  (autoescaped macro)


def receipt_page_html(
    snapshot: ReceiptSnapshot,
    verify_url: str,
    *,
    version_id: int,
    form_cache: LruCache[tuple[dict[str, Any], Markup]] | None = None,
    **context: Any,
) -> str:
    """Return the phone-first page showing a receipt version and its verdict.

    The form (with its QR) and its lines are the same for every view of a version: made once and
    kept in `form_cache` under all they print; the verdict, status and the rest are rendered each time.
    """
    copy_label = COPIES[1]

    def make() -> tuple[dict[str, Any], Markup]:
        return snapshot.form_lines(), receipt_form_html(snapshot, verify_url, copy_label)

    key = ("page-form", version_id, verify_url, copy_label)
    lines, form_html = make() if form_cache is None else form_cache.get_or_make(key, make)
    return _render("receipt/page.html", r=lines, form_html=form_html, **context)
