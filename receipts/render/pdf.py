"""PDF rendering with parsed CSS and fonts reused across renders, and a cache of finished PDFs."""

from __future__ import annotations

import ctypes.util
import gc
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from urllib.parse import unquote, urlparse

from weasyprint import CSS, HTML, URLFetcher
from weasyprint.document import Document, Page
from weasyprint.html import UA, UA_COUNTER_STYLE
from weasyprint.text.fonts import FontConfiguration

log = logging.getLogger(__name__)


def _lean_user_agent_css(text: str) -> str:
    # WeasyPrint's default stylesheet styles ::marker, ::footnote-* and ::note-* on every element,
    # so the cascade computes seven styles per element instead of one (1,096 instead of 130 for a
    # receipt), about 6 % of the render. The forms have no footnotes and no notes, and only list
    # items carry markers; every other rule is kept as it is.
    lines = []
    for line in text.splitlines():
        if line.startswith(("::footnote-", "::note-")):
            continue
        if line.startswith("::marker"):
            line = "li" + line
        lines.append(line)
    return "\n".join(lines)


_LEAN_UA_STYLESHEET = CSS(string=_lean_user_agent_css(UA), counter_style=UA_COUNTER_STYLE)


class _LeanHTML(HTML):
    """An HTML document styled by the lean user-agent stylesheet (a hook of WeasyPrint 70, pinned)."""

    def _ua_stylesheets(self, forms: bool = False) -> list[CSS]:
        return [_LEAN_UA_STYLESHEET, *super()._ua_stylesheets(forms)[1:]]


class _OverlaidPage(Page):
    """A laid-out page drawn with another page on top; the copies share one drawing of the page."""

    def paint(self, stream, scale=1) -> None:  # noqa: ANN001 - WeasyPrint's signature
        """Paint the shared page (drawn once into a form XObject on first use), then the overlay."""
        # The document's pages share one resources dictionary, so an XObject made while painting
        # the first copy can be placed again on the pages of the next copies.
        group_id = self._drawn.get(id(self._base))
        if group_id is None:
            margin = 10_000  # generous bounds: the content's own coordinates decide what shows
            group = stream.add_group(-margin, -margin, 2 * margin, 2 * margin)
            self._base.paint(group, scale)
            group_id = self._drawn[id(self._base)] = group.id
        stream.draw_x_object(group_id)
        self._overlay.paint(stream, scale)


def _overlaid(page: Page, overlay: Page, drawn: dict[int, str]) -> Page:
    # A shallow copy keeps the page's size, links and laid-out boxes; only painting differs.
    copy = _OverlaidPage.__new__(_OverlaidPage)
    copy.__dict__.update(page.__dict__)
    copy._base, copy._overlay, copy._drawn = page, overlay, drawn
    return copy


class LocalOnlyFetcher(URLFetcher):
    """Fetch `data:` URIs and files below the allowed folders; refuse everything else."""

    def __init__(self, allowed: list[Path]) -> None:
        super().__init__(allowed_protocols={"file", "data"}, fail_on_errors=False)
        self._allowed = [p.resolve() for p in allowed]

    def fetch(self, url: str, headers: dict | None = None):  # noqa: ANN201
        """Fetch `url` if it is data or a file inside an allowed folder."""
        if url.startswith("file:"):
            path = Path(unquote(urlparse(url).path)).resolve()
            if not any(path.is_relative_to(root) for root in self._allowed):
                raise ValueError(f"refused file outside the allowed folders: {url}")
        return super().fetch(url, headers)


def harfbuzz_subset_available() -> bool:
    """Tell whether HarfBuzz's subsetter is installed (without it every render is 4–5× slower)."""
    return ctypes.util.find_library("harfbuzz-subset") is not None


class PdfRenderer:
    """Render HTML to PDF with one font configuration and one parsed stylesheet."""

    def __init__(self, css_text: str, fonts_dir: Path, cache_size: int = 256) -> None:
        self._fonts_dir = fonts_dir.resolve()
        self._fetcher = LocalOnlyFetcher([self._fonts_dir])
        self._font_config = FontConfiguration()
        self._css = CSS(
            string=css_text,
            base_url=self._fonts_dir.as_uri() + "/",
            font_config=self._font_config,
            url_fetcher=self._fetcher,
        )
        self._cache: OrderedDict[Hashable, bytes] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()
        # WeasyPrint shares the font configuration's Pango objects: one render at a time.
        self._render_lock = threading.Lock()
        self._collect = False

    def _layout(self, html: str) -> Document:
        document = _LeanHTML(string=html, base_url=self._fonts_dir.as_uri() + "/", url_fetcher=self._fetcher)
        return document.render(stylesheets=[self._css], font_config=self._font_config)

    def render(self, html: str, overlay_html: str | None = None) -> bytes:
        """Return the PDF of `html`; with `overlay_html`, one copy of it per overlay page.

        The copies of a receipt differ only in their label, so the form is laid out once and
        each copy's pages are drawn with that copy's overlay (its label) on top.
        """
        with self._render_lock:
            base = self._layout(html)
            pages = base.pages
            if overlay_html is not None:
                overlays = self._layout(overlay_html).pages
                drawn: dict[int, str] = {}
                pages = [_overlaid(page, overlay, drawn) for overlay in overlays for page in base.pages]
            pdf = base.copy(pages).write_pdf(uncompressed_pdf=False)
            if self._collect:
                # A laid-out document is a web of reference cycles (~8,000 objects) that only a full
                # collection frees; CPython runs one rarely in a big heap, so a worker's RSS would
                # climb by ~13 MB. With the start-up heap frozen by warm(), this takes ~3 ms.
                gc.collect()
        return pdf

    def cached(self, key: Hashable, make_sources: Callable[[], tuple[str, str | None]]) -> bytes:
        """Return the PDF stored under `key`, rendering `make_sources()` (html, overlay) the first time."""
        with self._lock:
            pdf = self._cache.get(key)
            if pdf is not None:
                self._cache.move_to_end(key)
                return pdf
        pdf = self.render(*make_sources())
        with self._lock:
            self._cache[key] = pdf
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return pdf

    def warm(self, html: str, overlay_html: str | None = None) -> None:
        """Render once so that fonts, CSS matching and code paths are loaded before real work.

        Then freeze what the process holds (app, modules, fonts) out of the garbage collector's
        sight, so that the collection after each render scans only what that render left.
        """
        self.render(html, overlay_html)
        gc.collect()
        gc.freeze()
        self._collect = True
