"""The receipt form as HTML (page and PDF share one template) and its PDF."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING, Any

from flask import Flask, current_app
from markupsafe import Markup

from ..config import ROOT
from ..domain.money import amount_words, money_vnd
from ..domain.payments import PaymentState
from ..domain.receipt import COPIES, ReceiptSnapshot
from ..domain.text import datetime_long, keep_words
from ..signing.qr import qr_svg
from .labels import form_labels

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..lru import LruCache


def templates_fingerprint() -> str:
    """Return a digest of every template, the same in every process of one release."""
    digest = hashlib.blake2b(digest_size=8)
    for path in sorted((ROOT / "templates").rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def init_app(app: Flask) -> None:
    """Give the templates the filters the forms use."""
    app.add_template_filter(keep_words, "keep_words")


def _render(template: str, **context: Any) -> str:
    return current_app.jinja_env.get_template(template).render(**context)


def _qr(verify_url: str, mask: int | None = None) -> Markup:
    # The SVG is drawn by segno from a URL we built; segno escapes the data it embeds.
    return Markup(qr_svg(verify_url, mask=mask))  # noqa: S704


def receipt_pdf_sources(
    snapshot: ReceiptSnapshot,
    verify_url: str,
    stamp: str = "",
    copies: tuple[str, ...] = COPIES,
    *,
    payment: PaymentState | None = None,
    qr_mask: int | None = None,
) -> tuple[str, str]:
    """Return the HTML of one copy of the form and of what is drawn over each copy, in `copies` order.

    `qr_mask` is the mask chosen for the QR of `verify_url` when the receipt was issued, if known.
    """
    lines = snapshot.form_lines()
    pay = payment_block(payment, paper=True)
    qr = _qr(verify_url, qr_mask)
    form = _render("receipt/pdf.html", r=lines, qr=qr, pay=pay, t=form_labels("01"))
    labels = _render("receipt/labels.html", paper=lines["paper"], copies=copies, stamp=stamp)
    return form, labels


def receipt_form_html(
    snapshot: ReceiptSnapshot, verify_url: str, copy_label: str, qr_mask: int | None = None
) -> Markup:
    """Return the HTML of one version's form with its QR, as the page shows it (it never changes)."""
    form = current_app.jinja_env.get_template("receipt/_form.html").module.form  # type: ignore[attr-defined]
    labels = form_labels("01")
    qr = _qr(verify_url, qr_mask)
    return Markup(form(snapshot.form_lines(), qr, copy_label, labels))  # noqa: S704  (autoescaped macro)


def receipt_page_html(
    snapshot: ReceiptSnapshot,
    verify_url: str,
    *,
    version_id: int,
    form_cache: LruCache[tuple[dict[str, Any], Markup]] | None = None,
    payment: PaymentState | None = None,
    qr_mask: Callable[[], int | None] = lambda: None,
    **context: Any,
) -> str:
    """Return the phone-first page showing a receipt version and its verdict.

    The form (with its QR) and its lines are the same for every view of a version: made once and
    kept in `form_cache` under all they print; the verdict, status and the rest are rendered each time.
    `qr_mask` is asked only when the form is made: the mask kept for the QR of `verify_url`, if any.
    """
    copy_label = COPIES[1]

    def make() -> tuple[dict[str, Any], Markup]:
        return snapshot.form_lines(), receipt_form_html(snapshot, verify_url, copy_label, qr_mask())

    key = ("page-form", version_id, verify_url, copy_label)
    lines, form_html = make() if form_cache is None else form_cache.get_or_make(key, make)
    pay = payment_block(payment, paper=False)
    return _render("receipt/page.html", r=lines, form_html=form_html, pay=pay, t=form_labels("01"), **context)


def payment_block(payment: PaymentState | None, *, paper: bool) -> dict[str, Any] | None:
    """Return what `receipt/_payment.html` prints: the VietQR while money is owed, else what was paid."""
    if payment is None or not (payment.payload or payment.ledger.settled):
        return None
    owed, paid = payment.ledger.owed, payment.paid
    return {
        "paper": paper,
        # segno escapes what it embeds; the payload is built by domain.vietqr from checked values.
        "qr": Markup(qr_svg(payment.payload)) if payment.payload else None,  # noqa: S704
        "owed_text": money_vnd(owed),
        "owed_words": amount_words(owed),
        "reason": payment.reason,
        "holder": payment.bank_name,
        "account": payment.account,
        "content": payment.content,
        "settled": payment.ledger.settled,
        "paid_text": money_vnd(paid),
        "paid_words": amount_words(paid),
        "paid_at": datetime_long(payment.last_paid_at) if payment.last_paid_at else "",
    }
