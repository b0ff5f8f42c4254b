"""The receipt form as HTML (page and PDF share one template) and its PDF."""

from __future__ import annotations

from typing import Any

from flask import current_app
from markupsafe import Markup

from ..domain.money import amount_words, money_vnd
from ..domain.payments import PaymentState
from ..domain.receipt import COPIES, ReceiptSnapshot
from ..domain.text import datetime_long
from ..signing.qr import qr_svg


def _render(template: str, **context: Any) -> str:
    return current_app.jinja_env.get_template(template).render(**context)


def _qr(verify_url: str) -> Markup:
    # The SVG is drawn by segno from a URL we built; segno escapes the data it embeds.
    return Markup(qr_svg(verify_url))  # noqa: S704


def receipt_pdf_sources(
    snapshot: ReceiptSnapshot,
    verify_url: str,
    stamp: str = "",
    copies: tuple[str, ...] = COPIES,
    *,
    payment: PaymentState | None = None,
) -> tuple[str, str]:
    """Return the HTML of one copy of the form and of what is drawn over each copy, in `copies` order."""
    lines = snapshot.form_lines()
    pay = payment_block(payment, paper=True)
    form = _render("receipt/pdf.html", r=lines, qr=_qr(verify_url), pay=pay)
    labels = _render("receipt/labels.html", paper=lines["paper"], copies=copies, stamp=stamp)
    return form, labels


def receipt_page_html(
    snapshot: ReceiptSnapshot, verify_url: str, *, payment: PaymentState | None = None, **context: Any
) -> str:
    """Return the phone-first page showing a receipt version and its verdict."""
    return _render(
        "receipt/page.html",
        r=snapshot.form_lines(),
        qr=_qr(verify_url),
        copy_label=COPIES[1],
        pay=payment_block(payment, paper=False),
        **context,
    )


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
