"""PDF rendering with parsed CSS and fonts reused across renders, and a cache of finished PDFs."""

from __future__ import annotations

import ctypes.util
import gc
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from weasyprint import CSS, URLFetcher
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration

from ..domain.errors import Busy, TooLarge
from . import weasy

log = logging.getLogger(__name__)
# The largest receipt the API accepts (100 long document lines) prints about 50 pages for both
# copies in 2-3.5 s; anything beyond these is refused rather than allowed to hold a worker.
MAX_PAGES = 60
MAX_LAYOUT_SECONDS = 20.0
# One render at a time per process, and one more waiting for it: any further request for a PDF
# that is not cached yet is answered "busy" at once, so that a flood of renders never holds every
# thread of a worker and the health check and the counter keep answering.
RENDER_QUEUE = 2
RENDER_WAIT_SECONDS = 5.0


class LocalOnlyFetcher(URLFetcher):
    """Fetch `data:` URIs and files below the allowed folders; refuse everything else."""

    def __init__(self, allowed: list[Path]) -> None:
        super().__init__(allowed_protocols={"file", "data"}, fail_on_errors=False)
        self._allowed = [p.resolve() for p in allowed]

    def fetch(self, url: str, headers: dict | None = None) -> Any:
        """Fetch `url` if it is data or a file inside an allowed folder."""
        # The scheme as urllib will read it: case-insensitive, so "FILE:" is a file URL too.
        parts = urlsplit(url)
        if parts.scheme == "file":
            path = Path(unquote(parts.path)).resolve()
            if not any(path.is_relative_to(root) for root in self._allowed):
                raise ValueError(f"refused file outside the allowed folders: {url}")
        elif parts.scheme != "data":
            raise ValueError(f"refused URL that is neither data nor a local file: {url}")
        return super().fetch(url, headers)


def _check_size(pages: int, seconds: float, max_pages: int | None) -> None:
    if pages > (max_pages or MAX_PAGES) or (max_pages is None and seconds > MAX_LAYOUT_SECONDS):
        log.warning("refused a PDF of %d pages laid out in %.1f s", pages, seconds)
        raise TooLarge(
            "Giấy tiếp nhận quá dài để in. Vui lòng liên hệ bộ phận tiếp nhận để được in tại quầy."
        )


def _ignore(_: object) -> None:
    return None


def harfbuzz_subset_available() -> bool:
    """Tell whether HarfBuzz's subsetter is installed (without it every render is 4–5× slower)."""
    return ctypes.util.find_library("harfbuzz-subset") is not None


class PdfRenderer:
    """Render HTML to PDF with one font configuration and one parsed stylesheet.

    `use_internals` picks the fast path through WeasyPrint's internals (see weasy.py) or the public
    API; by default the fast path whenever the installed WeasyPrint supports it.
    """

    def __init__(
        self, css_text: str, fonts_dir: Path, cache_size: int = 256, *, use_internals: bool | None = None
    ) -> None:
        if use_internals is None:
            use_internals = weasy.INTERNALS_OK
        elif use_internals and not weasy.INTERNALS_OK:
            raise ValueError("use_internals=True, but the installed WeasyPrint's internals are unsupported")
        self._internals = use_internals
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
        self._admission = threading.BoundedSemaphore(RENDER_QUEUE)
        self._collect = False
        # Told of every cache lookup (hit or not) and of each render's seconds; metrics listen here.
        self.on_lookup: Callable[[bool], None] = _ignore
        self.on_render: Callable[[float], None] = _ignore

    def _layout(self, html: str) -> Document:
        return weasy.layout(
            html,
            base_url=self._fonts_dir.as_uri() + "/",
            url_fetcher=self._fetcher,
            stylesheets=[self._css],
            font_config=self._font_config,
            lean=self._internals,
        )

    def render(
        self,
        html: str,
        overlay_html: str | None = None,
        *,
        wait: float | None = None,
        max_pages: int | None = None,
    ) -> bytes:
        """Return the PDF of `html`; with `overlay_html`, one copy of it per two overlay pages.

        The copies of a receipt differ only in their label, so (on the internal path) the form is
        laid out once and each copy's pages are drawn with that copy's overlay (its label) on top.
        """
        # `wait` None: as long as RENDER_WAIT_SECONDS; -1: as long as it takes (the warm-up, a log
        # book). A log book passes a larger `max_pages`, and its time is then not limited either.
        if not self._render_lock.acquire(timeout=RENDER_WAIT_SECONDS if wait is None else wait):
            raise Busy("Hệ thống đang bận in giấy tiếp nhận, vui lòng thử lại sau ít giây.")
        try:
            started = time.monotonic()
            if overlay_html is None:
                document = self._layout(html)
            else:
                document = weasy.print_copies(self._layout, html, overlay_html, internals=self._internals)
            _check_size(len(document.pages), time.monotonic() - started, max_pages)
            pdf = document.write_pdf(uncompressed_pdf=False)
            self.on_render(time.monotonic() - started)
            # Dropped first, so that the collection below frees this document rather than the next
            # render paying for it (a log book's document is ~1 s of collection).
            del document
            if self._collect:
                # A laid-out document is a web of reference cycles (~8,000 objects) that only a full
                # collection frees; CPython runs one rarely in a big heap, so a worker's RSS would
                # climb by ~13 MB. With the start-up heap frozen by warm(), this takes ~3 ms.
                gc.collect()
        finally:
            self._render_lock.release()
        return pdf

    def cached(self, key: Hashable, make_sources: Callable[[], tuple[str, str | None]]) -> bytes:
        """Return the PDF stored under `key`, rendering `make_sources()` (html, overlay) the first time."""
        with self._lock:
            pdf = self._cache.get(key)
            if pdf is not None:
                self._cache.move_to_end(key)
        self.on_lookup(pdf is not None)
        if pdf is not None:
            return pdf
        if not self._admission.acquire(blocking=False):
            raise Busy("Hệ thống đang bận in giấy tiếp nhận, vui lòng thử lại sau ít giây.")
        try:
            pdf = self.render(*make_sources())
        finally:
            self._admission.release()
        with self._lock:
            self._cache[key] = pdf
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return pdf

    def peek(self, key: Hashable) -> bytes | None:
        """Return the PDF stored under `key` if it is cached, without rendering or reordering anything."""
        with self._lock:
            return self._cache.get(key)

    def warm(self, html: str, overlay_html: str | None = None) -> None:
        """Render once so that fonts, CSS matching and code paths are loaded before real work.

        Then freeze what the process holds (app, modules, fonts) out of the garbage collector's
        sight, so that the collection after each render scans only what that render left.
        """
        self.render(html, overlay_html, wait=-1)
        gc.collect()
        gc.freeze()
        self._collect = True
