"""PDF rendering with parsed CSS and fonts reused across renders, and a cache of finished PDFs."""

from __future__ import annotations

import ctypes.util
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from urllib.parse import unquote, urlparse

from weasyprint import CSS, HTML, URLFetcher
from weasyprint.text.fonts import FontConfiguration

log = logging.getLogger(__name__)


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

    def render(self, html: str) -> bytes:
        """Return the PDF of `html`."""
        document = HTML(string=html, base_url=self._fonts_dir.as_uri() + "/", url_fetcher=self._fetcher)
        return document.write_pdf(
            stylesheets=[self._css], font_config=self._font_config, uncompressed_pdf=False
        )

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
        """Render once so that fonts, CSS matching and code paths are loaded before real work."""
        self.render(html)
