"""The printed words of each form, read from `data/forms/<number>.json` so that a province can correct
a line without touching code."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..config import ROOT
from ..domain.text import nfc

FORMS = ROOT / "data" / "forms"


def _normalised(value: Any) -> Any:
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, list):
        return [_normalised(item) for item in value]
    return value


@lru_cache(maxsize=16)
def form_labels(number: str, folder: Path = FORMS) -> dict[str, Any]:
    """Return the labels of form `number` ('01', '07'): NFC strings (and lists of them) by key."""
    data = json.loads((folder / f"{number}.json").read_text(encoding="utf-8"))
    return {key: _normalised(value) for key, value in data.items() if not key.startswith("_")}


def printed_lines(labels: dict[str, Any]) -> list[str]:
    """Return every line a form's labels print, in file order (what a test looks for in the PDF)."""
    lines: list[str] = []
    for value in labels.values():
        lines.extend(value if isinstance(value, list) else [value])
    return lines
