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
from .conditional import digested, not_modified, revalidated, tag_of
from .headers import PRINT_HANDLER
from .timeline import timeline_view


# Per address: a QR link is public, so whoever holds one must not be able to keep renders going.
@bp.get("/r/<token>.pdf")
@limiter.limit("30 per minute")
def receipt_pdf(token: str) -> Response:
    """Serve the two-copy PDF of the receipt version the token names (?copy=citizen: Liên 2 first)."""
    citizen_first = request.args.get("copy") == links.CITIZEN_COPY
    job = verification.pdf_job(
        token,
        links.public_base(),
        runtime.signer(),
        citizen_first=citizen_first,
        snapshots=runtime.snapshots(),
        states=runtime.live_states(),
    )
    if job is None:
        return _invalid()
    # The key names all the PDF prints (version, QR link, stamp, copies): same key, same document.
    etag = tag_of(runtime.release(), job.key)
    unchanged = not_modified(etag)
    if unchanged is not None:
        return unchanged
    response = make_response(runtime.renderer().cached(job.key, job.make_sources))
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = f'inline; filename="{job.code}.pdf"'
    return revalidated(response, etag)


@bp.get("/r/<token>")
@limiter.limit("120 per minute")
def receipt_page(token: str) -> Response:
    """Show the receipt and its verdict: valid, superseded or revoked; 404 for anything else."""
    checked = verification.verify(token, runtime.signer(), runtime.snapshots(), runtime.live_states())
    if checked is None:
        return _invalid()
    base = links.public_base()
    overdue = checked.receipt.is_overdue(clock.now_local())
    pdf_size = approx_size(verification.pdf_size(checked, base, runtime.renderer(), citizen_first=True))
    # Everything the page shows, once the verification is read: the same key, the same page.
    key = (token, base, checked.current_token, checked.verdict, checked.receipt.status, overdue, pdf_size)
    key += (checked.receipt.version_id, checked.receipt.extended_due_at, checked.payment, checked.events_mark)
    html, digest = runtime.page_cache().get_or_make(
        key, lambda: digested(_page(checked, base, overdue, pdf_size))
    )
    # The tag is a digest of the page as rendered: whatever live part it shows is in it.
    response = revalidated(make_response(html), digest=digest)
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


def _page(checked: verification.Verification, base: str, overdue: bool, pdf_size: str) -> str:
    stored = checked.receipt
    verify_url = links.verify_url(base, checked.token)
    return receipt_page_html(
        stored.snapshot,
        verify_url,
        version_id=stored.version_id,
        form_cache=runtime.form_cache(),
        qr_mask=lambda: verification.qr_mask(verify_url),
        verdict=checked.verdict,
        stamp=STAMPS.get(checked.verdict, ""),
        status_text=stored.status.text,
        overdue=overdue,
        pdf_url=links.citizen_pdf_url(base, checked.token),
        pdf_size=pdf_size,
        current_url=links.verify_url(base, checked.current_token),
        print_handler=PRINT_HANDLER,
        due_text=stored.due_text,
        timeline=timeline_view(stored, base),
        payment=checked.payment,
    )


def _invalid() -> Response:
    response = make_response(render_template("invalid.html"), 404)
    response.headers["Cache-Control"] = "no-store"
    return response
