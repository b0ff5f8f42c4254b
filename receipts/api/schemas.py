"""Request schemas (pydantic): they validate bodies and generate the OpenAPI document."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Literal
from zoneinfo import ZoneInfo

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from ..config import TIMEZONE
from ..domain.codes import is_agency_code
from ..domain.statuses import Status
from ..domain.text import clean_line, has_control_chars

_PHONE = re.compile(r"^\+?[0-9]{8,15}$")
_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")


def _text(value: str) -> str:
    if has_control_chars(value):
        raise ValueError("control characters are not allowed")
    return clean_line(value)


def _required(value: str) -> str:
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
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=ZoneInfo(TIMEZONE))
    if not 2000 <= moment.year <= 2099:
        raise ValueError("out of range")
    return moment


def Text(max_length: int) -> object:  # noqa: N802 - reads like a type in the models
    """A single line of NFC text, control characters refused."""
    return Annotated[str, Field(max_length=max_length), AfterValidator(_text)]


Name = Annotated[str, Field(max_length=200), AfterValidator(_text), AfterValidator(_required)]
Code = Annotated[str, Field(min_length=2, max_length=40), AfterValidator(_code)]
Phone = Annotated[str, Field(max_length=30), AfterValidator(_text), AfterValidator(_phone)]
Email = Annotated[str, Field(max_length=254), AfterValidator(_text), AfterValidator(_email)]
Moment = Annotated[datetime, BeforeValidator(_moment)]


class Model(BaseModel):
    """Strict about types, lenient about unknown keys (clients may send more than we read)."""

    model_config = ConfigDict(extra="ignore", strict=False, str_strip_whitespace=True)


class ApplicantIn(Model):
    """The person or organisation lodging the dossier."""

    name: Name
    organization: Text(300) = ""  # type: ignore[valid-type]
    address: Text(500) = ""  # type: ignore[valid-type]
    phone: Phone = ""
    email: Email = ""


class DocumentIn(Model):
    """One paper handed in."""

    name: Name
    copies: Annotated[int, Field(ge=1, le=999, strict=True)] = 1
    form: Text(100) = ""  # type: ignore[valid-type]


class IssueIn(Model):
    """Body of POST /api/v1/receipts."""

    agency_code: Code
    procedure_code: Annotated[str, Field(min_length=2, max_length=60), AfterValidator(_code)]
    applicant: ApplicantIn
    documents: Annotated[list[DocumentIn], Field(max_length=100)] | None = None
    sets: Annotated[int, Field(ge=1, le=100, strict=True)] = 1
    received_at: Moment | None = None
    delivery: Literal["counter", "post", "online"] = "counter"
    officer_name: Text(200) = ""  # type: ignore[valid-type]
    note: Text(500) = ""  # type: ignore[valid-type]


class ReissueIn(Model):
    """Body of POST /api/v1/receipts/<code>/reissue: only what changes."""

    procedure_code: Annotated[str, Field(min_length=2, max_length=60), AfterValidator(_code)] | None = None
    applicant: ApplicantIn | None = None
    documents: Annotated[list[DocumentIn], Field(max_length=100)] | None = None
    sets: Annotated[int, Field(ge=1, le=100, strict=True)] | None = None
    received_at: Moment | None = None
    delivery: Literal["counter", "post", "online"] | None = None
    officer_name: Text(200) | None = None  # type: ignore[valid-type]
    note: Text(500) | None = None  # type: ignore[valid-type]


class RevokeIn(Model):
    """Body of POST /api/v1/receipts/<code>/revoke."""

    reason: Text(500) = ""  # type: ignore[valid-type]


class EventIn(Model):
    """Body of POST /api/v1/dossiers/<code>/events."""

    status: Status
    note: Text(500) = ""  # type: ignore[valid-type]
    at: Moment | None = None


REQUEST_SCHEMAS: dict[str, type[BaseModel]] = {
    "IssueRequest": IssueIn,
    "ReissueRequest": ReissueIn,
    "RevokeRequest": RevokeIn,
    "EventRequest": EventIn,
}
