"""Validators for the public pages and PDFs: ETag, If-None-Match → 304, revalidate every time."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Hashable

from flask import Response, request
from werkzeug.http import generate_etag

from ..compression import remember_body_digest

# Private: the page names a person. no-cache: kept, but asked about each time, so that a status
# change shows at once while an unchanged page costs a 304.
REVALIDATE = "private, no-cache"


@functools.lru_cache(maxsize=4096)
def tag_of(release: str, key: Hashable) -> str:
    """Return an ETag value for what `key` names (all a cached answer prints) in this release.

    Kept per key: hashing the key is cheaper than spelling it out to digest it (a PDF seen again).
    """
    return hashlib.blake2b(repr((release, key)).encode(), digest_size=12).hexdigest()


def not_modified(etag: str) -> Response | None:
    """Return a 304 when the client already holds `etag` (weakly compared), else None."""
    if not request.if_none_match.contains_weak(etag):
        return None
    response = Response(status=304)
    _mark(response, etag)
    return response


def digested(body: str) -> tuple[bytes, str]:
    """Return a page's bytes with their digest, to keep both and tag its answers (`revalidated`).

    Kept as bytes, a page seen again is not encoded again (13 KB of Vietnamese for a receipt).
    """
    data = body.encode()
    return data, generate_etag(data)


def revalidated(response: Response, etag: str | None = None, *, digest: str | None = None) -> Response:
    """Tag an answer by `etag` (from what it was made of) or by the `digest` of its body (`digested`),
    and turn it into a 304 if the client has it.

    Weak tags: gzip or brotli change the bytes, not what the answer means, and Flask-Compress keeps
    a weak tag as it is (a strong one would get the encoding appended).
    """
    if digest is not None:
        # The tag is the body's digest: its compressed bytes can be kept under it.
        remember_body_digest(digest)
        etag = digest
    assert etag is not None, "an answer is tagged by what it was made of or by its body's digest"
    _mark(response, etag)
    # Only If-None-Match applies (no dates, no ranges): werkzeug's make_conditional weighs them all.
    # A 304 goes out with the tag and without a body (werkzeug drops it and its length).
    if request.if_none_match.contains_weak(etag):
        response.status_code = 304
    return response


def _mark(response: Response, etag: str) -> None:
    response.set_etag(etag, weak=True)
    response.headers["Cache-Control"] = REVALIDATE
