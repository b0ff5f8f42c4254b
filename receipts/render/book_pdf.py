"""Mẫu 07, the log book, as a landscape A4 PDF drawn with ReportLab's platypus.

A busy day's book is a thousand rows of fifteen cells. WeasyPrint lays out such a table at some 35 ms
a row (a minute for a thousand), while the book is a plain grid: ReportLab draws it in a few
seconds, with the same fonts (the TTFs of fonts/, embedded as subsets) and the words of
data/forms/07.json. Everything else the service prints stays HTML and WeasyPrint.
"""

from __future__ import annotations

import io
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from ..config import ROOT
from ..domain.book import LogBook, row_cells
from .labels import form_labels

SERIF, BOLD, ITALIC = "Receipt-Serif", "Receipt-Serif-Bold", "Receipt-Serif-Italic"
_FONT_FILES = {
    SERIF: "LiberationSerif-Regular.ttf",
    BOLD: "LiberationSerif-Bold.ttf",
    ITALIC: "LiberationSerif-Italic.ttf",
}
MOTTO, SLOGAN = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"
PAGE = landscape(A4)
MARGINS = {"leftMargin": 12 * mm, "rightMargin": 10 * mm, "topMargin": 10 * mm, "bottomMargin": 12 * mm}
# Our font from the first page on: ReportLab's default (Helvetica, not embedded) is never named.
DOCUMENT = {"pagesize": landscape(A4), "initialFontName": "Receipt-Serif", "initialFontSize": 8, **MARGINS}
# The columns' widths in mm, as the form draws them; the procedure's name takes what is left.
WIDTHS = (10, 10, 34, None, 11, 24, 25, 22, 15, 15, 15, 15, 15, 12, 17)
# Cells printed as they are (short, never wrapped): the volume, the number, the code, the sets.
PLAIN = frozenset({0, 1, 2, 4})
CENTRED = frozenset({0, 1, 4})
DATES = slice(8, 13)
PADDING, LEADING, FRAME_PADDING = 0.7 * mm, 8.6, 6
# What a page keeps free of rows beyond their measured heights (the grid's lines).
SLACK = 2 * mm


@lru_cache(maxsize=1)
def _styles() -> dict[str, ParagraphStyle]:
    for name, file in _FONT_FILES.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(ROOT / "fonts" / file)))
    pdfmetrics.registerFontFamily(SERIF, normal=SERIF, bold=BOLD, italic=ITALIC, boldItalic=BOLD)
    base = ParagraphStyle("cell", fontName=SERIF, fontSize=7.5, leading=LEADING)
    return {
        "cell": base,
        "head": ParagraphStyle("head", base, fontName=BOLD, alignment=TA_CENTER),
        "top": ParagraphStyle("top", base, fontSize=10, leading=12, alignment=TA_CENTER),
        "title": ParagraphStyle("title", base, fontName=BOLD, fontSize=13, leading=16, alignment=TA_CENTER),
        "period": ParagraphStyle(
            "period", base, fontName=ITALIC, fontSize=8.5, leading=10, alignment=TA_CENTER
        ),
        "text": ParagraphStyle("text", base, fontSize=8.5, leading=10),
    }


def book_pdf(book: LogBook) -> bytes:
    """Return the log book as a landscape A4 PDF: the header, the grid (its head on every page), the total."""
    styles, words = _styles(), form_labels("07")
    out = io.BytesIO()
    document = SimpleDocTemplate(out, title=words["title"], author=book.unit_name, **DOCUMENT)
    total = f"{words['total']} {len(book.rows)}" + ("" if book.rows else f". {words['empty']}")
    top: list[Flowable] = [
        _header(book, styles),
        Paragraph(escape(words["title"]), styles["title"]),
        Paragraph(escape(book.period()), styles["period"]),
        Spacer(0, 2 * mm),
    ]
    # The frame SimpleDocTemplate lays the story in keeps 6 pt free on each side.
    width, height = document.width - 2 * FRAME_PADDING, document.height - 2 * FRAME_PADDING
    grid = _Grid(words, styles, width)
    rows = [grid.row(cells) for cells in (row_cells(r) for r in book.rows)]
    first = height - sum(f.wrap(width, height)[1] for f in top)
    story = top + grid.pages(rows, first, height)
    story += [Spacer(0, 2 * mm), Paragraph(escape(total), styles["text"])]
    document.build(story, canvasmaker=_NumberedCanvas)
    return out.getvalue()


def _header(book: LogBook, styles: dict[str, ParagraphStyle]) -> Table:
    """The forms' shared header: the body over the unit, the national motto, place and date."""
    top, h = styles["top"], book.header()
    agency = [Paragraph(escape(h["parent_name"]), top), Paragraph(f"<b>{escape(h['unit_name'])}</b>", top)]
    agency.append(HRFlowable(width="30%", thickness=0.6, color=colors.black, spaceBefore=2))
    motto = [Paragraph(f"<b>{MOTTO}</b>", top), Paragraph(f"<b><u>{SLOGAN}</u></b>", top)]
    place = Paragraph(f"<i>{escape(h['place_date'])}</i>", top)
    table = Table([[agency, motto], ["", place]], colWidths=[80 * mm, 100 * mm])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), SERIF, 10),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
            ]
        )
    )
    return table


class _Grid:
    """The book's table cut into one table a page by the rows' heights, each with the two-line head.

    ReportLab splits a long table page by page, measuring the rest of it again at every split: a
    thousand rows would be measured a hundred times over. Measured once here, they are dealt out.
    """

    def __init__(self, words: dict[str, Any], styles: dict[str, ParagraphStyle], width: float) -> None:
        columns, head = words["columns"], styles["head"]
        first = [Paragraph(escape(name), head) for name in columns]
        second: list[Any] = ["" for _ in columns]
        first[DATES] = [Paragraph(escape(words["dates_group"]), head)] + ["" for _ in columns[DATES][1:]]
        second[DATES] = [Paragraph(escape(name), head) for name in columns[DATES]]
        self.head = [first, second]
        fixed = sum(w for w in WIDTHS if w is not None) * mm
        self.widths = [w * mm if w is not None else width - fixed for w in WIDTHS]
        self.style = _grid_style(len(columns))
        self.cell = styles["cell"]
        self.head_height = self._table([]).wrap(width, PAGE[1])[1]

    def row(self, values: list[str]) -> tuple[list[Any], float]:
        """Return a row's cells (long text as paragraphs) and the height it takes."""
        cells: list[Any] = [
            v if i in PLAIN or not v else Paragraph(escape(v), self.cell) for i, v in enumerate(values)
        ]
        inner = [w - 2 * PADDING for w in self.widths]
        heights = [
            c.wrap(inner[i], PAGE[1])[1] if isinstance(c, Paragraph) else LEADING for i, c in enumerate(cells)
        ]
        return cells, max(heights) + 2 * PADDING

    def pages(self, rows: list[tuple[list[Any], float]], first: float, height: float) -> list[Flowable]:
        """Return one table a page: as many rows as fit below the head, `first` high on the first page."""
        story: list[Flowable] = []
        page: list[tuple[list[Any], float]] = []
        room = first - self.head_height - SLACK
        for cells, needed in rows:
            if page and needed > room:
                story += [self._table(page), PageBreak()]
                page, room = [], height - self.head_height - SLACK
            page.append((cells, needed))
            room -= needed
        return [*story, self._table(page)]

    def _table(self, rows: list[tuple[list[Any], float]]) -> Table:
        # The rows' heights as measured, so that the table need not measure them again.
        heights = [None, None, *(needed for _, needed in rows)]
        table = Table(self.head + [cells for cells, _ in rows], colWidths=self.widths, rowHeights=heights)
        table.setStyle(self.style)
        return table


def _grid_style(count: int) -> TableStyle:
    """Return the grid's lines, fonts, paddings and the head's merged cells."""
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        # Every cell, the empty ones too: a table's default font is Helvetica, which is not ours.
        ("FONT", (0, 0), (-1, -1), SERIF, 7.5, LEADING),
        ("VALIGN", (0, 0), (-1, 1), "MIDDLE"),
        ("VALIGN", (0, 2), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PADDING),
        ("SPAN", (DATES.start, 0), (DATES.stop - 1, 0)),
    ]
    commands += [("SPAN", (i, 0), (i, 1)) for i in range(count) if not DATES.start <= i < DATES.stop]
    commands += [("ALIGN", (i, 2), (i, -1), "CENTER") for i in CENTRED]
    return TableStyle(commands)


class _NumberedCanvas(Canvas):
    """A canvas that writes "page/pages" at the bottom right of every page once it knows how many."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802  (ReportLab's name)
        """Keep the page to number it when the count is known."""
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        """Number every page "n/N" and write the document."""
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self.setFont(SERIF, 8)
            self.drawRightString(PAGE[0] - MARGINS["rightMargin"], 6 * mm, f"{number}/{len(self._pages)}")
            super().showPage()
        super().save()
