"""The ReportLab contender: the two-copy receipt drawn with ReportLab's platypus, the floor of the benchmark.

It prints what templates/receipt/_form.html prints, from the same `ReceiptSnapshot.form_lines()`:
every value through a format string naming its key, every fixed word from the constants below (the
template's own words), so that a key renamed, added or dropped in form_lines or the template shows in
tests/unit/test_bench_contender.py instead of as a contender drawing less than the service. Same
fonts (the TTFs of fonts/, subset), A4, tables and QR modules; the layout approximates pdf.css.
"""

from __future__ import annotations

import io
import string
from collections.abc import Iterator, Mapping, Sequence
from typing import Any
from xml.sax.saxutils import escape

from receipts.config import ROOT
from receipts.render.labels import form_labels

FONTS = ROOT / "fonts"

# The fixed words of _form.html, which takes them from data/forms/01.json. A paragraph is a tuple of
# parts, each a format string over the escaped form lines and the key whose value must be set for the
# part to print (the template's `{% if %}`), or None. `<b>` is ReportLab's markup, as it is the template's.
T = form_labels("01")
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
SLOGAN = "Độc lập - Tự do - Hạnh phúc"
TITLE = T["title"]
CODE = T["code"] + " {code}"
CORRECTION = T["revision"] + " {correction}"
DOCUMENT_HEADS = (T["col_number"], T["col_name"], T["col_form"], T["col_copies"])
SIGNERS = (T["applicant_sign"], T["officer_sign"])
SIGN_HINT = T["sign_hint"]
FOOTNOTES = (T["footnotes_title"], *T["footnotes"])
Part = tuple[str, str | None]
BEFORE_DOCUMENTS: tuple[tuple[Part, ...], ...] = (
    ((T["unit"] + " {unit_name}, {parent_name}", None),),
    ((T["applicant"] + " <b>{applicant_name}</b>", None),),
    ((T["organization"] + " {organization}", "organization"),),
    ((T["address"] + " {address}", None),),
    ((T["phone"] + " {phone}", None), (" \u00a0 " + T["email"] + " {email}", None)),
    ((T["request"] + " {procedure_name}", None),),
    ((T["documents"], None),),
)
AFTER_DOCUMENTS: tuple[tuple[Part, ...], ...] = (
    ((T["sets"] + " {sets} " + T["sets_unit"], None),),
    ((T["duration"] + " {duration}", None),),
    ((T["received"] + " {received_long}", None),),
    ((T["due"] + " <b>{due_line}</b>", None),),
    ((T["delivery"] + " {delivery_place}", None),),
    ((T["fee"] + " {fee}", "fee"),),
    ((T["note"] + " {note}", "note"),),
    ((T["book"] + " {book}, " + T["number"] + " {number}", None),),
)


def fixed_strings() -> list[str]:
    """Return every fixed word this contender prints (without markup), to check against the template."""
    formats = [CODE, CORRECTION]
    formats += [text for paragraph in (*BEFORE_DOCUMENTS, *AFTER_DOCUMENTS) for text, _ in paragraph]
    literals = [literal for text in formats for literal, *_ in string.Formatter().parse(text)]
    words = [MOTTO, SLOGAN, TITLE, *DOCUMENT_HEADS, *SIGNERS, SIGN_HINT, *FOOTNOTES]
    for literal in literals:
        words += literal.replace("<b>", "\n").replace("</b>", "\n").split("\n")
    return [word.strip(" ,") for word in words if word.strip(" ,")]


def paragraphs(parts: Sequence[tuple[Part, ...]], lines: Mapping[str, Any]) -> Iterator[str]:
    """Yield the markup of each paragraph that prints, its values escaped, skipping the parts unset."""
    values = {key: escape(str(value)) for key, value in lines.items() if isinstance(value, str | int)}
    for paragraph in parts:
        printed = [text.format_map(values) for text, key in paragraph if key is None or lines[key]]
        if printed:
            yield "".join(printed)


def copy_label(label: str, lines: Mapping[str, Any]) -> list[str]:
    """Return the italic lines under the code: the copy, and which correction this version is."""
    correction = [f"({CORRECTION.format(correction=lines['version'] - 1)})"] if lines["version"] > 1 else []
    return [f"({label})", *correction]


def register_fonts() -> None:
    """Register the serif faces of fonts/ with ReportLab, once per process."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "Serif" in pdfmetrics.getRegisteredFontNames():
        return
    faces = {"Serif": (0, 0), "Serif-Bold": (1, 0), "Serif-Italic": (0, 1), "Serif-BoldItalic": (1, 1)}
    for name, (bold, italic) in faces.items():
        style = name.removeprefix("Serif").removeprefix("-") or "Regular"
        pdfmetrics.registerFont(TTFont(name, str(FONTS / f"LiberationSerif-{style}.ttf")))
        addMapping("Serif", bold, italic, name)


def styles() -> dict[str, Any]:
    """Return the paragraph styles of the form, after pdf.css (12.5 pt, 1.2 line height)."""
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm

    size = 12.5
    body = ParagraphStyle("body", fontName="Serif", fontSize=size, leading=size * 1.2, spaceAfter=1.2 * mm)
    small = ParagraphStyle("small", body, fontSize=size * 0.95, leading=size * 1.19, spaceAfter=0)
    centred = ParagraphStyle("centred", body, alignment=TA_CENTER, leftIndent=26 * mm, rightIndent=26 * mm)
    return {
        "size": size,
        "body": body,
        "small": small,
        "centred_small": ParagraphStyle("centred_small", small, alignment=TA_CENTER),
        "centred": centred,
        "title": ParagraphStyle(
            "title",
            centred,
            fontName="Serif-Bold",
            fontSize=size * 1.1,
            spaceBefore=4 * mm,
            spaceAfter=1 * mm,
        ),
        "sign": ParagraphStyle("sign", body, alignment=TA_CENTER, spaceAfter=0),
        "note": ParagraphStyle("note", body, fontSize=size * 0.85, leading=size * 1.0, spaceAfter=0.5 * mm),
    }


def para(text: object, style: Any, tag: str = "") -> Any:
    """Return a Paragraph of plain text (escaped), inside `tag` if given."""
    from reportlab.platypus import Paragraph

    markup = escape(str(text))
    return Paragraph(f"<{tag}>{markup}</{tag}>" if tag else markup, style)


def table_styles() -> dict[str, Any]:
    """Return the styles of the borderless (head, signatures) and the ruled (documents) tables."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import TableStyle

    paddings = ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")
    bare = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), "Serif")]
    bare += [(side, (0, 0), (-1, -1), 0) for side in paddings]
    ruled = [*bare, ("GRID", (0, 0), (-1, -1), 0.6, colors.black)]
    ruled += [(side, (0, 0), (-1, -1), 1.2 * mm) for side in paddings[:2]]
    ruled += [(side, (0, 0), (-1, -1), 0.6 * mm) for side in paddings[2:]]
    return {
        "head": TableStyle([*bare, ("ALIGN", (0, 0), (0, 0), "CENTER")]),
        "bare": TableStyle(bare),
        "ruled": TableStyle(ruled),
    }


def tables(lines: Mapping[str, Any], st: Mapping[str, Any]) -> tuple[list[Any], list[Any], list[Any]]:
    """Return the cells of the head, documents and signatures tables; new for each copy (laid out once)."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer
    from reportlab.platypus.flowables import HRFlowable

    small, centred_small, sign = st["small"], st["centred_small"], st["sign"]
    agency = [
        para(lines["parent_name"], centred_small),
        para(lines["unit_name"], centred_small, "b"),
        HRFlowable(width="30%", thickness=0.6, color=colors.black, spaceBefore=1),
    ]
    motto = [para(MOTTO, centred_small, "b"), Paragraph(f"<b><u>{escape(SLOGAN)}</u></b>", centred_small)]
    head = [[agency, motto], ["", para(lines["place_date"], centred_small, "i")]]
    documents = [
        [para(text, centred_small, "b") for text in DOCUMENT_HEADS],
        *(
            [
                para(n, centred_small),
                para(d["name"], small),
                para(d["form"], small),
                para(d["copies"], centred_small),
            ]
            for n, d in enumerate(lines["documents"], 1)
        ),
    ]
    signatures = [
        [[para(who, sign, "b"), para(SIGN_HINT, sign, "i")] for who in SIGNERS],
        [[Spacer(1, 15 * mm), para(lines[key], sign, "b")] for key in ("applicant_name", "officer_name")],
    ]
    return head, documents, signatures


def qr_painter(verify_url: str) -> Any:
    """Return a page callback drawing the QR of `verify_url` top right, as runs of dark modules."""
    import segno
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm

    rows = [list(r) for r in segno.make_qr(verify_url, error="m", boost_error=False).matrix_iter(border=2)]

    def draw_qr(canvas: Any, _doc: Any) -> None:
        module = 24 * mm / len(rows)
        left, top = A4[0] - 39 * mm, A4[1] - 39 * mm
        for y, modules in enumerate(rows):
            x = 0
            while x < len(modules):
                start = x
                while x < len(modules) and modules[x]:
                    x += 1
                if x > start:
                    canvas.rect(
                        left + start * module, top - (y + 1) * module, (x - start) * module, module, 0, 1
                    )
                x += 1

    return draw_qr


def document_columns(width: float) -> list[float]:
    """Return the widths of the documents table's columns: pdf.css's content widths plus the padding."""
    from reportlab.lib.units import mm

    # ReportLab's widths include the cell padding, CSS's (content-box) do not: without it "TT" wraps.
    padding = 2 * 1.2 * mm
    number, form, copies = 8 * mm + padding, 38 * mm + padding, 17 * mm + padding
    return [number, width - number - form - copies, form, copies]


def copy_story(label: str, lines: Mapping[str, Any], st: Mapping[str, Any], width: float) -> list[Any]:
    """Return the flowables of one copy of the form, ending with a page break; `st` holds all styles."""
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, Spacer, Table

    head, documents, signatures = tables(lines, st)
    body = st["body"]
    return [
        Table(head, colWidths=[0.42 * width, 0.58 * width], style=st["head"]),
        para(TITLE, st["title"]),
        Paragraph(f"<b>{CODE.format(code=escape(lines['code']))}</b>", st["centred"]),
        *(para(line, st["centred"], "i") for line in copy_label(label, lines)),
        *(Paragraph(text, body) for text in paragraphs(BEFORE_DOCUMENTS, lines)),
        Table(documents, colWidths=document_columns(width), style=st["ruled"]),
        Spacer(1, 2 * mm),
        *(Paragraph(text, body) for text in paragraphs(AFTER_DOCUMENTS, lines)),
        Spacer(1, 4 * mm),
        Table(signatures, colWidths=[width / 2, width / 2], style=st["bare"]),
        Spacer(1, 3 * mm),
        *(para(line, st["note"]) for line in FOOTNOTES),
        PageBreak(),
    ]


def reportlab_pdf(lines: Mapping[str, Any], labels: Sequence[str], verify_url: str) -> bytes:
    """Draw one copy of the form per label with ReportLab: same fonts, lines, tables and QR modules.

    `lines` is `ReceiptSnapshot.form_lines()`, `labels` is `receipts.domain.receipt.COPIES`.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

    register_fonts()
    st = {**styles(), **table_styles()}
    width = A4[0] - 40 * mm
    story = [flowable for label in labels for flowable in copy_story(label, lines, st, width)]
    out = io.BytesIO()
    frame = Frame(25 * mm, 15 * mm, width, A4[1] - 30 * mm, 0, 0, 0, 0)
    page = PageTemplate(frames=[frame], onPage=qr_painter(verify_url))
    BaseDocTemplate(
        out,
        pagesize=A4,
        title=lines["code"],
        initialFontName="Serif",
        initialFontSize=st["size"],
        pageTemplates=[page],
    ).build(story[:-1])
    return out.getvalue()
