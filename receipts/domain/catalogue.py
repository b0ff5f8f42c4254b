"""Agencies and procedures as the catalogue holds them, and the lists their fields choose from."""

from __future__ import annotations

from dataclasses import dataclass

from .due_dates import duration_text
from .receipt import DocumentItem

# Since 1 July 2025 local government has two levels; "district" stays readable for older data.
LEVEL_TEXT = {
    "central": "Cấp trung ương",
    "province": "Cấp tỉnh",
    "commune": "Cấp xã",
    "district": "Cấp huyện",
}
LEVELS = tuple(LEVEL_TEXT)
PAPERS = ("A4", "A5")


@dataclass(frozen=True)
class Agency:
    """A receiving counter: the lines it prints and its office hours."""

    code: str
    parent_name: str
    unit_name: str
    place: str
    office_hours: tuple[tuple[str, str], ...] = ()
    paper: str = "A4"
    is_demo: bool = False


@dataclass(frozen=True)
class Procedure:
    """An administrative procedure: who handles it, how long it takes, what it costs, what to bring."""

    code: str
    name: str
    level: str
    duration: int
    duration_unit: str
    field: str = ""
    agency_name: str = ""
    service_level: str = ""
    fee: int = 0
    documents: tuple[DocumentItem, ...] = ()
    is_demo: bool = False

    @property
    def level_text(self) -> str:
        """Return 'Cấp tỉnh' and the like."""
        return LEVEL_TEXT.get(self.level, self.level)

    @property
    def duration_text(self) -> str:
        """Return '10 ngày làm việc' and the like."""
        return duration_text(self.duration, self.duration_unit)


@dataclass(frozen=True)
class ProcedurePage:
    """One page of a catalogue search."""

    total: int
    page: int
    items: tuple[Procedure, ...]
