"""/tra-cuu: type a dossier code however it comes; /tra-cuu/<code>: the redacted status page the Zalo bot
links to, which the phone's last 4 digits unlock."""

from __future__ import annotations

from flask import Response, make_response, redirect, render_template, request

from .. import clock, links, runtime
from ..domain.codes import find_codes
from ..domain.errors import NotFound
from ..extensions import csrf, limiter
from ..services import dossiers
from ..services.lookup import unlock
from . import bp
from .conditional import digested, revalidated

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


@bp.route("/tra-cuu/<code>", methods=["GET", "POST"])
@csrf.exempt  # no session to ride on: the form only unlocks what the 4 digits already prove
@limiter.limit("60 per minute")
def lookup(code: str) -> Response | str | tuple[str, int] | tuple[str, int, dict[str, str]]:
    """Show a dossier's redacted status; POST the phone's last 4 digits to see the full receipt."""
    try:
        status = dossiers.status(
            code, clock.now_local(), runtime.snapshots(), runtime.histories(), runtime.live_states()
        )
    except NotFound:
        return render_template("lookup_missing.html", code=code[:80]), 404
    if request.method == "GET":
        # The status object is all the page shows: the same one, the same page.
        def make() -> tuple[bytes, str]:
            return digested(render_template("lookup.html", s=status, wrong=False, wait=0, digits=""))

        html, digest = runtime.page_cache().get_or_make(("lookup", status), make)
        return revalidated(make_response(html), digest=digest)
    address = request.remote_addr or "unknown"
    digits = request.form.get("digits", "")[:20]
    result = unlock(status.code, digits, address, clock.now_local(), runtime.signer())
    if result.token:
        return redirect(links.verify_url(links.public_base(), result.token), code=303)
    # The same page, the field still holding what was typed and tied to the message.
    wrong = not result.wait
    page = render_template("lookup.html", s=status, wrong=wrong, wait=result.wait, digits=digits[:4])
    if result.wait:
        return page, 429, {"Retry-After": str(result.wait)}
    return page, 422
