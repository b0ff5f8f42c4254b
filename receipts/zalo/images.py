"""Fetch the image a citizen sent: Zalo hands the webhook only its URL on Zalo's CDN."""

from __future__ import annotations

import logging
import urllib.error
import urllib.request

log = logging.getLogger(__name__)
TIMEOUT = 10.0
MAX_BYTES = 5 * 1024 * 1024


def fetch_image(url: str, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES) -> bytes | None:
    """Return the image's bytes; None for a non-HTTP address, a failure, a non-image or one too big."""
    if not url.startswith(("https://", "http://")):
        return None
    request = urllib.request.Request(url, method="GET")  # noqa: S310 - the scheme is checked above
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - checked above
            if not response.headers.get_content_type().startswith("image/"):
                return None
            # One byte past the cap tells a too-big image from one exactly at the cap, whatever
            # Content-Length claims.
            data = response.read(max_bytes + 1)
    except (OSError, ValueError) as error:  # HTTPError, URLError, timeouts, resets; a malformed URL
        log.info("could not fetch a sent image: %s", getattr(error, "reason", None) or error)
        return None
    return data if len(data) <= max_bytes else None
