"""Signing in and out of the counter: limited tries, sessions that end on the server."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from ... import clock
from ...domain.officers import MAX_USERNAME
from ...services import logins
from ..auth import end_session, start_session
from . import bp, forms

Page = Response | str | tuple[str, int] | tuple[str, int, dict[str, str]]


@bp.get("/dang-nhap")
def login_form() -> Page:
    """Show the login form (or go on, when already signed in)."""
    target = _next()
    if current_user.is_authenticated:
        return redirect(target)
    return render_template("counter/login.html", username="", next=target, failed=False, wait=0)


@bp.post("/dang-nhap")
def login() -> Page:
    """Sign an officer in, unless the login limits make this try wait."""
    target = _next()
    username = request.form.get("username", "")[:MAX_USERNAME]
    address = request.remote_addr or "unknown"
    # Read through the module, so that tests can stop the clock.
    result = logins.sign_in(username, request.form.get("password", ""), address, clock.now_local())
    if result.officer is not None:
        start_session(result.officer)
        return redirect(target, code=303)
    page = render_template(
        "counter/login.html", username=username, next=target, failed=True, wait=result.wait
    )
    if result.wait:
        return page, 429, {"Retry-After": str(result.wait)}
    return page, 422


@bp.post("/dang-xuat")
def logout() -> Response:
    """Sign the officer out, ending every session of theirs."""
    end_session()
    flash("Đã đăng xuất.", "ok")
    return redirect(url_for(".login"), code=303)


def _next() -> str:
    return forms.safe_next(request.values.get("next", ""), url_for("counter.index"))
