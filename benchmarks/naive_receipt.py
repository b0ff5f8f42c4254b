"""The naive WeasyPrint contender: each copy rendered on its own, the stylesheet and fonts loaded each time.

It uses WeasyPrint's public API only, the straightforward way, from the same template and pdf.css as
the service; the service's renderer in receipts/render is what it is measured against.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from flask import current_app
from markupsafe import Markup

from receipts.config import ROOT
from receipts.signing.qr import qr_svg

FONTS = ROOT / "fonts"
CSS_PATH = ROOT / "templates" / "receipt" / "pdf.css"
# One copy per document, its label in the flow of the form.
ONE_COPY = (
    '{% from "receipt/_form.html" import form %}<!doctype html>'
    '<html lang="vi" class="paper-{{ r.paper | lower }}"><head><meta charset="utf-8"></head>'
    '<body><section class="copy">{{ form(r, qr, label) }}</section></body></html>'
)


def naive_pdfs(lines: Mapping[str, Any], labels: Sequence[str], verify_url: str) -> list[bytes]:
    """Render each copy as a PDF of its own, parsing the CSS and loading the fonts each time (app context)."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    template = current_app.jinja_env.from_string(ONE_COPY)
    css_text = CSS_PATH.read_text(encoding="utf-8")
    base_url = FONTS.as_uri() + "/"
    pdfs = []
    for label in labels:
        qr = Markup(qr_svg(verify_url))  # noqa: S704  (segno's SVG of a URL we built)
        html = template.render(r=lines, qr=qr, label=label)
        font_config = FontConfiguration()
        css = CSS(string=css_text, base_url=base_url, font_config=font_config)
        pdfs.append(
            HTML(string=html, base_url=base_url).write_pdf(stylesheets=[css], font_config=font_config)
        )
    return pdfs
