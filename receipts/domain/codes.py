"""Dossier codes: `<agency code>-<YYMMDD>-<sequence of that agency's day>`, and finding them in text.

One parser for every reader (the lookup form, the pages, the API, the bot). People type codes in
many ways — after a '#', inside a sentence, in lower case, from a full-width keyboard, with spaces
around the separators, with any of the dashes and dots their phone offers — and all of them name
the same dossier.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

AGENCY_CODE = re.compile(r"^[0-9A-Z][0-9A-Z.]{0,38}[0-9A-Z]$")
MAX_AGENCY = 40

# NFKC already turns full-width '－', '．', '＃' and digits into ASCII; these have no compatibility
# mapping, so they are named here.
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_DOTS = "\u3002\uff0e\uff61"
_TYPED = str.maketrans({**dict.fromkeys(_DASHES, "-"), **dict.fromkeys(_DOTS, ".")})

# Groups of the agency code joined by dots. Spaces around a dot count only on both sides and then
# around every dot: "000 . 00 . 04 . H15" is one code, while in "xin. 000.00.04.H15" or "ạ... 00-…"
# the sentence's full stop is not part of it. Every repetition is bounded, so no text is slow.
_SPACE = r"[^\S\n]{0,3}"
_GROUP = rf"[0-9A-Z]{{1,{MAX_AGENCY}}}"
_DOT = rf"\.{{1,{MAX_AGENCY}}}"
_FIRST_DOT = rf"(?:(?P<spaced>[^\S\n]{{1,3}}){_DOT}[^\S\n]{{1,3}}|{_DOT})"
_NEXT_DOT = rf"(?(spaced)[^\S\n]{{1,3}}{_DOT}[^\S\n]{{1,3}}|{_DOT})"
_CORE = (
    rf"(?P<agency>{_GROUP}(?:{_FIRST_DOT}{_GROUP}(?:{_NEXT_DOT}{_GROUP}){{0,19}})?)"
    rf"{_SPACE}-{_SPACE}(?P<day>[0-9]{{6}}){_SPACE}-{_SPACE}(?P<seq>[0-9]{{4,6}})"
)
_EXACT = re.compile(_CORE)
# In free text a code starts where a word starts and its sequence ends where the digits end.
_IN_TEXT = re.compile(rf"(?<![\w.]){_CORE}(?![0-9])")
_NO_SPACE = re.compile(r"\s+")


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


def normalize_typed(text: str) -> str:
    """Return `text` as the parser reads it: NFKC, ASCII dashes and dots, no invisible marks, upper case."""
    folded = unicodedata.normalize("NFKC", text).translate(_TYPED)
    # Zero-width spaces and joiners (category Cf) come with pasted text and emojis; they separate nothing.
    visible = "".join(ch for ch in folded if unicodedata.category(ch) != "Cf")
    return visible.upper()


def parse_dossier_code(text: str) -> DossierCode | None:
    """Parse a text that is one dossier code, however typed (see the module); None if it is not one."""
    candidate = normalize_typed(text).strip().lstrip("#").strip()
    match = _EXACT.fullmatch(candidate)
    return _code(match) if match else None


def find_codes(text: str, limit: int = 5) -> list[DossierCode]:
    """Return the dossier codes in free text, each once, in the order they appear, at most `limit`."""
    found: list[DossierCode] = []
    for match in _IN_TEXT.finditer(normalize_typed(text)):
        if len(found) >= limit:
            break
        code = _code(match)
        if code is not None and code not in found:
            found.append(code)
    return found


def without_codes(text: str) -> str:
    """Return `text` as the parser reads it, with every dossier code replaced by a space."""
    return _IN_TEXT.sub(" ", normalize_typed(text))


def _code(match: re.Match[str]) -> DossierCode | None:
    agency = _NO_SPACE.sub("", match["agency"])
    raw = match["day"]
    try:
        day = date(2000 + int(raw[:2]), int(raw[2:4]), int(raw[4:]))
    except ValueError:
        return None
    sequence = int(match["seq"])
    if sequence < 1 or not is_agency_code(agency):
        return None
    return DossierCode(agency, day, sequence)


def is_agency_code(text: str) -> bool:
    """Tell whether `text` has the shape of an agency code such as 000.00.04.H15."""
    return bool(AGENCY_CODE.match(text))


def find_transfer_codes(
    text: str, agency_codes: tuple[str, ...] | list[str], limit: int = 5
) -> list[DossierCode]:
    """Return the dossier codes in a bank transfer's description, however the bank mangled it.

    Banks upper-case the content, drop its dots and dashes or turn them into spaces
    ("000000404H15 201125 0080"); a code without its separators is found only for a known agency,
    since nothing else says where the agency code ends.
    """
    found = find_codes(text, limit)
    typed = normalize_typed(text)
    for agency in agency_codes:
        for match in _compact_pattern(agency).finditer(typed):
            code = _code_of(agency, match["day"], match["seq"])
            if code is not None and code not in found and len(found) < limit:
                found.append(code)
    return found


_SEPARATORS = r"[^0-9A-Z\n]{0,3}"


@lru_cache(maxsize=1024)
def _compact_pattern(agency: str) -> re.Pattern[str]:
    groups = [re.escape(group) for group in agency.upper().split(".") if group]
    return re.compile(
        rf"{_SEPARATORS.join(groups)}{_SEPARATORS}(?P<day>[0-9]{{6}}){_SEPARATORS}"
        rf"(?P<seq>[0-9]{{4,6}})(?![0-9])"
    )


def _code_of(agency: str, raw_day: str, raw_sequence: str) -> DossierCode | None:
    try:
        day = date(2000 + int(raw_day[:2]), int(raw_day[2:4]), int(raw_day[4:]))
    except ValueError:
        return None
    sequence = int(raw_sequence)
    return DossierCode(agency.upper(), day, sequence) if sequence >= 1 else None
