"""Logs: one JSON object per line (python-json-logger) or plain text, each line with its request id.

The request id lives in a context variable, so that every line logged while a request is being
answered (by the view, a service, an error handler) carries it; lines logged outside a request
(the worker, the CLI) carry "-".
"""

from __future__ import annotations

import contextvars
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from pythonjsonlogger.json import JsonFormatter

_REQUEST_ID: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")
FIELDS = ("asctime", "levelname", "name", "message", "request_id")
RENAMED = {"asctime": "time", "levelname": "level", "name": "logger"}
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
_MARK = "_receipts_handler"


def request_id() -> str:
    """Return the id of the request being answered, or "-" outside a request."""
    return _REQUEST_ID.get()


def set_request_id(value: str) -> contextvars.Token[str]:
    """Make `value` the request id of every line logged from here on in this context."""
    return _REQUEST_ID.set(value)


def reset_request_id(token: contextvars.Token[str]) -> None:
    """Forget the request id set with `token`."""
    _REQUEST_ID.reset(token)


class StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Write to whatever `sys.stderr` is when a line is logged (a CLI runner or a test swaps it),
    unless `setStream` named another stream."""

    _chosen: object = None

    @property  # type: ignore[override]
    def stream(self) -> object:
        """Return the stream chosen with `setStream`, else the current standard error."""
        return sys.stderr if self._chosen is None else self._chosen

    @stream.setter
    def stream(self, value: object) -> None:
        self._chosen = None if value is sys.stderr else value


class RequestIdFilter(logging.Filter):
    """Give every record the current request id (a record that names one keeps it)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Add `request_id` to the record."""
        if not hasattr(record, "request_id"):
            record.request_id = _REQUEST_ID.get()
        return True


def formatter(kind: str) -> logging.Formatter:
    """Return the formatter of `kind`: "json" (one object per line) or "text" (for development)."""
    if kind == "text":
        return logging.Formatter(TEXT_FORMAT)
    return JsonFormatter(list(FIELDS), rename_fields=RENAMED, json_ensure_ascii=False)


def configure(kind: str, level: str = "INFO") -> None:
    """Send the app's records (`receipts.*`, at `level`) and every warning to stderr, formatted as `kind`.

    Idempotent: several apps in one process (tests) share one handler, reformatted by the last.
    """
    if kind not in {"json", "text"}:
        raise RuntimeError(f"RECEIPTS_LOG_FORMAT must be json or text, not {kind!r}")
    root = logging.getLogger()
    handler = next((h for h in root.handlers if getattr(h, _MARK, False)), None)
    if handler is None:
        handler = StderrHandler()
        setattr(handler, _MARK, True)
        handler.addFilter(RequestIdFilter())
        root.addHandler(handler)
    handler.setFormatter(formatter(kind))
    logging.getLogger("receipts").setLevel(level.upper())
    # No line names its source line or process name (FIELDS, TEXT_FORMAT): records need not look them
    # up (the logging HOWTO's "Optimization"). Thread and process ids stay: gunicorn's lines print
    # the process id with %d, which None would break.
    logging.logMultiprocessing = False
    logging._srcfile = None  # type: ignore[attr-defined]


@contextmanager
def quiet() -> Iterator[None]:
    """Keep the app's log lines off stderr for a while: an operator's command speaks in one line."""
    handler = next((h for h in logging.getLogger().handlers if getattr(h, _MARK, False)), None)
    if handler is None:
        yield
        return
    level = handler.level
    handler.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        handler.setLevel(level)
