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


def pinned_style(page: Page) -> str:
    """Return CSS that places each overlay element of class `pin-X` over the form's element `id="pin-X"`.

    Coordinates are taken from the laid-out form's first page (WeasyPrint's public `Page.anchors`),
    relative to its element `id="pin-origin"`, which must sit at the top left of the page area.
    """
    anchors = page.anchors
    origin = anchors.get("pin-origin")
    rules = []
    for name, box in sorted(anchors.items()):
        if origin is None or not name.startswith("pin-") or name == "pin-origin":
            continue
        left, top = box[0] - origin[0], box[1] - origin[1]
        width = f" width: {box[2] - box[0]:.3f}px;" if len(box) == 4 else ""
        rules.append(f".{name} {{ position: absolute; left: {left:.3f}px; top: {top:.3f}px;{width} }}")
    return "<style>" + " ".join(rules) + "</style>"


def print_copies(
    lay_out: Callable[[str], Document], html: str, overlay_html: str, *, internals: bool
) -> Document:
    """Return one copy of `html`'s pages per two pages of `overlay_html`, each copy's overlay on top.

    The overlay gives each copy two pages: the first is drawn over the copy's first page, the
    second over every later page; its `pin-X` elements land on the form's `pin-X` (`pinned_style`).
    With `internals`, the form is laid out once and drawn once, as an XObject every copy places.
    Without, each copy is laid out on its own from `html` with the overlay's n-th `<body>` child
    fixed over every page (so the overlay must keep each page's content in one child of its body).
    """
    at, _ = _body(html)
    start, end = _body(overlay_html)
    base = lay_out(html)
    pins = pinned_style(base.pages[0])
    if internals:
        _require_internals()
        overlay = lay_out(overlay_html[:start] + pins + overlay_html[start:])
        drawn: dict[int, str] = {}
        return base.copy(
            [
                _overlaid(page, overlay.pages[2 * copy + (index > 0)], drawn)
                for copy in range(len(overlay.pages) // 2)
                for index, page in enumerate(base.pages)
            ]
        )
    # Placed first in the body so that the form's own elements keep their :last-child rules.
    overlay_body = f'<div class="weasy-shim-overlay">{overlay_html[start:end]}</div>'
    count = len(lay_out(overlay_html).pages)
    pages = []
    for n in range(1, count + 1, 2):
        first = lay_out(html[:at] + pins + _COPY_STYLE % n + overlay_body + html[at:])
        pages.append(first.pages[0])
        if len(first.pages) > 1:
            rest = lay_out(html[:at] + pins + _COPY_STYLE % (n + 1) + overlay_body + html[at:])
            pages.extend(rest.pages[1:])
    return base.copy(pages)
