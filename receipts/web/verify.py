"""/r/<token>: what a citizen sees after scanning the QR, and the PDF behind it."""

from __future__ import annotations

from flask import Response, make_response, render_template

from .. import services
from ..domain.statuses import Status
from ..render.forms import receipt_page_html
from . import bp
from .headers import PRINT_HANDLER
from .urls import public_base, verify_url

_PRIVATE = "private, no-store"


@bp.get("/r/<token>.pdf")
def receipt_pdf(token: str) -> Response:
    """Serve the two-copy PDF of the receipt version the token names."""
    found = services.receipt_pdf(token, public_base())
    if found is None:
        return _invalid()
    code, pdf = found
    response = make_response(pdf)
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = f'inline; filename="{code}.pdf"'
    response.headers["Cache-Control"] = _PRIVATE
    return response


@bp.get("/r/<token>")
def receipt_page(token: str) -> Response:
    """Show the receipt and its verdict: valid, superseded or revoked; 404 for anything else."""
    verification = services.verify(token)
    if verification is None:
        return _invalid()
    stored = verification.receipt
    status = Status(stored.status)
    view = services.status_view(stored)
    html = receipt_page_html(
        stored.snapshot,
        verify_url(token),
        verdict=verification.verdict,
        status_text=status.text,
        overdue=view["overdue"],
        pdf_url=verify_url(token) + ".pdf",
        current_url=verify_url(verification.current_token),
        print_handler=PRINT_HANDLER,
    )
    response = make_response(html)
    response.headers["Cache-Control"] = _PRIVATE
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _invalid() -> Response:
    response = make_response(render_template("invalid.html"), 404)
    response.headers["Cache-Control"] = "no-store"
    return response
