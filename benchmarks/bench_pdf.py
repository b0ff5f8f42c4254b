"""Time the two-copy receipt PDF against a naive WeasyPrint path and a ReportLab floor.

Run from the project root: .venv/bin/python -m benchmarks.bench_pdf [--quick] [--profile]

Every contender prints the same receipt: the example of the province's guide, whose procedure
lists four documents. Timings are medians; the three contenders run in turn within each round, so
that a busy machine slows them alike. The worker measurements (first PDF after a start, RSS over
many renders) run in fresh interpreters, so that nothing this process loaded counts for them.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import logging
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from flask import Flask, current_app
from markupsafe import Markup

from receipts import create_app, imports, services
from receipts.config import ROOT
from receipts.domain.receipt import COPIES, Applicant
from receipts.render.forms import receipt_pdf_sources
from receipts.render.pdf import harfbuzz_subset_available
from receipts.signing.qr import qr_svg

FONTS = ROOT / "fonts"
CSS_PATH = ROOT / "templates" / "receipt" / "pdf.css"
DEMO = ROOT / "data" / "demo"
PUBLIC = "https://motcua.daklak.gov.vn"

EXAMPLE = services.IssueCommand(
    agency_code="000.00.04.H15",
    procedure_code="1.000028.000.00.00.H15",
    applicant=Applicant(
        name="Phan Quốc Hậu",
        organization="VNPT",
        address="06 Lê Duẩn, Phường Tân Tiến, Thành phố Buôn Ma Thuột, Tỉnh Đắk Lắk",
        phone="0946911303",
    ),
    received_at=datetime.fromisoformat("2020-11-25T16:19:50+07:00"),
    officer_name="Nguyễn Văn A",
)


@dataclass(frozen=True)
class Sizes:
    """How many times each measurement runs."""

    rounds: int
    hits: int
    workers: int
    renders: int


FULL = Sizes(rounds=15, hits=200, workers=5, renders=1000)
QUICK = Sizes(rounds=5, hits=50, workers=2, renders=200)


# --- set-up -------------------------------------------------------------------------------------


def config(url: str, *, warm: bool) -> dict[str, Any]:
    """Return the configuration of a benchmark worker."""
    return {
        "DATABASE_URL": url,
        "SECRET_KEYS": "bench-key-0000",
        "WARM_RENDERER": warm,
        "RATELIMIT_ENABLED": False,
        "PUBLIC_URL": PUBLIC,
    }


def make_database(folder: Path) -> str:
    """Create a migrated SQLite file holding the demo agency and procedures; return its URL."""
    from flask_migrate import upgrade

    from receipts.extensions import db

    url = f"sqlite:///{folder / 'bench.sqlite3'}"
    app = create_app(config(url, warm=False))
    with app.app_context():
        upgrade()
        imports.import_agencies(DEMO / "agencies.json")
        imports.import_procedures(DEMO / "procedures.json")
        db.engine.dispose()
    return url


def wait_for_warm(timeout: float = 60.0) -> None:
    """Wait for the thread in which create_app warms the renderer."""
    for thread in threading.enumerate():
        if thread.name.endswith("(warm)"):
            thread.join(timeout)


def issue_and_render() -> tuple[str, bytes]:
    """Issue the example receipt and ask for its PDF (a cache miss); return the token and PDF."""
    token = services.token_for(services.issue(EXAMPLE))
    _, pdf = services.receipt_pdf(token, PUBLIC)
    return token, pdf


def rss_mb() -> float:
    """Return the resident set size of this process in MB."""
    import psutil

    return psutil.Process().memory_info().rss / 2**20


# --- the two other contenders -------------------------------------------------------------------


def naive_pdfs(form: dict[str, Any], verify_url: str) -> list[bytes]:
    """Render each copy as a PDF of its own, parsing the CSS and loading the fonts each time."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    # One copy per document, its label in the flow of the form: the straightforward way.
    template = current_app.jinja_env.from_string(
        '{% from "receipt/_form.html" import form %}<!doctype html>'
        '<html lang="vi" class="paper-{{ r.paper | lower }}"><head><meta charset="utf-8"></head>'
        '<body><section class="copy">{{ form(r, qr, label) }}</section></body></html>'
    )
    css_text = CSS_PATH.read_text(encoding="utf-8")
    base_url = FONTS.as_uri() + "/"
    pdfs = []
    for label in COPIES:
        qr = Markup(qr_svg(verify_url))  # noqa: S704  (segno's SVG of a URL we built)
        html = template.render(r=form, qr=qr, label=label)
        font_config = FontConfiguration()
        css = CSS(string=css_text, base_url=base_url, font_config=font_config)
        pdfs.append(
            HTML(string=html, base_url=base_url).write_pdf(stylesheets=[css], font_config=font_config)
        )
    return pdfs


def _register_reportlab_fonts() -> None:
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


def reportlab_pdf(form: dict[str, Any], verify_url: str) -> bytes:
    """Draw the same two copies with ReportLab: same fonts, lines, tables and QR modules."""
    import segno
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import (
        BaseDocTemplate,
        Frame,
        PageBreak,
        PageTemplate,
        Paragraph,
        Spacer,
        Table,
        TableStyle,
    )
    from reportlab.platypus.flowables import HRFlowable

    _register_reportlab_fonts()
    size = 13
    width = A4[0] - 40 * mm
    body = ParagraphStyle("body", fontName="Serif", fontSize=size, leading=size * 1.25, spaceAfter=1.5 * mm)
    small = ParagraphStyle("small", body, fontSize=size * 0.95, leading=size * 1.19, spaceAfter=0)
    centred_small = ParagraphStyle("centred_small", small, alignment=TA_CENTER)
    centred = ParagraphStyle("centred", body, alignment=TA_CENTER, leftIndent=26 * mm, rightIndent=26 * mm)
    title = ParagraphStyle(
        "title", centred, fontName="Serif-Bold", fontSize=size * 1.1, spaceBefore=4 * mm, spaceAfter=1 * mm
    )
    sign = ParagraphStyle("sign", body, alignment=TA_CENTER, spaceAfter=0)
    bare = [("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONTNAME", (0, 0), (-1, -1), "Serif")]
    bare += [
        (side, (0, 0), (-1, -1), 0) for side in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")
    ]
    ruled = [*bare, ("GRID", (0, 0), (-1, -1), 0.6, colors.black)]
    ruled += [(side, (0, 0), (-1, -1), 1.2 * mm) for side in ("LEFTPADDING", "RIGHTPADDING")]
    ruled += [(side, (0, 0), (-1, -1), 0.6 * mm) for side in ("TOPPADDING", "BOTTOMPADDING")]

    def para(text: object, style: ParagraphStyle, tag: str = "") -> Paragraph:
        markup = escape(str(text))
        return Paragraph(f"<{tag}>{markup}</{tag}>" if tag else markup, style)

    rows = [
        list(row) for row in segno.make_qr(verify_url, error="m", boost_error=False).matrix_iter(border=2)
    ]

    def draw_qr(canvas: Any, _doc: Any) -> None:
        module = 24 * mm / len(rows)
        left, top = A4[0] - 39 * mm, A4[1] - 39 * mm
        for y, row in enumerate(rows):
            x = 0
            while x < len(row):
                start = x
                while x < len(row) and row[x]:
                    x += 1
                if x > start:
                    canvas.rect(
                        left + start * module, top - (y + 1) * module, (x - start) * module, module, 0, 1
                    )
                x += 1

    def tables() -> tuple[list[Any], list[Any], list[Any]]:
        # New flowables for each copy, as ReportLab lays out each flowable once.
        head = [
            [
                [
                    para(form["parent_name"], centred_small),
                    para(form["unit_name"], centred_small, "b"),
                    HRFlowable(width="30%", thickness=0.6, color=colors.black, spaceBefore=1),
                ],
                [
                    para("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", centred_small, "b"),
                    Paragraph("<b><u>Độc lập - Tự do - Hạnh phúc</u></b>", centred_small),
                ],
            ],
            ["", para(form["place_date"], centred_small, "i")],
        ]
        documents = [
            [
                para(text, centred_small, "b")
                for text in ("TT", "Tên giấy tờ", "Hình thức (bản chính, bản sao hoặc bản chụp)", "Số lượng")
            ],
            *(
                [
                    para(n, centred_small),
                    para(d["name"], small),
                    para(d["form"], small),
                    para(d["copies"], centred_small),
                ]
                for n, d in enumerate(form["documents"], 1)
            ),
        ]
        signatures = [
            [
                [para("NGƯỜI NỘP HỒ SƠ", sign, "b"), para("(Ký và ghi rõ họ tên)", sign, "i")],
                [para("NGƯỜI TIẾP NHẬN HỒ SƠ", sign, "b"), para("(Ký và ghi rõ họ tên)", sign, "i")],
            ],
            [
                [Spacer(1, 18 * mm), para(form["applicant_name"], sign, "b")],
                [Spacer(1, 18 * mm), para(form["officer_name"], sign, "b")],
            ],
        ]
        return head, documents, signatures

    e = {key: escape(str(value)) for key, value in form.items() if isinstance(value, str | int)}
    before = [
        f"Tiếp nhận hồ sơ của: <b>{e['applicant_name']}</b>",
        *([f"Tổ chức: {e['organization']}"] if form["organization"] else []),
        f"Địa chỉ: {e['address']}",
        f"Số điện thoại: {e['phone']}" + (f"  Email: {e['email']}" if form["email"] else ""),
        f"Nội dung yêu cầu giải quyết: {e['procedure_name']}",
        "1. Thành phần hồ sơ nộp gồm:",
    ]
    after = [
        f"2. Số lượng hồ sơ: {e['sets']} (bộ)",
        f"3. Thời gian giải quyết hồ sơ theo quy định là: {e['duration']}",
        f"4. Thời gian nhận hồ sơ: {e['received_long']}",
        f"5. Thời gian trả kết quả giải quyết hồ sơ: {e['due_long']} <b>({e['due_text']})</b>",
        f"6. Đăng ký nhận kết quả tại: {e['delivery']}",
        *([f"Phí, lệ phí: {e['fee']}"] if form["fee"] else []),
        f"Vào Sổ theo dõi hồ sơ, Quyển số: {e['book']}, Số thứ tự: {e['number']}",
    ]
    story: list[Any] = []
    for label in COPIES:
        head, documents, signatures = tables()
        story += [
            Table(
                head,
                colWidths=[0.42 * width, 0.58 * width],
                style=TableStyle([*bare, ("ALIGN", (0, 0), (0, 0), "CENTER")]),
            ),
            para("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", title),
            Paragraph(f"<b>Mã hồ sơ: {e['code']}</b>", centred),
            para(f"({label})", centred, "i"),
            *(Paragraph(line, body) for line in before),
            Table(documents, colWidths=[8 * mm, width - 63 * mm, 38 * mm, 17 * mm], style=TableStyle(ruled)),
            Spacer(1, 2 * mm),
            *(Paragraph(line, body) for line in after),
            Spacer(1, 4 * mm),
            Table(signatures, colWidths=[width / 2, width / 2], style=TableStyle(bare)),
            PageBreak(),
        ]
    out = io.BytesIO()
    frame = Frame(25 * mm, 15 * mm, width, A4[1] - 30 * mm, 0, 0, 0, 0)
    page = PageTemplate(frames=[frame], onPage=draw_qr)
    BaseDocTemplate(
        out,
        pagesize=A4,
        title=form["code"],
        initialFontName="Serif",
        initialFontSize=size,
        pageTemplates=[page],
    ).build(story[:-1])
    return out.getvalue()


# --- measurements -------------------------------------------------------------------------------


@contextmanager
def timer(into: list[float]) -> Iterator[None]:
    """Append the wall time of the block, in milliseconds, to `into`."""
    start = time.perf_counter()
    yield
    into.append((time.perf_counter() - start) * 1000)


def side_by_side(app: Flask, rounds: int) -> dict[str, float]:
    """Time issue + first PDF, the two naive renders and ReportLab in turn, `rounds` times."""
    times: dict[str, list[float]] = {"issue": [], "pdf": [], "naive": [], "reportlab": []}
    with app.app_context():
        # Not counted: the first round compiles SQL, loads ReportLab and fills caches. Then freeze
        # what it loaded, as warm() froze the rest, so that the collection after each of our
        # renders does not scan ReportLab's font tables, which a worker never holds.
        _, pdf = issue_and_render()
        reportlab_pdf(services.issue(EXAMPLE).snapshot.form_lines(), PUBLIC)
        gc.collect()
        gc.freeze()
        for _ in range(rounds):
            qr_svg.cache_clear()
            with timer(times["issue"]):
                stored = services.issue(EXAMPLE)
            token = services.token_for(stored)
            with timer(times["pdf"]):
                services.receipt_pdf(token, PUBLIC)
            form, url = stored.snapshot.form_lines(), f"{PUBLIC}/r/{token}"
            qr_svg.cache_clear()
            with timer(times["naive"]):
                naive_pdfs(form, url)
            with timer(times["reportlab"]):
                reportlab_pdf(form, url)
    result = {name: statistics.median(values) for name, values in times.items()}
    result["ours"] = statistics.median(i + p for i, p in zip(times["issue"], times["pdf"], strict=True))
    result["pdf_kb"] = len(pdf) / 1024
    return result


def cache_hits(app: Flask, count: int) -> dict[str, float]:
    """Time the same PDF asked for again, through the service and through GET /r/<token>.pdf."""
    service: list[float] = []
    http: list[float] = []
    with app.app_context():
        token, first = issue_and_render()
        for _ in range(count):
            with timer(service):
                _, pdf = services.receipt_pdf(token, PUBLIC)
            assert pdf is first
    client = app.test_client()
    for _ in range(count):
        with timer(http):
            response = client.get(f"/r/{token}.pdf")
        assert response.status_code == 200
    return {"service": statistics.median(service), "http": statistics.median(http)}


def in_fresh_worker(mode: str, *args: str) -> dict[str, Any]:
    """Run this module in a fresh interpreter in `mode` and return the JSON it prints."""
    out = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_pdf", "--worker", mode, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def worker_first_pdf(url: str, warm: bool) -> dict[str, float]:
    """Start the app as a worker does, time its first PDF and the five after it."""
    started = time.perf_counter()
    app = create_app(config(url, warm=warm))
    wait_for_warm()
    ready = time.perf_counter()
    renders: list[float] = []
    with app.app_context():
        tokens = [services.token_for(services.issue(EXAMPLE)) for _ in range(6)]
        for token in tokens:
            with timer(renders):
                services.receipt_pdf(token, PUBLIC)
    return {
        "start_ms": (ready - started) * 1000,
        "first_ms": renders[0],
        "warm_ms": statistics.median(renders[1:]),
    }


def worker_rss(url: str, renders: int) -> dict[str, float]:
    """Start a warmed worker and note its RSS over `renders` requests, each issue + a new PDF."""
    app = create_app(config(url, warm=True))
    wait_for_warm()
    marks = {n for n in (100, 500, renders // 2, renders) if n <= renders}
    rss = {"0": rss_mb()}
    for n in range(1, renders + 1):
        with app.app_context():  # one per request, as Flask does
            issue_and_render()
        if n in marks:
            rss[str(n)] = rss_mb()
    return rss


def profile_warm_render(app: Flask, renders: int = 10, top: int = 25) -> str:
    """Return cProfile's cumulative listing of `renders` warm renders of one receipt's HTML."""
    with app.app_context():
        stored = services.issue(EXAMPLE)
        sources = receipt_pdf_sources(stored.snapshot, f"{PUBLIC}/r/{services.token_for(stored)}")
        renderer = app.extensions["receipts.pdf"]
        renderer.render(*sources)
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(renders):
            renderer.render(*sources)
        profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


# --- report -------------------------------------------------------------------------------------


def row(what: str, result: str, target: str = "", met: bool | None = None) -> str:
    """Return one line of the markdown table."""
    verdict = "" if met is None else ("yes" if met else "**no**")
    return f"| {what} | {result} | {target} | {verdict} |"


def report(sizes: Sizes, side: dict[str, float], hits: dict[str, float], starts: dict[str, Any]) -> str:
    """Return the results as a markdown table."""
    naive_ratio = side["naive"] / side["ours"]
    floor_ratio = side["ours"] / side["reportlab"]
    warm = statistics.median(w["warm_ms"] for w in starts["warm"])
    first = statistics.median(w["first_ms"] for w in starts["warm"])
    cold = statistics.median(w["first_ms"] for w in starts["cold"])
    start = statistics.median(w["start_ms"] for w in starts["warm"])
    rss = starts["rss"]
    values = list(rss.values())
    half, last = rss[str(sizes.renders // 2)], values[-1]
    marks = ", ".join(f"{n}: {v:.0f}" for n, v in rss.items())
    lines = [
        "| Measure | Result | Target | Met |",
        "|---|---|---|---|",
        row(
            "issue + first PDF, warm",
            f"{side['ours']:.1f} ms (issue {side['issue']:.1f}, PDF {side['pdf']:.1f})",
        ),
        row("two naive one-page renders", f"{side['naive']:.1f} ms"),
        row("ReportLab, the same two pages (floor)", f"{side['reportlab']:.1f} ms"),
        row("naive ÷ ours", f"{naive_ratio:.2f}×", "≥ 1.5×", naive_ratio >= 1.5),
        row("ours ÷ ReportLab", f"{floor_ratio:.2f}×", "≤ 3×", floor_ratio <= 3),
        row(
            "same PDF again, services.receipt_pdf",
            f"{hits['service']:.2f} ms",
            "≤ 5 ms",
            hits["service"] <= 5,
        ),
        row("same PDF again, GET /r/<token>.pdf", f"{hits['http']:.2f} ms", "≤ 5 ms", hits["http"] <= 5),
        row("fresh worker: create_app until warmed", f"{start:.0f} ms"),
        row(
            "fresh worker: first PDF ÷ warm PDF",
            f"{first:.1f} ÷ {warm:.1f} ms = {first / warm:.2f}×",
            "≤ 2×",
            first / warm <= 2,
        ),
        row("fresh worker without warm(): first PDF", f"{cold:.1f} ms = {cold / warm:.2f}× warm"),
        row(
            "worker RSS after n renders (n: MB)",
            f"{marks}; +{last - half:.1f} in the last {sizes.renders - sizes.renders // 2}",
            "flat, < 150 MB",
            max(values) < 150 and last - half < 5,
        ),
        row("PDF size (cached per receipt version)", f"{side['pdf_kb']:.0f} KB"),
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark and print its markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds and renders (under a minute)")
    parser.add_argument("--profile", action="store_true", help="also print cProfile of the warm render")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    options = parser.parse_args(argv)
    logging.disable(logging.INFO)  # Alembic's migration messages

    if options.worker:
        mode, url, arg = options.worker
        result = worker_first_pdf(url, arg == "warm") if mode == "first" else worker_rss(url, int(arg))
        print(json.dumps(result))
        return

    sizes = QUICK if options.quick else FULL
    print(
        f"harfbuzz-subset: {'yes' if harfbuzz_subset_available() else 'MISSING (expect 4-5x slower)'}; "
        f"{os.cpu_count()} CPUs; {sizes.rounds} rounds, {sizes.renders} renders for RSS",
        file=sys.stderr,
    )
    with tempfile.TemporaryDirectory() as folder:
        url = make_database(Path(folder))
        app = create_app(config(url, warm=True))
        wait_for_warm()
        side = side_by_side(app, sizes.rounds)
        hits = cache_hits(app, sizes.hits)
        profile = profile_warm_render(app) if options.profile else ""
        starts = {
            "warm": [in_fresh_worker("first", url, "warm") for _ in range(sizes.workers)],
            "cold": [in_fresh_worker("first", url, "cold") for _ in range(sizes.workers)],
            "rss": in_fresh_worker("rss", url, str(sizes.renders)),
        }
    print(report(sizes, side, hits, starts))
    if profile:
        print("\n" + profile)


if __name__ == "__main__":
    main()
