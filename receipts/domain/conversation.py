"""What a citizen's message to the Official Account asks for, read from its text alone.

A message is read in this order: ending a subscription ("Hủy theo dõi #<mã>"), a subscription
(one code and the last 4 digits of the applicant's phone), looking up codes, searching the
procedure catalogue ("thủ tục …"), and otherwise help.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from .codes import find_codes, without_codes
from .text import fold

# At most this many codes are answered in one reply.
MAX_CODES = 3
# Codes looked up (or proven) per Zalo user per hour, counted before answering.
CODES_PER_HOUR = 20
HOUR = 60 * 60
# Zalo allows consultation messages only this long after the user's last message.
CS_WINDOW_DAYS = 7
_FOUR_DIGITS = re.compile(r"(?<![0-9])[0-9]{4}(?![0-9])")
_UNSUBSCRIBE = re.compile(r"\b(?:huy|ngung|dung)\s+theo\s+doi\b")
_PROCEDURES = re.compile(r"^\s*thu\s+tuc\b[\s:,.-]*(?P<query>.*)$", re.DOTALL)


class Ask(Enum):
    """What a message asks for."""

    LOOKUP = "lookup"
    SUBSCRIBE = "subscribe"
    UNSUBSCRIBE = "unsubscribe"
    PROCEDURES = "procedures"
    HELP = "help"


@dataclass(frozen=True)
class Intent:
    """A message understood: what it asks, the codes it names, the digits or the search words."""

    ask: Ask
    codes: tuple[str, ...] = ()
    digits: str = ""
    query: str = ""


def understand(text: str) -> Intent:
    """Return what a citizen's text asks for."""
    text = text[:2000]
    codes = tuple(str(code) for code in find_codes(text, limit=MAX_CODES))
    folded = fold(text).lower()
    if _UNSUBSCRIBE.search(folded):
        return Intent(Ask.UNSUBSCRIBE, codes)
    if codes:
        digits = _FOUR_DIGITS.findall(without_codes(text))
        if len(codes) == 1 and len(digits) == 1:
            return Intent(Ask.SUBSCRIBE, codes, digits=digits[0])
        return Intent(Ask.LOOKUP, codes)
    procedures = _PROCEDURES.match(folded)
    if procedures and procedures["query"].strip():
        return Intent(Ask.PROCEDURES, query=procedures["query"].strip()[:200])
    return Intent(Ask.HELP)


def international_phone(phone: str) -> str:
    """Return a Vietnamese phone number as ZNS wants it (84…), or "" when it is not one."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if digits.startswith("84") and len(digits) >= 11:
        return digits
    if digits.startswith("0") and len(digits) >= 10:
        return "84" + digits[1:]
    return ""


def same_phone(a: str, b: str) -> bool:
    """Tell whether two ways of writing a phone number (0…, 84…, +84 …) name the same number."""
    first, second = international_phone(a), international_phone(b)
    return bool(first) and first == second
