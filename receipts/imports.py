"""Validation of the operators' data files (agencies, procedures, holiday decisions)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .domain.calendar import Decision
from .domain.due_dates import parse_sessions
from .domain.errors import InvalidInput
from .domain.text import fold
from .fields import Code as AgencyCode
from .fields import ProcedureCode, Text
from .fields import RequiredText as Required
from .store import queries

Line = Text(2000)


class _Row(BaseModel):
    model_config = ConfigDict(extra="ignore")


class AgencyRow(_Row):
    """One agency of an agencies file."""

    code: AgencyCode
    parent_name: Required(300)  # type: ignore[valid-type]
    unit_name: Required(300)  # type: ignore[valid-type]
    place: Required(100)  # type: ignore[valid-type]
    office_hours: list[list[str]] = Field(default_factory=lambda: [["07:00", "11:30"], ["13:30", "17:00"]])
    paper: Literal["A4", "A5"] = "A4"
    is_demo: bool = False

    @field_validator("office_hours")
    @classmethod
    def _sessions(cls, value: list[list[str]]) -> list[list[str]]:
        sessions = parse_sessions(value)
        return [[f"{start:%H:%M}", f"{end:%H:%M}"] for start, end in sessions]


class DocumentRow(_Row):
    """One paper of a procedure's list."""

    name: Required(500)  # type: ignore[valid-type]
    copies: Annotated[int, Field(ge=1, le=999)] = 1
    form: Line = ""


class ProcedureRow(_Row):
    """One procedure of a procedures file."""

    code: ProcedureCode
    name: Required(2000)  # type: ignore[valid-type]
    level: Literal["province", "district", "commune"]
    field: Text(200) = ""  # type: ignore[valid-type]
    agency_name: Text(300) = ""  # type: ignore[valid-type]
    service_level: Text(100) = ""  # type: ignore[valid-type]
    duration: Annotated[int, Field(ge=0, le=3650)]
    duration_unit: Literal["working_days", "working_hours", "calendar_days"]
    fee: Annotated[int, Field(ge=0, le=2_000_000_000)] = 0
    documents: list[DocumentRow] = Field(default_factory=list)
    is_demo: bool = False


class HolidayRow(_Row):
    """One decision of a holidays file."""

    date: date
    kind: Literal["day_off", "working_day"]
    name: Required(200)  # type: ignore[valid-type]
    source: Line = ""


def read_rows(path: Path, row: type[_Row]) -> list[Any]:
    """Read a UTF-8 JSON array and validate every item; raise InvalidInput naming the first fault."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise InvalidInput(f"Cannot read {path}: {error}") from error
    if not isinstance(data, list):
        raise InvalidInput(f"{path}: expected a JSON array")
    rows = []
    for index, item in enumerate(data):
        try:
            rows.append(row.model_validate(item))
        except ValidationError as error:
            first = error.errors(include_url=False)[0]
            where = ".".join(str(p) for p in first["loc"])
            raise InvalidInput(f"{path}: item {index}: {where}: {first['msg']}") from error
    codes = [getattr(r, "code", None) or getattr(r, "date", None) for r in rows]
    if len(set(codes)) != len(codes):
        raise InvalidInput(f"{path}: the same code or date appears twice")
    return rows


def import_agencies(path: Path, *, demo: bool = False) -> int:
    """Insert or update agencies from a file."""
    rows = read_rows(path, AgencyRow)
    return queries.upsert("agencies", [r.model_dump() | ({"is_demo": True} if demo else {}) for r in rows])


def import_procedures(path: Path, *, demo: bool = False) -> int:
    """Insert or update procedures from a file."""
    rows = read_rows(path, ProcedureRow)
    items = []
    for r in rows:
        data = r.model_dump()
        data["name_folded"] = fold(r.name)
        if demo:
            data["is_demo"] = True
        items.append(data)
    return queries.upsert("procedures", items)


def import_holidays(path: Path) -> int:
    """Insert or update calendar decisions from a file."""
    rows = read_rows(path, HolidayRow)
    return queries.upsert_decisions([Decision(r.date, r.kind, r.name, r.source) for r in rows])
