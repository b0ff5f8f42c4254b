"""Read the QR codes in a photo (zxing-cpp; this module is its only importer)."""

from __future__ import annotations

import io
import logging

import zxingcpp
from PIL import Image, UnidentifiedImageError

log = logging.getLogger(__name__)
# A phone's photo is about 12 megapixels; more is a decompression bomb, not a receipt.
MAX_PIXELS = 40_000_000


def read_qr_texts(data: bytes) -> list[str]:
    """Return the texts of the QR codes found in an image file's bytes; [] for none or no image."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                return []
            gray = image.convert("L")
        results = zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormat.QRCode)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        log.info("could not read a sent image: %s", error)
        return []
    return [result.text for result in results if result.valid and result.text]
