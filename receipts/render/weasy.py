"""The one place that relies on WeasyPrint's private internals, with a public-API path to fall back on.

Two optimisations reach inside WeasyPrint 70: a lean user-agent stylesheet (through the private
`HTML._ua_stylesheets` hook and `weasyprint.html.UA`), and copies of a form that share one drawing
of it (pages painted through WeasyPrint's `Stream.add_group`). Both are checked at import against
the versions they were written for; on any other version, or if a private name is gone, the same
PDF is printed through the public API only, more slowly.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

import weasyprint
from weasyprint import CSS, HTML, URLFetcher
from weasyprint.document import Document, Page
from weasyprint.text.fonts import FontConfiguration

log = logging.getLogger(__name__)

#: The WeasyPrint versions whose internals this module was written against and tested with.
SUPPORTED = ("70.",)


def internals_missing(version: str) -> str | None:
    """Return why the private internals cannot be used with WeasyPrint `version`, or None if they can."""
    if not version.startswith(SUPPORTED):
        return f"WeasyPrint {version} is not one of the versions the shim supports {SUPPORTED}"
    try:
        from weasyprint.html import UA, UA_COUNTER_STYLE  # noqa: F401
        from weasyprint.pdf.stream import Stream

        for owner, name in ((HTML, "_ua_stylesheets"), (Page, "paint"), (Stream, "add_group")):
            getattr(owner, name)
    except (ImportError, AttributeError) as error:
        return f"WeasyPrint {version} lacks an internal the shim uses ({error})"
    return None


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


_PROBLEM = internals_missing(weasyprint.__version__)
#: Whether the fast paths through WeasyPrint's internals work with the installed version.
INTERNALS_OK = _PROBLEM is None

if INTERNALS_OK:
    from weasyprint.html import UA, UA_COUNTER_STYLE

    _LEAN_UA_STYLESHEET = CSS(string=_lean_user_agent_css(UA), counter_style=UA_COUNTER_STYLE)
else:
    log.warning("%s: PDFs are rendered through the public API only, which is slower", _PROBLEM)


def _require_internals() -> None:
    if not INTERNALS_OK:
        raise RuntimeError(f"the internal path is unavailable: {_PROBLEM}")


class _LeanHTML(HTML):
    """An HTML document styled by the lean user-agent stylesheet."""

    def _ua_stylesheets(self, forms: bool = False) -> list[CSS]:
        return [_LEAN_UA_STYLESHEET, *super()._ua_stylesheets(forms)[1:]]


def layout(
    html: str,
    *,
    base_url: str,
    url_fetcher: URLFetcher,
    stylesheets: list[CSS],
    font_config: FontConfiguration,
    lean: bool,
) -> Document:
    """Lay out `html`, styled by the lean user-agent stylesheet (internals) if `lean`, else the default."""
    if lean:
        _require_internals()
    document = (_LeanHTML if lean else HTML)(string=html, base_url=base_url, url_fetcher=url_fetcher)
    return document.render(stylesheets=stylesheets, font_config=font_config)


class _OverlaidPage(Page):
    """A laid-out page drawn with another page on top; the copies share one drawing of the page."""

    def paint(self, stream, scale=1) -> None:
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


_BODY_START = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
_BODY_END = re.compile(r"</body\s*>", re.IGNORECASE)
# Fixed boxes repeat on every page, and their containing block is the page area, as is that of
# the overlay's absolutely placed boxes in the overlay document: the overlay lands where it would.
# z-index 1 paints it after the form, as the internal path does; only the copy's own child shows.
_COPY_STYLE = (
    "<style>.weasy-shim-overlay { position: fixed; top: 0; left: 0; right: 0; z-index: 1; }"
    " .weasy-shim-overlay > :not(:nth-child(%d)) { display: none !important; }</style>"
)


def _body(html: str) -> tuple[int, int]:
    # The sources come from our templates, which escape what users type: a tag found is a real one.
    start = _BODY_START.search(html)
    end = start and _BODY_END.search(html, start.end())
    if not end:
        raise ValueError("the public-API path needs <body> and </body> written out in both sources")
    return start.end(), end.start()


def print_copies(
    lay_out: Callable[[str], Document], html: str, overlay_html: str, *, internals: bool
) -> Document:
    """Return one copy of `html`'s pages per page of `overlay_html`, each with that copy's overlay on top.

    With `internals`, the form is laid out once and drawn once, as an XObject every copy places.
    Without, each copy is laid out on its own from `html` with the overlay's n-th `<body>` child
    fixed over every page (so the overlay must keep each page's content in one child of its body).
    """
    if internals:
        _require_internals()
        base, overlay = lay_out(html), lay_out(overlay_html)
        drawn: dict[int, str] = {}
        return base.copy([_overlaid(page, on_top, drawn) for on_top in overlay.pages for page in base.pages])
    # Placed first in the body so that the form's own elements keep their :last-child rules.
    at, _ = _body(html)
    start, end = _body(overlay_html)
    overlay = f'<div class="weasy-shim-overlay">{overlay_html[start:end]}</div>'
    count = len(lay_out(overlay_html).pages)
    copies = [lay_out(html[:at] + _COPY_STYLE % n + overlay + html[at:]) for n in range(1, count + 1)]
    return copies[0].copy([page for copy in copies for page in copy.pages])
