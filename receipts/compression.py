"""Flask-Compress's cache: a page's compressed bytes kept by its encoding and body digest, per process.

A receipt page seen again is the same bytes (its ETag is their digest), so brotli need not run
again. Answers without such a digest are compressed every time and never kept.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, g

from .lru import LruCache
from .metrics import observe_cache

NO_KEY = "-"
_KEY = "compressed_key"


def init_app(app: Flask) -> None:
    """Compress answers with Flask-Compress, a page seen again once (its bytes kept by their digest)."""
    from .extensions import compress

    app.config.setdefault("COMPRESS_CACHE_BACKEND", CompressedAnswers)
    app.config.setdefault("COMPRESS_CACHE_KEY", cache_key)
    app.config["COMPRESS_REGISTER"] = False
    compress.init_app(app)

    @app.after_request
    def _compress(response: Response) -> Response:
        # A file answer (static/quet.js) would be compressed as a stream whose file nobody closes:
        # read it (a few kilobytes) and close it now.
        if response.direct_passthrough and response.mimetype in compress.compress_mimetypes_set:
            opened = response.response
            response.direct_passthrough = False
            response.make_sequence()
            if hasattr(opened, "close"):
                opened.close()
        return compress.after_request(response)


def remember_body_digest(digest: str) -> None:
    """Let this answer's compressed bytes be kept under `digest` (a digest of its whole body)."""
    setattr(g, _KEY, digest)


def cache_key(_: Any) -> str:
    """Return the key Flask-Compress keeps this answer under (it prefixes the encoding)."""
    return str(g.get(_KEY) or NO_KEY)


class CompressedAnswers:
    """The cache backend Flask-Compress builds: an LRU that ignores answers without a digest."""

    def __init__(self, size: int = 512) -> None:
        self._items = LruCache[bytes]("compressed", size, observe_cache)

    def get(self, key: str) -> bytes | None:
        """Return the compressed bytes kept under `key`, if any."""
        return None if key.endswith(";" + NO_KEY) else self._items.get(key)

    def set(self, key: str, value: bytes) -> None:
        """Keep `value` under `key` unless the answer had no digest."""
        if not key.endswith(";" + NO_KEY):
            self._items.put(key, value)
