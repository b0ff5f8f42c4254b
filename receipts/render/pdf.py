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
        self._collect = False

    def render(self, html: str) -> bytes:
        """Return the PDF of `html`."""
        document = _LeanHTML(string=html, base_url=self._fonts_dir.as_uri() + "/", url_fetcher=self._fetcher)
        pdf = document.write_pdf(
            stylesheets=[self._css], font_config=self._font_config, uncompressed_pdf=False
        )
        if self._collect:
            # A laid-out document is a web of reference cycles (~8,000 objects) that only a full
            # collection frees; CPython runs one rarely in a big heap, so a worker's RSS would
            # climb by ~13 MB. With the start-up heap frozen by warm(), this takes ~3 ms.
            gc.collect()
        return pdf

    def cached(self, key: Hashable, make_html: Callable[[], str]) -> bytes:
        """Return the PDF stored under `key`, rendering it from `make_html()` the first time."""
        with self._lock:
            pdf = self._cache.get(key)
            if pdf is not None:
                self._cache.move_to_end(key)
                return pdf
        pdf = self.render(make_html())
        with self._lock:
            self._cache[key] = pdf
            while len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return pdf

    def warm(self, html: str) -> None:
        """Render once so that fonts, CSS matching and code paths are loaded before real work.

        Then freeze what the process holds (app, modules, fonts) out of the garbage collector's
        sight, so that the collection after each render scans only what that render left.
        """
        self.render(html)
        gc.collect()
        gc.freeze()
        self._collect = True
