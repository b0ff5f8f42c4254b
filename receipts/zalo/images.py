"""Fetch the image a citizen sent: Zalo hands the webhook only its URL on Zalo's CDN."""

from __future__ import annotations

import logging
import urllib.error
import urllib.request
from http.client import HTTPMessage
from typing import IO

log = logging.getLogger(__name__)
TIMEOUT = 10.0
MAX_BYTES = 5 * 1024 * 1024


class _HttpRedirectsOnly(urllib.request.HTTPRedirectHandler):
    """Follow a redirect only to http(s): urllib alone would follow one to ftp: too."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if not newurl.startswith(("https://", "http://")):
            return None  # urllib then raises HTTPError for the 3xx
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_HttpRedirectsOnly)


def fetch_image(url: str, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES) -> bytes | None:
    """Return the image's bytes; None for a non-HTTP address, a failure, a non-image or one too big."""
    if not url.startswith(("https://", "http://")):
        return None
    request = urllib.request.Request(url, method="GET")  # noqa: S310 - the scheme is checked above
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            if not response.headers.get_content_type().startswith("image/"):
                return None
            # One byte past the cap tells a too-big image from one exactly at the cap, whatever
            # Content-Length claims.
            data = response.read(max_bytes + 1)
    except (OSError, ValueError) as error:  # HTTPError, URLError, timeouts, resets; a malformed URL
        log.info("could not fetch a sent image: %s", getattr(error, "reason", None) or error)
        return None
    return data if len(data) <= max_bytes else None
