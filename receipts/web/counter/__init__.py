"""/quay: the counter where officers issue, print, reprint, correct (reissue) and revoke receipts.

`views` read the request and call one service; `forms` maps the forms to the API's schemas and
back; `pages` builds what the templates show; `book` is the log book (Sổ theo dõi hồ sơ).
"""

from __future__ import annotations

from flask import Blueprint, abort, request
from flask_login import current_user
from werkzeug.wrappers import Response

from ...domain.officers import ROLES
from ...extensions import login as login_manager

bp = Blueprint("counter", __name__, url_prefix="/quay")


@bp.before_request
def officers_only() -> Response | None:
    """Send visitors to the login form; refuse accounts that are neither officers nor administrators."""
    if request.endpoint in {"counter.login_form", "counter.login"}:
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if current_user.role not in ROLES:
        abort(403)
    return None


@bp.after_request
def no_store(response: Response) -> Response:
    """Keep applicants' personal data out of every cache."""
    response.headers["Cache-Control"] = "no-store"
    return response


from . import book, login, views  # noqa: E402, F401  (registers the routes)
