"""/mau/<token>.pdf: a form printed from a dossier's record (Mẫu 02–05), for whoever holds its link."""

from __future__ import annotations

from flask import Response, make_response, render_template

from .. import links, runtime
from ..extensions import limiter
from ..services import notices
from . import bp


# Per address, as the receipt's PDF: whoever holds a link must not be able to keep renders going.
@bp.get("/mau/<token>.pdf")
@limiter.limit("30 per minute")
def form_pdf(token: str) -> Response:
    """Serve the PDF of the form the token names; 404 for anything forged or unknown."""
    found = notices.form_pdf(token, links.public_base(), runtime.form_signer(), runtime.renderer())
    if found is None:
        response = make_response(render_template("invalid.html"), 404)
        response.headers["Cache-Control"] = "no-store"
        return response
    name, pdf = found
    response = make_response(pdf)
    response.headers["Content-Type"] = "application/pdf"
    response.headers["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
