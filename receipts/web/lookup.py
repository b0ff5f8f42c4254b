"""/tra-cuu/<code>: the redacted status page the Zalo bot links to; the phone's last 4 digits unlock it."""

from __future__ import annotations

from flask import Response, redirect, render_template, request

from .. import clock, links, runtime
from ..domain.errors import NotFound
from ..extensions import csrf, limiter
from ..services import dossiers
from ..services.lookup import unlock
from . import bp


@bp.route("/tra-cuu/<code>", methods=["GET", "POST"])
@csrf.exempt  # no session to ride on: the form only unlocks what the 4 digits already prove
@limiter.limit("60 per minute")
def lookup(code: str) -> Response | str | tuple[str, int] | tuple[str, int, dict[str, str]]:
    """Show a dossier's redacted status; POST the phone's last 4 digits to see the full receipt."""
    try:
        status = dossiers.status(code, clock.now_local())
    except NotFound:
        return render_template("lookup_missing.html", code=code[:80]), 404
    if request.method == "GET":
        return render_template("lookup.html", s=status, wrong=False, wait=0)
    address = request.remote_addr or "unknown"
    digits = request.form.get("digits", "")[:20]
    result = unlock(status.code, digits, address, clock.now_local(), runtime.signer())
    if result.token:
        return redirect(links.verify_url(links.public_base(), result.token), code=303)
    page = render_template("lookup.html", s=status, wrong=not result.wait, wait=result.wait)
    if result.wait:
        return page, 429, {"Retry-After": str(result.wait)}
    return page, 422
