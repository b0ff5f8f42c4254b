"""Reading printed forms back: their text, fonts, QR codes, where a line sits, and how a page looks."""

from __future__ import annotations

import io
import os
import re
import unicodedata
from pathlib import Path

import pypdfium2 as pdfium
import zxingcpp
from PIL import Image, ImageChops
from pypdf import PdfReader

REFERENCES = Path(__file__).parent / "references"
# `RECEIPTS_UPDATE_REFERENCES=1 pytest tests/web/test_form01.py tests/web/test_form07.py
# tests/web/test_notice_pdfs.py` rewrites the reference images (after a deliberate change of
# layout); commit them with the change.
UPDATE = os.environ.get("RECEIPTS_UPDATE_REFERENCES") == "1"
# A pixel differs when its grey level moves by more than this; a page differs when more than
# TOLERANCE of its pixels do (antialiasing of the same layout moves far fewer).
PIXEL_STEP = 64
TOLERANCE = 0.002


def words(text: str) -> str:
    """Return `text` in NFC with every run of white space (no-break ones too) folded to one space."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def pdf_text(data: bytes) -> list[str]:
    """Return each page's text, NFC, with white space folded to single spaces."""
    document = pdfium.PdfDocument(data)
    try:
        return [words(page.get_textpage().get_text_range()) for page in document]
    finally:
        document.close()


def page_size(data: bytes, index: int = 0) -> tuple[int, int]:
    """Return a page's width and height in points, rounded."""
    document = pdfium.PdfDocument(data)
    try:
        width, height = document[index].get_size()
        return round(width), round(height)
    finally:
        document.close()


def raster(data: bytes, index: int = 0, dpi: int = 100) -> Image.Image:
    """Return a page rasterised at `dpi`, in grey levels."""
    document = pdfium.PdfDocument(data)
    try:
        return document[index].render(scale=dpi / 72).to_pil().convert("L")
    finally:
        document.close()


def decode_qr(data: bytes, index: int = 0) -> list[str]:
    """Return the QR codes found on a page rasterised at 150 dpi."""
    image = raster(data, index, dpi=150)
    return [r.text for r in zxingcpp.read_barcodes(image) if r.format == zxingcpp.BarcodeFormat.QRCode]


def text_box(data: bytes, needle: str, index: int = 0) -> tuple[float, float, float, float]:
    """Return (left, bottom, right, top) in points of the first occurrence of `needle` on a page."""
    document = pdfium.PdfDocument(data)
    try:
        textpage = document[index].get_textpage()
        hit = textpage.search(needle).get_next()
        assert hit, f"{needle!r} is not on page {index}"
        start, count = hit
        boxes = [textpage.get_charbox(i) for i in range(start, start + count)]
        return (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )
    finally:
        document.close()


def fonts_of(data: bytes) -> set[str]:
    """Return the embedded fonts' names without subset tags; fail on one not embedded or not subset."""
    seen = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            name = str(target["/BaseFont"])
            descriptor = target["/FontDescriptor"].get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), name
            assert re.match(r"^/[A-Z]{6}\+", name), f"{name} is not subset"
            seen.add(name.split("+", 1)[1])
    return seen


def differing_share(image: Image.Image, reference: Image.Image) -> float:
    """Return the share of pixels whose grey level differs by more than PIXEL_STEP."""
    if image.size != reference.size:
        return 1.0
    diff = ImageChops.difference(image, reference).point(lambda v: 255 if v > PIXEL_STEP else 0)
    return sum(diff.histogram()[255:]) / (image.size[0] * image.size[1])


def matches_reference(image: Image.Image, name: str) -> float:
    """Return how much `image` differs from tests/references/`name`.png (rewritten first when UPDATE)."""
    path = REFERENCES / f"{name}.png"
    if UPDATE:
        REFERENCES.mkdir(exist_ok=True)
        image.save(path, optimize=True)
    assert path.exists(), (
        f"no reference {path.name}: run with RECEIPTS_UPDATE_REFERENCES=1 once and look at it"
    )
    with Image.open(path) as reference:
        return differing_share(image, reference.convert("L"))
