"""Agencies and procedures as the catalogue holds them, and the lists their fields choose from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .due_dates import duration_text
from .receipt import DocumentItem
from .text import fold
from .vietqr import BankAccount

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
    bank: BankAccount | None = None
    due_style: str = "session"


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


@dataclass(frozen=True)
class Facet:
    """A value people can filter by, how it reads, and how many procedures it holds."""

    value: str
    text: str
    count: int


@dataclass(frozen=True)
class CataloguePage:
    """One page of the catalogue, with how many procedures each level and each field holds."""

    found: ProcedurePage
    per_page: int
    levels: tuple[Facet, ...]
    fields: tuple[Facet, ...]
    any_level: int
    any_field: int

    @property
    def pages(self) -> int:
        """Return how many pages the whole result fills (at least one)."""
        return max(1, -(-self.found.total // self.per_page))


# The levels the catalogue offers: districts no longer exist, so "district" is never offered (a
# procedure imported with it stays readable, and a link that names it still filters).
CURRENT_LEVELS = ("central", "province", "commune")


def facet_counts(
    groups: Mapping[tuple[str, str], int], level: str | None, field: str | None
) -> tuple[dict[str, int], dict[str, int]]:
    """Return the counts by level (within the chosen field) and by field (within the chosen level).

    `groups` counts the procedures of each (level, field); each filter's counts leave out that filter
    itself, so that every count says how many choosing it would show.
    """
    by_level: dict[str, int] = {}
    by_field: dict[str, int] = {}
    for (group_level, group_field), count in groups.items():
        if not field or group_field == field:
            by_level[group_level] = by_level.get(group_level, 0) + count
        if not level or group_level == level:
            by_field[group_field] = by_field.get(group_field, 0) + count
    return by_level, by_field


def level_facets(counts: Mapping[str, int], chosen: str | None = None) -> tuple[Facet, ...]:
    """Return the levels to filter by, in order from central to commune, with their counts."""
    return tuple(
        Facet(level, text, counts.get(level, 0))
        for level, text in LEVEL_TEXT.items()
        if level in CURRENT_LEVELS or level == chosen
    )


def field_facets(counts: Mapping[str, int], chosen: str | None = None) -> tuple[Facet, ...]:
    """Return the fields to filter by, in alphabetical order whatever their diacritics, with their counts."""
    names = {name for name, count in counts.items() if name and count > 0}
    if chosen:
        names.add(chosen)
    return tuple(Facet(name, name, counts.get(name, 0)) for name in sorted(names, key=lambda n: (fold(n), n)))
