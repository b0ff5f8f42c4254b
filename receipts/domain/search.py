"""What an officer types in the counter's search box, read as a dossier code, a phone or a name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .codes import parse_dossier_code
from .dossiers import StoredReceipt
from .receipt import ReceiptSnapshot
from .text import fold

PAGE_SIZE = 20
MAX_PAGE = 500
# Counting stops here: "more than 1,000" is all an officer needs, and counting further is slow.
COUNT_CAP = 1000
MAX_WORDS = 6
_PHONE_TYPED = re.compile(r"^\+?[0-9 .\-()]{9,20}$")


def phone_key(phone: str) -> str:
    """Return a Vietnamese phone number in the one form it is stored and searched by (0…), or ""."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if digits.startswith("84") and len(digits) >= 11:
        digits = "0" + digits[2:]
    return digits if 9 <= len(digits) <= 15 else ""


def searchable(snapshot: ReceiptSnapshot) -> tuple[str, str]:
    """Return what a receipt is found by besides its code: the applicant's folded name and phone."""
    return fold(snapshot.applicant.name), phone_key(snapshot.applicant.phone)


@dataclass(frozen=True)
class DossierQuery:
    """A search at the counter: the text typed, the filters, the page; `agency` None is every agency."""

    text: str = ""
    agency: str | None = None
    procedure_code: str = ""
    date_from: date | None = None
    date_to: date | None = None
    page: int = 1

    @property
    def code(self) -> str | None:
        """Return the dossier code typed, however typed, or None."""
        parsed = parse_dossier_code(self.text)
        return str(parsed) if parsed else None

    @property
    def phone(self) -> str:
        """Return the phone typed, in its stored form, or "" when the text is not a phone number."""
        return phone_key(self.text) if _PHONE_TYPED.match(self.text.strip()) else ""

    @property
    def words(self) -> list[str]:
        """Return the folded words of a name, each of which a result's applicant name holds."""
        if self.code or self.phone:
            return []
        return fold(self.text).split()[:MAX_WORDS]

    @property
    def offset(self) -> int:
        """Return how many results come before this page."""
        return (self.page - 1) * PAGE_SIZE


@dataclass(frozen=True)
class Found:
    """One page of results and how many there are in all (capped at COUNT_CAP + 1)."""

    total: int
    items: list[StoredReceipt]
    page: int

    @property
    def more_than_cap(self) -> bool:
        """Tell whether the total is only a lower bound."""
        return self.total > COUNT_CAP

    @property
    def pages(self) -> int:
        """Return how many pages the (capped) total fills."""
        return max(1, -(-min(self.total, COUNT_CAP) // PAGE_SIZE))
