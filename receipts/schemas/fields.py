"""Field types shared by the API, the counter's forms and the operators' data files."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field, WithJsonSchema

from ..domain.codes import is_agency_code
from ..domain.localtime import in_code_range, local
from ..domain.text import CONTROL_CLASS, clean_line, has_control_chars

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
    # ASCII first: "ı".upper() is "I", and a code is never typed with it.
    if not value.isascii() or not is_agency_code(value.upper()):
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


def _at_most(size: int) -> BeforeValidator:
    def check(value: object) -> object:
        # As sent, before trimming, so that the document's maxLength is the whole rule.
        if isinstance(value, str) and len(value) > size:
            raise ValueError("too long")
        return value

    return BeforeValidator(check)


def _line(size: int, required: bool = False) -> AfterValidator:
    def check(value: str) -> str:
        line = single_line(value)
        # NFC can lengthen a text that was within its limit as sent, and a column would refuse it.
        if len(line) > size:
            raise ValueError("too long")
        return _non_empty(line) if required else line

    return AfterValidator(check)


def whole(value: object) -> object:
    """Take 3.0 as 3, as JSON Schema's integer does; anything else is left to the strict check."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _documented(pattern: str, size: int, example: str, description: str) -> Any:
    extra = {"pattern": pattern, "maxLength": size, "examples": [example], "description": description}
    return Field(json_schema_extra=extra)  # type: ignore[arg-type]


def _text(size: int, required: bool = False) -> Any:
    pattern = _REQUIRED if required else _TEXT
    rule = ("Not empty once trimmed. " if required else "") + _TEXT_RULE
    return Field(json_schema_extra={"pattern": pattern, "maxLength": size, "description": rule})


# What the OpenAPI document says of each field, so that what it allows is what the checks accept.
# The classes are written out rather than `\s`, which means other characters in JavaScript and Python.
_WS = r"\t\n\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_TEXT = rf"^[^{CONTROL_CLASS}]*$"
_REQUIRED = rf"^[{_WS}]*[^{_WS}{CONTROL_CLASS}][^{CONTROL_CLASS}]*$"
_CODE = rf"^[{_WS}]*[0-9A-Za-z][0-9A-Za-z.]{{0,38}}[0-9A-Za-z][{_WS}]*$"
_SEP = rf"[{_WS}.()-]"
_PHONE_SHAPE = rf"^{_SEP}*(?:\+{_SEP}*)?(?:[0-9]{_SEP}*){{8,15}}$|^{_SEP}*$"
_MAIL = rf"[^@{_WS}{CONTROL_CLASS}]"
_EMAIL_SHAPE = rf"^[{_WS}]*(?:{_MAIL}{{1,64}}@{_MAIL}+\.{_MAIL}{{2,}})?[{_WS}]*$"
# Years 2001-2098 and days 1-28 are valid at every UTC offset; the validator takes the whole of
# 2000-2099 in Vietnam's time (any ISO 8601 that Python reads), which a pattern cannot say.
_MOMENT_SHAPE = (
    r"^20(?:0[1-9]|[1-8][0-9]|9[0-8])-(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])"
    r"T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\.[0-9]{1,6})?(?:Z|[+-](?:0[0-9]|1[0-3]):[0-5][0-9])?$"
)
_TEXT_RULE = (
    "Surrounding white space is trimmed and inner runs folded to one space before the limits apply; "
    "control, zero-width and direction-override characters and lone surrogates are refused."
)
_CODE_RULE = "Digits, ASCII letters (any case) and dots, starting and ending with a digit or letter."
_PHONE_RULE = (
    "Empty, or 8-15 digits with an optional leading +; spaces, dots, dashes and parentheses are dropped."
)
MOMENT_SCHEMA = {
    "type": "string",
    "pattern": _MOMENT_SHAPE,
    "examples": ["2020-11-25T16:19:50+07:00"],
    "description": "ISO 8601 date and time (`Z` or an offset; without one, Vietnam's time) whose date in "
    "Vietnam's time falls in 2000-2099; the pattern shows the part that is valid at every offset.",
}

# Single lines of NFC text, control characters refused; the Required ones are not empty once trimmed.
Text100 = Annotated[str, _text(100), _at_most(100), _line(100)]
Text200 = Annotated[str, _text(200), _at_most(200), _line(200)]
Text300 = Annotated[str, _text(300), _at_most(300), _line(300)]
Text500 = Annotated[str, _text(500), _at_most(500), _line(500)]
Text2000 = Annotated[str, _text(2000), _at_most(2000), _line(2000)]
Required100 = Annotated[str, _text(100, True), _at_most(100), _line(100, True)]
Required200 = Annotated[str, _text(200, True), _at_most(200), _line(200, True)]
Required300 = Annotated[str, _text(300, True), _at_most(300), _line(300, True)]
Required500 = Annotated[str, _text(500, True), _at_most(500), _line(500, True)]
Required2000 = Annotated[str, _text(2000, True), _at_most(2000), _line(2000, True)]
Name = Required200
Code = Annotated[
    str,
    _documented(_CODE, 40, "000.00.04.H15", _CODE_RULE),
    _at_most(40),
    AfterValidator(_code),
]
Phone = Annotated[
    str,
    _documented(_PHONE_SHAPE, 30, "0946911303", _PHONE_RULE),
    _at_most(30),
    AfterValidator(single_line),
    AfterValidator(_phone),
]
Email = Annotated[
    str,
    _documented(_EMAIL_SHAPE, 254, "hau.pq@vnpt.vn", "Empty, or an address; kept in lower case."),
    _at_most(254),
    AfterValidator(single_line),
    AfterValidator(_email),
]
Moment = Annotated[datetime, BeforeValidator(_moment), WithJsonSchema(MOMENT_SCHEMA)]
ProcedureCode = Annotated[
    str,
    _documented(_CODE, 60, "1.000028.000.00.00.H15", _CODE_RULE),
    _at_most(60),
    AfterValidator(_code),
]
