"""Security headers on every answer; pages get a strict Content-Security-Policy."""

from __future__ import annotations

import base64
import hashlib

from flask import Response

from . import bp

PRINT_HANDLER = "window.print()"
_PRINT_HASH = base64.b64encode(hashlib.sha256(PRINT_HANDLER.encode()).digest()).decode()


def page_policy(script_src: str) -> str:
    """Return the pages' Content-Security-Policy with `script-src` as given."""
    return (
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
        f"script-src {script_src}; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )


# Pages carry their CSS inline and one inline handler (the print button); nothing else may load.
PAGE_POLICY = page_policy(f"'unsafe-hashes' 'sha256-{_PRINT_HASH}'")
# The counter's pages load static/quay.js, which fetches the preview from the same origin.
COUNTER_POLICY = page_policy(f"'self' 'unsafe-hashes' 'sha256-{_PRINT_HASH}'") + "; connect-src 'self'"
# /quet alone loads a script: static/quet.js from this origin.
SCAN_POLICY = page_policy("'self'")
# Every answer gets the first, pages all three, unless the view set its own.
_WANTED = (("X-Content-Type-Options", "nosniff"),)
_WANTED_HTML = (*_WANTED, ("Content-Security-Policy", PAGE_POLICY), ("Referrer-Policy", "no-referrer"))


@bp.after_app_request
def security_headers(response: Response) -> Response:
    """Add nosniff everywhere and the page policy to HTML answers, unless the view set its own."""
    # Named once: werkzeug's lookup of a header that is absent raises and catches an HTTP exception.
    present = {name.lower() for name, _ in response.headers.items()}
    for name, value in _WANTED_HTML if response.mimetype == "text/html" else _WANTED:
        if name.lower() not in present:
            response.headers.add(name, value)
    return response
