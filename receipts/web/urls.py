"""Public links: what QR codes and API answers print."""

from __future__ import annotations

from flask import current_app, request


def public_base() -> str:
    """Return RECEIPTS_PUBLIC_URL, or the scheme, host and prefix of this request."""
    return current_app.config["PUBLIC_URL"] or request.url_root.rstrip("/")


def verify_url(token: str) -> str:
    """Return the URL that a receipt's QR encodes."""
    return f"{public_base()}/r/{token}"
