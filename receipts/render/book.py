"""Mẫu 07, the log book, as a landscape A4 PDF and as CSV that spreadsheets open right (UTF-8, BOM)."""

from __future__ import annotations

import csv
import io

from flask import current_app

from ..domain.book import LogBook, row_cells
from .labels import form_labels
from .pdf import PdfRenderer

# A log book is long by nature (a busy day is 1,000 dossiers, some 70 pages): it is refused only
# beyond this.
MAX_BOOK_PAGES = 2000


def book_html(book: LogBook) -> str:
    """Return the HTML of the log book's PDF (templates/forms/07.html)."""
    template = current_app.jinja_env.get_template("forms/07.html")
    return template.render(
        t=form_labels("07"), h=book.header(), period=book.period(), rows=[row_cells(r) for r in book.rows]
    )


def book_pdf(book: LogBook, renderer: PdfRenderer) -> bytes:
    """Return the log book as a landscape A4 PDF, with our fonts."""
    return renderer.render(book_html(book), max_pages=MAX_BOOK_PAGES)


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
