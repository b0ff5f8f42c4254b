"""/tra-cuu/<code>: the redacted status page the Zalo bot links to; the phone's last 4 digits unlock it."""

from __future__ import annotations

from flask import Response, redirect, render_template, request

from .. import links, runtime
from ..clock import now_local
from ..domain.codes import parse_dossier_code
from ..domain.errors import NotFound
from ..extensions import csrf, limiter
from ..services import dossiers
from ..services.lookup import unlock
from . import bp


def _code_key() -> str:
    # One bucket per dossier, however its code is spelled in the URL (case, '#', spaces…).
    raw = str((request.view_args or {}).get("code", ""))
    parsed = parse_dossier_code(raw)
    return "unlock:" + (str(parsed) if parsed else raw[:80])


@bp.route("/tra-cuu/<code>", methods=["GET", "POST"])
@csrf.exempt  # no session to ride on: the form only unlocks what the 4 digits already prove
@limiter.limit("60 per minute")
# Only wrong answers count, so a stranger guessing cannot lock the applicant out for long.
@limiter.limit(
    "10 per hour",
    key_func=_code_key,
    methods=["POST"],
    deduct_when=lambda response: response.status_code == 422,
)
def lookup(code: str) -> Response | str | tuple[str, int]:
    """Show a dossier's redacted status; POST the phone's last 4 digits to see the full receipt."""
    try:
        status = dossiers.status(code, now_local())
    except NotFound:
        return render_template("lookup_missing.html", code=code[:80]), 404
    wrong = False
    if request.method == "POST":
        token = unlock(status.code, request.form.get("digits", "")[:20], runtime.signer())
        if token:
            return redirect(links.verify_url(links.public_base(), token), code=303)
        wrong = True
    return render_template("lookup.html", s=status, wrong=wrong), (422 if wrong else 200)
