"""The operators' data files (agencies, procedures, holiday decisions), read into domain objects."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..domain.calendar import KINDS, Decision
from ..domain.catalogue import LEVELS, PAPERS, Agency, Procedure
from ..domain.due_dates import UNITS, parse_sessions
from ..domain.errors import InvalidInput
from ..domain.receipt import DUE_STYLES, MAX_DOCUMENTS, DocumentItem
from ..domain.vietqr import BankAccount
from .fields import (
    Code,
    ProcedureCode,
    Required100,
    Required200,
    Required300,
    Required500,
    Required2000,
    Text100,
    Text200,
    Text300,
    Text2000,
)

Level = Literal[LEVELS]  # type: ignore[valid-type]  # a tuple of literals, which mypy cannot read
Unit = Literal[UNITS]  # type: ignore[valid-type]
Paper = Literal[PAPERS]  # type: ignore[valid-type]
DueStyle = Literal[DUE_STYLES]  # type: ignore[valid-type]
Kind = Literal[KINDS]  # type: ignore[valid-type]


class _Row(BaseModel):
    model_config = ConfigDict(extra="ignore")


class BankRow(_Row):
    """An agency's collecting account: NAPAS's 6-digit bank BIN, the account number, the holder."""

    bin: Annotated[str, Field(pattern=r"^[0-9]{6}$")]
    account: Annotated[str, Field(pattern=r"^[0-9A-Za-z]{1,19}$")]
    name: Text200 = ""


class AgencyRow(_Row):
    """One agency of an agencies file."""

    code: Code
    parent_name: Required300
    unit_name: Required300
    place: Required100
    office_hours: list[list[str]] = Field(default_factory=lambda: [["07:00", "11:30"], ["13:30", "17:00"]])
    paper: Paper = "A4"
    bank: BankRow | None = None
    is_demo: bool = False
    due_style: DueStyle = "session"

    @field_validator("office_hours")
    @classmethod
    def _sessions(cls, value: list[list[str]]) -> list[list[str]]:
        sessions = parse_sessions(value)
        return [[f"{start:%H:%M}", f"{end:%H:%M}"] for start, end in sessions]

    def to_agency(self, demo: bool) -> Agency:
        """Return the agency this row describes."""
        hours = tuple((start, end) for start, end in self.office_hours)
        bank = None if self.bank is None else BankAccount(self.bank.bin, self.bank.account, self.bank.name)
        return Agency(
            self.code,
            self.parent_name,
            self.unit_name,
            self.place,
            hours,
            self.paper,
            self.is_demo or demo,
            bank,
            self.due_style,
        )


class DocumentRow(_Row):
    """One paper of a procedure's list."""

    name: Required500
    copies: Annotated[int, Field(ge=1, le=999)] = 1
    form: Text2000 = ""


class ProcedureRow(_Row):
    """One procedure of a procedures file."""

    code: ProcedureCode
    name: Required2000
    level: Level
    field: Text200 = ""
    agency_name: Text300 = ""
    service_level: Text100 = ""
    duration: Annotated[int, Field(ge=0, le=3650)]
    duration_unit: Unit
    fee: Annotated[int, Field(ge=0, le=2_000_000_000)] = 0
    documents: list[DocumentRow] = Field(default_factory=list, max_length=MAX_DOCUMENTS)
    is_demo: bool = False

    def to_procedure(self, demo: bool) -> Procedure:
        """Return the procedure this row describes."""
        data = self.model_dump(exclude={"documents", "is_demo"})
        documents = tuple(DocumentItem(d.name, d.copies, d.form) for d in self.documents)
        return Procedure(**data, documents=documents, is_demo=self.is_demo or demo)


class HolidayRow(_Row):
    """One decision of a holidays file."""

    date: date
    kind: Kind
    name: Required200
    source: Text2000 = ""


def _read_rows(path: Path, row: type[_Row]) -> list[Any]:
    """Read a UTF-8 JSON array and validate every item; raise InvalidInput naming the first fault."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as error:
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
    keys = [getattr(r, "code", None) or getattr(r, "date", None) for r in rows]
    if len(set(keys)) != len(keys):
        raise InvalidInput(f"{path}: the same code or date appears twice")
    return rows


def read_agencies(path: Path, *, demo: bool = False) -> list[Agency]:
    """Return the agencies of a file; `demo` marks them as demo data."""
    return [row.to_agency(demo) for row in _read_rows(path, AgencyRow)]


def read_procedures(path: Path, *, demo: bool = False) -> list[Procedure]:
    """Return the procedures of a file; `demo` marks them as demo data."""
    return [row.to_procedure(demo) for row in _read_rows(path, ProcedureRow)]


def read_decisions(path: Path) -> list[Decision]:
    """Return the calendar decisions of a file."""
    return [Decision(r.date, r.kind, r.name, r.source) for r in _read_rows(path, HolidayRow)]
