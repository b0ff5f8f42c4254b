"""The WeasyPrint shim: the internal and public paths print the same receipt; the fetcher stays local."""

from __future__ import annotations

import dataclasses
import io
import json
import logging
import re
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from contextlib import closing
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import weasyprint
from flask import Flask
from fontTools.ttLib import TTFont
from PIL import Image
from pypdf import PdfReader

from receipts.config import ROOT
from receipts.domain.receipt import COPIES, DocumentItem
from receipts.render import forms as render_forms
from receipts.render import weasy
from receipts.render.forms import receipt_pdf_sources
from receipts.render.pdf import LocalOnlyFetcher, PdfRenderer
from receipts.runtime import sample_snapshot
from tests.web.test_pdf import decode_qr

FONTS = ROOT / "fonts"
CSS_TEXT = (ROOT / "templates" / "receipt" / "pdf.css").read_text(encoding="utf-8")
VERIFY_URL = "https://example.invalid/r/shim-test"
PATHS = {"internals": True, "public API": False}


@pytest.fixture(scope="module")
def sources() -> dict[str, tuple[str, str]]:
    """The form and labels of a one-page receipt and of a stamped receipt two pages long."""
    snapshot = sample_snapshot()
    documents = tuple(DocumentItem(f"Giấy tờ số {n} kèm theo hồ sơ", 1, "Bản sao") for n in range(1, 41))
    long = dataclasses.replace(snapshot, documents=documents)
    # The forms need only the app's templates and their filters: no configuration, no database.
    bare = Flask("receipts", template_folder=str(ROOT / "templates"))
    render_forms.init_app(bare)
    with bare.app_context():
        return {
            "one page": receipt_pdf_sources(snapshot, VERIFY_URL),
            "two pages, stamped": receipt_pdf_sources(long, VERIFY_URL, "ĐÃ THU HỒI"),
        }


@pytest.fixture(scope="module")
def printed(sources: dict[str, tuple[str, str]]) -> dict[tuple[str, str], bytes]:
    """Each receipt printed by each path; the public path with the shim's private hooks booby-trapped."""

    def trap(*args: object, **kwargs: object) -> None:
        raise AssertionError("the public-API path used a WeasyPrint internal")

    pdfs = {}
    for path, internals in PATHS.items():
        renderer = PdfRenderer(CSS_TEXT, FONTS, use_internals=internals)
        with pytest.MonkeyPatch.context() as patch:
            if not internals:
                patch.setattr(weasy._LeanHTML, "_ua_stylesheets", trap)
                patch.setattr(weasy._OverlaidPage, "paint", trap)
            for name, (form, labels) in sources.items():
                pdfs[name, path] = renderer.render(form, labels)
    return pdfs


def page_texts(data: bytes) -> list[str]:
    """Return the text pypdf extracts from each page."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def embedded_fonts(data: bytes) -> list[tuple[str, bytes]]:
    """Return the base name and embedded font file of every font on every page."""
    fonts = []
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target["/FontDescriptor"].get_object()
            fonts.append((str(target["/BaseFont"]), descriptor["/FontFile2"].get_object().get_data()))
    return fonts


def postscript_name(font_file: bytes | Path) -> str:
    """Return the PostScript name (name ID 6) of a TrueType font."""
    source = io.BytesIO(font_file) if isinstance(font_file, bytes) else font_file
    return TTFont(source)["name"].getDebugName(6)


def test_the_pinned_weasyprint_takes_the_internal_path_and_others_do_not():
    assert weasy.INTERNALS_OK
    assert weasy.internals_missing(weasyprint.__version__) is None
    assert "71.0" in weasy.internals_missing("71.0")
    assert weasy.internals_missing("7.0") is not None


def test_asking_for_internals_that_are_unavailable_is_refused(monkeypatch):
    monkeypatch.setattr(weasy, "INTERNALS_OK", False)
    with pytest.raises(ValueError, match="internals"):
        PdfRenderer(CSS_TEXT, FONTS, use_internals=True)


@pytest.mark.parametrize("name", ["one page", "two pages, stamped"])
def test_both_paths_print_the_same_pages_with_the_same_text(printed, name):
    ours, public = page_texts(printed[name, "internals"]), page_texts(printed[name, "public API"])
    assert ours == public
    half = len(ours) // 2
    assert len(ours) == (2 if name == "one page" else 4)
    assert all(COPIES[0] in page and COPIES[1] not in page for page in ours[:half])
    assert all(COPIES[1] in page and COPIES[0] not in page for page in ours[half:])
    assert all(("ĐÃ THU HỒI" in page) == ("stamped" in name) for page in ours)


@pytest.mark.parametrize("name", ["one page", "two pages, stamped"])
def test_both_paths_embed_the_same_subsets_of_our_liberation_serif(printed, name):
    ours = {postscript_name(path): path.stat().st_size for path in FONTS.glob("LiberationSerif-*.ttf")}
    names = {}
    for path in PATHS:
        fonts = embedded_fonts(printed[name, path])
        for base_name, font_file in fonts:
            assert re.match(r"^/[A-Z]{6}\+Receipt-Serif", base_name), base_name
            assert postscript_name(font_file) in ours, base_name
            assert len(font_file) < ours[postscript_name(font_file)], f"{base_name} is not subset"
        names[path] = sorted(base_name.split("+", 1)[1] for base_name, _ in fonts)
    assert names["internals"] == names["public API"]
    assert {"Receipt-Serif", "Receipt-Serif-Bold", "Receipt-Serif-Italic"} <= set(names["internals"])


@pytest.mark.parametrize("name", ["one page", "two pages, stamped"])
def test_both_paths_print_a_qr_reading_the_verify_url_on_each_copy(printed, name):
    pages = len(page_texts(printed[name, "internals"]))
    found = {path: [decode_qr(printed[name, path], i, dpi=150) for i in range(pages)] for path in PATHS}
    assert found["internals"] == found["public API"]
    # The QR sits at the head of the form, so a copy's first page carries it and its second does not.
    assert found["internals"][0] == found["internals"][pages // 2] == [VERIFY_URL]


def test_the_public_path_needs_the_body_tags_it_inserts_the_overlay_after():
    with pytest.raises(ValueError, match="<body>"):
        weasy.print_copies(lambda html: pytest.fail("laid out"), "<p>form</p>", "<p>1</p>", internals=False)


def test_an_unsupported_weasyprint_warns_once_and_prints_through_the_public_path():
    script = textwrap.dedent(
        """
        import io, json, weasyprint
        weasyprint.__version__ = "71.0"
        from pathlib import Path
        from pypdf import PdfReader
        from receipts.render import weasy
        from receipts.render.pdf import PdfRenderer
        body = "<html><body>{}</body></html>"
        # Two pages per copy: over its first page, and over its later ones (none here).
        page = '<p style="break-after: page">{}</p>'
        copies = page.format("one") + page.format("later one") + page.format("two") + "<p>later two</p>"
        pdf = PdfRenderer("", Path("fonts")).render(body.format("<p>form</p>"), body.format(copies))
        pages = ["".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages]
        print(json.dumps([weasy.INTERNALS_OK, pages]))
        """
    )
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    assert json.loads(run.stdout) == [False, ["formone", "formtwo"]]
    assert run.stderr.count("71.0 is not one of the versions") == 1, run.stderr


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x.png",
        "https://example.invalid/x.png",
        "file:///etc/passwd",
        "FILE:///etc/passwd",
        FONTS.as_uri() + "/../README.md",
        FONTS.as_uri() + "/%2e%2e/README.md",
    ],
)
def test_the_fetcher_refuses_remote_urls_and_files_outside_its_folders(url):
    with pytest.raises(ValueError, match="refused"):
        LocalOnlyFetcher([FONTS]).fetch(url)


def test_the_fetcher_reads_a_font_of_its_folder_and_a_data_uri():
    fetcher = LocalOnlyFetcher([FONTS])
    font = FONTS / "LiberationSerif-Regular.ttf"
    with closing(fetcher.fetch(font.as_uri())) as response:
        assert response.read() == font.read_bytes()
    with closing(fetcher.fetch("data:text/plain;base64,WGluIGNow6Bv")) as response:
        assert response.read() == "Xin chào".encode()


def png() -> bytes:
    """Return a small PNG."""
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def server() -> Iterator[tuple[int, list[object]]]:
    """An HTTP server on 127.0.0.1 serving a PNG at any path; yields its port and the connections made."""
    connections: list[object] = []
    body = png()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server name
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    class Recording(ThreadingHTTPServer):
        def verify_request(self, request: object, client_address: object) -> bool:
            connections.append(client_address)
            return True

    with Recording(("127.0.0.1", 0), Handler) as httpd:
        thread = threading.Thread(target=httpd.serve_forever, daemon=True)
        thread.start()
        yield httpd.server_address[1], connections
        httpd.shutdown()
        thread.join()


def test_a_page_pointing_at_remote_or_outside_files_renders_without_fetching_them(
    tmp_path, server, caplog, monkeypatch
):
    # Alembic's fileConfig, run by any earlier test that migrates, disables loggers that exist.
    monkeypatch.setattr(logging.getLogger("weasyprint"), "disabled", False)
    port, connections = server
    allowed = tmp_path / "allowed"
    allowed.mkdir()
    (allowed / "inside.png").write_bytes(png())
    outside = tmp_path / "outside.png"
    outside.write_bytes(png())
    (tmp_path / "above.png").write_bytes(png())
    refused = [
        f"http://127.0.0.1:{port}/x.png",
        f"https://127.0.0.1:{port}/x.png",
        "http://127.0.0.1:9/x.png",
        "file:///etc/passwd",
        outside.as_uri(),
        "FILE://" + outside.as_posix(),
        "../above.png",
    ]
    images = "".join(f'<img src="{url}" alt="">' for url in [*refused, "inside.png"])
    with caplog.at_level(logging.ERROR, logger="weasyprint"):
        pdf = PdfRenderer("", allowed).render(f"<html><body>{images}</body></html>")
    assert connections == []
    assert sum(len(page.images) for page in PdfReader(io.BytesIO(pdf)).pages) == 1
    failures = [r.getMessage() for r in caplog.records if r.getMessage().startswith("Failed to load image")]
    assert len(failures) == len(refused) and all("refused" in failure for failure in failures), failures
