"""/quet: scan a receipt's QR with the phone's camera, where the browser allows it."""

from __future__ import annotations

from flask import Response, make_response, render_template

from .. import links
from . import bp
from .headers import SCAN_POLICY


@bp.get("/quet")
def scan() -> Response:
    """Show the scanner (static/quet.js) and how to scan with Zalo where the browser cannot."""
    accept = links.receipt_page_prefix(links.public_base())
    response = make_response(render_template("scan.html", accept=accept))
    # The one page that runs a script: the same-origin file, nothing inline.
    response.headers["Content-Security-Policy"] = SCAN_POLICY
    return response
