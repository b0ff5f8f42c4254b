"""Request schemas (pydantic): they validate bodies and generate the OpenAPI document."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from ..domain.statuses import Status
from ..fields import Code, Email, Moment, Name, Phone, ProcedureCode, Text


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
    procedure_code: ProcedureCode
    applicant: ApplicantIn
    documents: Annotated[list[DocumentIn], Field(max_length=100)] | None = None
    sets: Annotated[int, Field(ge=1, le=100, strict=True)] = 1
    received_at: Moment | None = None
    delivery: Literal["counter", "post", "online"] = "counter"
    officer_name: Text(200) = ""  # type: ignore[valid-type]
    note: Text(500) = ""  # type: ignore[valid-type]


class ApplicantPatch(Model):
    """The applicant's fields to correct; the others stay as printed."""

    name: Name | None = None
    organization: Text(300) | None = None  # type: ignore[valid-type]
    address: Text(500) | None = None  # type: ignore[valid-type]
    phone: Phone | None = None
    email: Email | None = None


class ReissueIn(Model):
    """Body of POST /api/v1/receipts/<code>/reissue: only what changes."""

    procedure_code: ProcedureCode | None = None
    applicant: ApplicantPatch | None = None
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
