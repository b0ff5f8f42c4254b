"""/tra-cuu: type a dossier code however it comes; /tra-cuu/<code>: the redacted status page the Zalo bot
links to, which the phone's last 4 digits unlock."""

from __future__ import annotations

from flask import Response, redirect, render_template, request

from .. import links, runtime
from ..clock import now_local
from ..domain.codes import find_codes, parse_dossier_code
from ..domain.errors import NotFound
from ..extensions import csrf, limiter
from ..services import dossiers
from ..services.lookup import unlock
from . import bp

# Enough for a whole pasted Zalo message around the code.
MAX_TYPED = 1000
NO_CODE = "Không tìm thấy mã hồ sơ trong nội dung đã nhập. Vui lòng kiểm tra lại."
EMPTY = "Vui lòng nhập mã hồ sơ in trên giấy tiếp nhận."


@bp.get("/tra-cuu")
def lookup_form() -> Response | str | tuple[str, int]:
    """Show the form; a code typed in any way people type it goes to its page (the first of several)."""
    if "code" not in request.args:
        return render_template("lookup_form.html", typed="", error=None)
    typed = request.args.get("code", "")[:MAX_TYPED]
    found = find_codes(typed, limit=1)
    if found:
        return redirect(links.lookup_url(links.public_base(), str(found[0])), code=303)
    error = NO_CODE if typed.strip() else EMPTY
    return render_template("lookup_form.html", typed=typed, error=error), 422


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
    if request.method == "POST":
        digits = request.form.get("digits", "")[:20]
        token = unlock(status.code, digits, runtime.signer())
        if token:
            return redirect(links.verify_url(links.public_base(), token), code=303)
        # The same page, the field still holding what was typed and tied to the message.
        return render_template("lookup.html", s=status, wrong=True, digits=digits[:4]), 422
    return render_template("lookup.html", s=status, wrong=False, digits="")
