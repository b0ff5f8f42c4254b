"""receipts: dossier receipts (Mẫu số 01) with signed QR codes for Vietnam's one-stop counters."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask

from . import config


class App(Flask):
    """Flask, each view's and hook's "is it a coroutine?" check made once instead of at every call
    (about fifteen a request; none of ours is async, and the answer for a function never changes)."""

    def ensure_sync(self, func: Callable[..., Any]) -> Callable[..., Any]:
        """Return `func` callable from sync code, as Flask does, remembering the answer."""
        checked: dict[Any, Callable[..., Any]] = self.__dict__.setdefault("_synced", {})
        made = checked.get(func)
        if made is None:
            made = checked[func] = super().ensure_sync(func)
        return made


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Create and configure the app: settings, extensions, blueprints, error handlers, commands."""
    app = App(
        __name__,
        template_folder=str(config.ROOT / "templates"),
        static_folder=str(config.ROOT / "static"),
        instance_relative_config=True,
    )
    config.load(app, test_config)
    app.json.ensure_ascii = False  # DefaultJSONProvider's setting: answers keep Vietnamese as is

    from . import compression, observe

    # First: the client's address, the request id and the clock, before any hook (a rate limit) answers.
    observe.init_app(app)

    from .extensions import csrf, db, limiter, login, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(config.ROOT / "migrations"), render_as_batch=True)
    limiter.init_app(app)
    login.init_app(app)
    csrf.init_app(app)
    compression.init_app(app)

    from .store import audit, counters, database, models, payment_models  # noqa: F401  (models register their tables)

    database.configure(app)
    counters.init_app(app)

    from . import api, bot, cli, errors, runtime, web
    from .web.counter import bp as counter_bp
    from .web.session_cookie import SessionCookies

    app.session_interface = SessionCookies()

    app.register_blueprint(web.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(bot.bp)
    app.register_blueprint(counter_bp)
    # Machines authenticate with API keys or Zalo's signature, not with a session cookie.
    csrf.exempt(api.bp)
    csrf.exempt(bot.bp)
    errors.register(app)
    runtime.init_app(app)
    cli.register(app)
    return app
