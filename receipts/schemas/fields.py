"""Field types shared by the API, the counter's forms and the operators' data files."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field

from ..domain.codes import is_agency_code
from ..domain.localtime import in_code_range, local
from ..domain.text import clean_line, has_control_chars

_PHONE = re.compile(r"^\+?[0-9]{8,15}$")
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")


def single_line(value: str) -> str:
    """Return one clean line; refuse control and direction-override characters."""
    if has_control_chars(value):
        raise ValueError("control characters are not allowed")
    return clean_line(value)


def _non_empty(value: str) -> str:
    if not value:
        raise ValueError("must not be empty")
    return value


def _phone(value: str) -> str:
    compact = re.sub(r"[\s.\-()]", "", value)
    if compact and not _PHONE.match(compact):
        raise ValueError("not a phone number")
    return compact


def _email(value: str) -> str:
    if value and not _EMAIL.match(value):
        raise ValueError("not an email address")
    return value.lower()


def _code(value: str) -> str:
    if not is_agency_code(value.upper()):
        raise ValueError("not a code")
    return value.upper()


def _moment(value: object) -> object:
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str):
        raise ValueError("must be an ISO 8601 date and time")
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError as error:
        raise ValueError("must be an ISO 8601 date and time") from error
    moment = local(moment) if moment.tzinfo is None else moment
    if not in_code_range(moment):
        raise ValueError("out of range")
    return moment


# Single lines of NFC text, control characters refused; the Required ones are not empty once trimmed.
Text100 = Annotated[str, Field(max_length=100), AfterValidator(single_line)]
Text200 = Annotated[str, Field(max_length=200), AfterValidator(single_line)]
Text300 = Annotated[str, Field(max_length=300), AfterValidator(single_line)]
Text500 = Annotated[str, Field(max_length=500), AfterValidator(single_line)]
Text2000 = Annotated[str, Field(max_length=2000), AfterValidator(single_line)]
Required100 = Annotated[str, Field(max_length=100), AfterValidator(single_line), AfterValidator(_non_empty)]
Required200 = Annotated[str, Field(max_length=200), AfterValidator(single_line), AfterValidator(_non_empty)]
Required300 = Annotated[str, Field(max_length=300), AfterValidator(single_line), AfterValidator(_non_empty)]
Required500 = Annotated[str, Field(max_length=500), AfterValidator(single_line), AfterValidator(_non_empty)]
Required2000 = Annotated[str, Field(max_length=2000), AfterValidator(single_line), AfterValidator(_non_empty)]
Name = Required200
Code = Annotated[str, Field(min_length=2, max_length=40), AfterValidator(_code)]
Phone = Annotated[str, Field(max_length=30), AfterValidator(single_line), AfterValidator(_phone)]
Email = Annotated[str, Field(max_length=254), AfterValidator(single_line), AfterValidator(_email)]
Moment = Annotated[datetime, BeforeValidator(_moment)]
ProcedureCode = Annotated[str, Field(min_length=2, max_length=60), AfterValidator(_code)]
