"""/quay: the counter where officers issue, print, reprint, correct (reissue) and revoke receipts.

`views` read the request and call one service; `forms` maps the forms to the API's schemas and
back; `pages` builds what the templates show; `book` is the log book (Sổ theo dõi hồ sơ).
"""

from __future__ import annotations

from flask import Blueprint, abort, redirect, request, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from ...domain.audit import Actor
from ...domain.officers import ROLES
from ...extensions import login as login_manager
from ..headers import COUNTER_POLICY

bp = Blueprint("counter", __name__, url_prefix="/quay")
# What an officer given a temporary password may open before choosing their own.
PASSWORD_ENDPOINTS = {"counter.password_form", "counter.change_password", "counter.logout"}


@bp.before_request
def officers_only() -> Response | None:
    """Send visitors to the login form; refuse accounts that are neither officers nor administrators."""
    if request.endpoint in {"counter.login_form", "counter.login"}:
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if current_user.role not in ROLES:
        abort(403)
    if current_user.must_change_password and request.endpoint not in PASSWORD_ENDPOINTS:
        return redirect(url_for("counter.password_form"))
    return None


def actor() -> Actor:
    """Return who acts in this request, as the audit log names them: the officer and their address."""
    return Actor("officer", current_user.username, request.remote_addr or "", current_user.agency_code)


def admins_only() -> None:
    """Refuse the request (403) unless an administrator makes it."""
    if not current_user.is_admin:
        abort(403)


@bp.after_request
def no_store(response: Response) -> Response:
    """Keep applicants' personal data out of every cache."""
    response.headers["Cache-Control"] = "no-store"
    if response.mimetype == "text/html":
        # The counter's pages load static/quay.js (preview, shortcuts), which asks /quay/xem-truoc.
        response.headers.setdefault("Content-Security-Policy", COUNTER_POLICY)
    return response


from . import audit_log, book, events, fees, login, preview, search, staff, stats, views  # noqa: E402, F401  (registers the routes)
