"""QR codes as inline SVG (never Micro QR), so that WeasyPrint draws vectors."""

from __future__ import annotations

from functools import lru_cache

import segno

from .segno_masks import ERROR, best_mask

__all__ = ["best_mask", "qr_svg", "qr_version"]


# Small: a page view draws its QR once, and finished PDFs are cached by the renderer anyway.
@lru_cache(maxsize=64)
def qr_svg(data: str, scale: int = 3, mask: int | None = None) -> str:
    """Return an SVG element encoding `data` at error correction M or better.

    `mask` is `best_mask(data)` when known (kept when the receipt was issued): the same QR, drawn
    without choosing its mask again.
    """
    if mask is None:
        mask = best_mask(data)
    code = segno.make_qr(data, error=ERROR, boost_error=False, mask=mask)
    return code.svg_inline(scale=scale, border=2, dark="#000", light="#fff", omitsize=False)


def qr_version(data: str) -> int:
    """Return the QR version `data` needs at error correction M."""
    return segno.make_qr(data, error=ERROR, boost_error=False).version
