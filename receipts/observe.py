"""Per request: a request id (taken from a safe X-Request-Id or made), metrics and one access log line."""

from __future__ import annotations

import logging
import re
import secrets
import time

from flask import Flask, Response, g, request
from werkzeug.middleware.proxy_fix import ProxyFix

from . import logs, metrics

access_log = logging.getLogger("receipts.access")
HEADER = "X-Request-Id"
ENVIRON_KEY = "HTTP_X_REQUEST_ID"
# What a proxy's id looks like (nginx's $request_id, a UUID): anything else is replaced, never logged.
SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")
UNMATCHED = "<unmatched>"


def init_app(app: Flask) -> None:
    """Trust the configured proxies, configure logs and install the hooks; call before any other hook."""
    if app.config["PROXIES"]:
        # Behind nginx: the client's address (rate limits, logs) and scheme from its X-Forwarded-*.
        hops = app.config["PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops)  # type: ignore[method-assign]
    logs.configure(str(app.config["LOG_FORMAT"]).strip().lower(), str(app.config["LOG_LEVEL"]))
    app.jinja_env.globals["request_id"] = logs.request_id
    app.before_request(_start)
    # Registered first, so it runs last: it sees the final status, headers and compressed body.
    app.after_request(_finish)
    app.teardown_request(_forget)


def _start() -> None:
    incoming = request.environ.get(ENVIRON_KEY, "")
    rid = incoming if SAFE_ID.fullmatch(incoming) else secrets.token_hex(16)
    g.request_id_token = logs.set_request_id(rid)
    g.request_started = time.perf_counter()


def route() -> str:
    """Return the URL rule that answered ("/r/<token>"), never the path itself (it holds tokens, codes)."""
    rule = request.url_rule
    return rule.rule if rule is not None else UNMATCHED


def _finish(response: Response) -> Response:
    response.headers[HEADER] = logs.request_id()
    started = g.get("request_started")
    seconds = time.perf_counter() - started if started is not None else 0.0
    method, where, status = request.method, route(), response.status_code
    metrics.observe_request(method, where, status, seconds)
    access_log.info(
        "%s %s %s %.1f ms",
        method,
        where,
        status,
        seconds * 1000,
        extra={"method": method, "route": where, "status": status, "duration": round(seconds, 6)},
    )
    return response


def _forget(_: BaseException | None) -> None:
    token = g.pop("request_id_token", None)
    if token is not None:
        try:
            logs.reset_request_id(token)
        except ValueError:  # set in another context (a streamed answer): it ends with that context
            pass
