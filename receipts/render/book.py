"""Mẫu 07, the log book, as CSV that spreadsheets open right (UTF-8, BOM); its PDF is render/book_pdf.py."""

from __future__ import annotations

import csv
import io

from ..domain.book import LogBook, row_cells
from .labels import form_labels


def _cell(value: str) -> str:
    # A name typed as "=HYPERLINK(…)" must stay text in a spreadsheet, not become a formula.
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def book_csv(book: LogBook) -> bytes:
    """Return the log book as CSV: UTF-8 with a byte order mark, so that Excel reads Vietnamese right."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(form_labels("07")["columns"])
    writer.writerows([_cell(cell) for cell in row_cells(row)] for row in book.rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")
