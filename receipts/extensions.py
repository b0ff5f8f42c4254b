"""Flask extensions, created unbound and bound in the app factory."""

from __future__ import annotations

from flask import Response, current_app, request
from flask_compress import Compress
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    """Declarative base of every model."""


class Logins(LoginManager):
    """Flask-Login, its remember-me hook skipped for a request without cookies.

    The hook runs after every answer and reads the session, which makes Flask add `Vary: Cookie` and
    weigh the session again; with no cookie there is no session and no remember cookie to refresh or
    clear (the citizens' pages, the API). Remember-me is never offered anyway: counter PCs are shared.
    """

    def _update_remember_cookie(self, response: Response) -> Response:
        if "HTTP_COOKIE" not in request.environ:
            return response
        return super()._update_remember_cookie(response)  # type: ignore[no-any-return]


class Limits(Limiter):
    """Flask-Limiter, its per-view check skipped at once in an app whose limits are off.

    The library's decorator weighs every limit of the view before it looks at its on/off switch
    (about a tenth of a receipt page's time in process), a switch shared by every app in the
    process (the last one set up sets it); this first asks the setting of the app answering.
    """

    def _check_request_limit(self, callable_name: str | None = None, in_middleware: bool = True) -> None:
        if not current_app.config.get("RATELIMIT_ENABLED", True):
            return
        super()._check_request_limit(callable_name=callable_name, in_middleware=in_middleware)


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
# Behind a proxy, operators wrap the app in ProxyFix so that remote_addr is the client's.
limiter = Limits(key_func=get_remote_address, default_limits=[])
login = Logins()
login.login_view = "counter.login"
login.login_message = "Vui lòng đăng nhập để sử dụng quầy tiếp nhận."
csrf = CSRFProtect()
# Pages and JSON gzip- or brotli-compressed for clients that accept it (PDFs are compressed already).
compress = Compress()
