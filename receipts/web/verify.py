"""/r/<token>: what a citizen sees after scanning the QR, and the PDF behind it."""

from __future__ import annotations

from flask import Response, make_response, render_template, request

from .. import clock, links, runtime
from ..domain.dossiers import STAMPS
from ..domain.text import approx_size
from ..extensions import limiter
from ..render.forms import receipt_page_html
from ..services import verification
from . import bp
from .headers import PRINT_HANDLER
from .timeline import timeline_view

_PRIVATE = "private, no-store"


# Per address: a QR link is public, so whoever holds one must not be able to keep renders going.
@bp.get("/r/<token>.pdf")
@limiter.limit("30 per minute")
def receipt_pdf(token: str) -> Response:
    """Serve the two-copy PDF of the receipt version the token names (?copy=citizen: Liên 2 first)."""
    citizen_first = request.args.get("copy") == links.CITIZEN_COPY
    found = verification.receipt_pdf(
        token, links.public_base(), runtime.signer(), runtime.renderer(), citizen_first=citizen_first
    )
    if found is None:
        return _invalid()
    code, pdf = found
    response = make_response(pdf)
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = f'inline; filename="{code}.pdf"'
    response.headers["Cache-Control"] = _PRIVATE
    return response


@bp.get("/r/<token>")
@limiter.limit("120 per minute")
def receipt_page(token: str) -> Response:
    """Show the receipt and its verdict: valid, superseded or revoked; 404 for anything else."""
    checked = verification.verify(token, runtime.signer())
    if checked is None:
        return _invalid()
    stored = checked.receipt
    base = links.public_base()
    html = receipt_page_html(
        stored.snapshot,
        links.verify_url(base, token),
        verdict=checked.verdict,
        stamp=STAMPS.get(checked.verdict, ""),
        status_text=stored.status.text,
        overdue=stored.is_overdue(clock.now_local()),
        pdf_url=links.citizen_pdf_url(base, token),
        pdf_size=approx_size(verification.pdf_size(checked, base, runtime.renderer(), citizen_first=True)),
        current_url=links.verify_url(base, checked.current_token),
        print_handler=PRINT_HANDLER,
        due_text=stored.due_text,
        timeline=timeline_view(stored, base),
        payment=checked.payment,
    )
    response = make_response(html)
    response.headers["Cache-Control"] = _PRIVATE
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _invalid() -> Response:
    response = make_response(render_template("invalid.html"), 404)
    response.headers["Cache-Control"] = "no-store"
    return response
