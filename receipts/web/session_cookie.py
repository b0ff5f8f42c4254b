"""Flask's signed-cookie sessions, with the cookie's signer made once per key set instead of per request.

Flask builds an itsdangerous serializer at every request that opens or saves a session (every
request: the citizens' pages included, which have none), and itsdangerous tests each new one by
serializing an empty string. Kept here under the keys it was built from, it is made again only
when the keys change; a request that sends no cookie at all gets an empty session without it.
"""

from __future__ import annotations

import threading
from typing import Any

from flask import Flask, Request, Response
from flask.sessions import SecureCookieSessionInterface, SessionMixin
from itsdangerous import URLSafeTimedSerializer


class SessionCookies(SecureCookieSessionInterface):
    """Flask's session interface, the serializer kept for as long as the app's keys stay the same."""

    def __init__(self) -> None:
        self._made: tuple[Any, URLSafeTimedSerializer | None] | None = None
        self._lock = threading.Lock()

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        """Return the serializer of the app's current keys, made the first time they are seen."""
        keys = (app.secret_key, tuple(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        made = self._made
        if made is None or made[0] != keys:
            with self._lock:
                made = (keys, super().get_signing_serializer(app))
                self._made = made
        return made[1]

    def open_session(self, app: Flask, request: Request) -> SessionMixin | None:
        """Open as Flask does; a request without cookies (a citizen's page, the API) starts empty at once."""
        if "HTTP_COOKIE" not in request.environ:
            return self.session_class()
        return super().open_session(app, request)

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        """Save as Flask does; an empty session nobody read or changed (no cookie came) needs nothing."""
        if not session and not session.modified and not session.accessed:
            return
        super().save_session(app, session, response)
