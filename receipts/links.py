"""The one place that builds public URLs: what QR codes, pages, PDFs, API answers and the bot print.

Renaming a route here and in its blueprint together keeps every printed QR code working.
"""

from __future__ import annotations

from urllib.parse import quote

from flask import current_app, request


def public_base() -> str:
    """Return RECEIPTS_PUBLIC_URL, or the scheme, host and prefix of this request."""
    return current_app.config["PUBLIC_URL"] or request.url_root.rstrip("/")


def verify_url(base: str, token: str) -> str:
    """Return the URL that a receipt's QR encodes."""
    return f"{base}/r/{token}"


def receipt_page_prefix(base: str) -> str:
    """Return how every receipt page's URL starts: what the scanner at /quet agrees to open."""
    return verify_url(base, "")


def pdf_url(base: str, token: str) -> str:
    """Return the URL of a receipt version's two-copy PDF, as the counter prints it (Liên 1 first)."""
    return f"{verify_url(base, token)}.pdf"


CITIZEN_COPY = "citizen"


def citizen_pdf_url(base: str, token: str) -> str:
    """Return the URL of the same PDF with the citizen's copy (Liên 2) first: the receipt page's link."""
    return f"{pdf_url(base, token)}?copy={CITIZEN_COPY}"


def lookup_url(base: str, code: str) -> str:
    """Return the redacted status page of a dossier, the one the bot links to."""
    return f"{base}/tra-cuu/{code}"


def form_pdf_url(base: str, token: str) -> str:
    """Return the PDF of a form printed from a dossier's record (Mẫu 02–05), named by a signed token."""
    return f"{base}/mau/{token}.pdf"


def receipt_api_url(base: str, code: str) -> str:
    """Return the API address of a receipt (the `Location` of a 201)."""
    return f"{base}/api/v1/receipts/{code}"


def scan_url(base: str) -> str:
    """Return the page that scans a receipt's QR with the phone's camera."""
    return f"{base}/quet"


def catalogue_url(base: str, q: str = "") -> str:
    """Return the procedure catalogue, searched for `q` when given."""
    return f"{base}/thu-tuc" + (f"?q={quote(q)}" if q else "")


def procedure_url(base: str, code: str) -> str:
    """Return one procedure's page."""
    return f"{base}/thu-tuc/{quote(code)}"
