"""The log book (Mẫu 07) of a day with 1,000 receipts: its rows, its CSV and its PDF, against one receipt.

Run: .venv/bin/python -m benchmarks.bench_book [--quick]

One SQLite file with the demo catalogue; 1,000 copies of the guide's example receipt issued on
25/11/2020 through the services (as the API and the counter issue them). Then, in turns: one
receipt's two-copy PDF rendered afresh (the unit the ratio divides by), the rows of the day (one
query for the receipts, one for when results were returned), the CSV and the landscape A4 PDF
(ReportLab, render/book_pdf.py; the receipt is WeasyPrint, so the ratio is across renderers).
Medians of the rounds. No target is asserted anywhere; the issue asks the book to print in under 5 s.
"""

from __future__ import annotations

import argparse
import gc
import tempfile
from datetime import date
from pathlib import Path

import pypdfium2 as pdfium

from benchmarks.example_app import EXAMPLE, make_database, start_app
from benchmarks.harness import medians, row, table, timer
from receipts import runtime
from receipts.clock import now_local
from receipts.extensions import db
from receipts.render import book as render_book
from receipts.render.book_pdf import book_pdf
from receipts.render.forms import receipt_pdf_sources
from receipts.services import book as book_service
from receipts.services import receipts

DAY = date(2020, 11, 25)
AGENCY = EXAMPLE.agency_code


def measure(count: int, rounds: int) -> dict[str, float]:
    """Issue `count` receipts on one day, then time the book's parts and one receipt, `rounds` times."""
    with tempfile.TemporaryDirectory() as folder:
        app = start_app(make_database(Path(folder)), warm=True)
        times: dict[str, list[float]] = {"rows": [], "csv": [], "pdf": [], "receipt": []}
        with app.app_context():
            sample = [receipts.issue(EXAMPLE, now_local()) for _ in range(count)][0].snapshot
            # What issuing left (the session's objects) would be scanned by the collection after each
            # render (a worker's heap holds none of it): dropped, and the rest frozen as warm() does.
            db.session.remove()
            gc.collect()
            gc.freeze()
            renderer = runtime.renderer()
            pages = 0
            for _ in range(rounds):
                # The receipt first: after the book, the collection of the book's garbage (which
                # PdfRenderer runs after every render) would be charged to it.
                with timer(times["receipt"]):
                    renderer.render(*receipt_pdf_sources(sample, "https://x.invalid/r/1"))
                with timer(times["rows"]):
                    book = book_service.log_book(AGENCY, DAY, DAY, now_local())
                with timer(times["csv"]):
                    render_book.book_csv(book)
                with timer(times["pdf"]):
                    pdf = book_pdf(book)
                pages = len(pdfium.PdfDocument(pdf))
        assert len(book.rows) == count
        return {**medians(times), "pages": float(pages)}


def main() -> None:
    """Print the results as a markdown table."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="3 rounds instead of 5")
    args = parser.parse_args()
    count, rounds = 1000, 3 if args.quick else 5
    result = measure(count, rounds)
    whole = result["rows"] + result["pdf"]
    print(
        table(
            [
                row(f"rows of the day ({count} receipts)", f"{result['rows']:.0f} ms"),
                row("CSV", f"{result['csv']:.0f} ms"),
                row(f"landscape A4 PDF ({result['pages']:.0f} pages)", f"{result['pdf']:.0f} ms"),
                row("rows + PDF", f"{whole / 1000:.2f} s", "< 5 s", whole < 5000),
                row("one receipt's PDF (two copies), fresh", f"{result['receipt']:.0f} ms"),
                row("book PDF ÷ one receipt", f"{result['pdf'] / result['receipt']:.0f}×"),
            ]
        )
    )


if __name__ == "__main__":
    main()
