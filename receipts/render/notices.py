"""Mẫu 02–06 as HTML for the PDF renderer: the labels from data/forms/0N.json, the values from the domain."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from flask import current_app
from markupsafe import Markup

from ..config import ROOT
from ..domain.text import nfc
from ..signing.qr import qr_svg

FORMS_DIR = ROOT / "data" / "forms"


@lru_cache(maxsize=8)
def labels(form: str) -> dict[str, Any]:
    """Return a form's labels as its data file holds them (NFC), so a province can correct a line."""
    data = json.loads((FORMS_DIR / f"{form}.json").read_text(encoding="utf-8"))
    return _nfc(data)


def _nfc(node: Any) -> Any:
    if isinstance(node, str):
        return nfc(node)
    if isinstance(node, dict):
        return {key: _nfc(value) for key, value in node.items()}
    return node


def notice_html(values: dict[str, Any], dossier_url: str) -> str:
    """Return the HTML of the form `values["form"]`, its QR leading to the dossier's page."""
    form = values["form"]
    template = current_app.jinja_env.get_template(f"forms/{form}.html")
    # The SVG is drawn by segno from a URL we built; segno escapes the data it embeds.
    qr = Markup(qr_svg(dossier_url))  # noqa: S704
    return template.render(f=labels(form), n=values, qr=qr)
