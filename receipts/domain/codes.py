"""Dossier codes: `<agency code>-<YYMMDD>-<sequence of that agency's day>`."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

AGENCY_CODE = re.compile(r"^[0-9A-Z][0-9A-Z.]{0,38}[0-9A-Z]$")
_DOSSIER = re.compile(r"^(?P<agency>[0-9A-Z][0-9A-Z.]{0,38}[0-9A-Z])-(?P<day>\d{6})-(?P<seq>\d{4,6})$")


@dataclass(frozen=True)
class DossierCode:
    """A parsed dossier code."""

    agency_code: str
    day: date
    sequence: int

    def __str__(self) -> str:
        return format_dossier_code(self.agency_code, self.day, self.sequence)


def format_dossier_code(agency_code: str, day: date, sequence: int) -> str:
    """Return the code of the `sequence`-th dossier of `agency_code` on `day`."""
    if sequence < 1:
        raise ValueError("sequence starts at 1")
    return f"{agency_code}-{day:%y%m%d}-{sequence:04d}"


def parse_dossier_code(text: str) -> DossierCode | None:
    """Parse a dossier code, tolerating case, spaces and a leading '#'; None if it is not one."""
    candidate = text.strip().lstrip("#").strip().upper()
    match = _DOSSIER.match(candidate)
    if not match:
        return None
    raw = match["day"]
    try:
        day = date(2000 + int(raw[:2]), int(raw[2:4]), int(raw[4:]))
    except ValueError:
        return None
    sequence = int(match["seq"])
    if sequence < 1:
        return None
    return DossierCode(match["agency"], day, sequence)


def is_agency_code(text: str) -> bool:
    """Tell whether `text` has the shape of an agency code such as 000.00.04.H15."""
    return bool(AGENCY_CODE.match(text))
