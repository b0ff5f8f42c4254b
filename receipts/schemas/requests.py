"""Request bodies of the API (the counter's forms use the same), each turned into a domain command."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from ..domain.commands import Correction, IssueCommand
from ..domain.receipt import DELIVERIES, MAX_DOCUMENTS, Applicant, DocumentItem
from ..domain.statuses import Status
from . import examples
from .fields import Code, Email, Moment, Name, Phone, ProcedureCode, Text100, Text200, Text300, Text500, whole

Delivery = Literal[DELIVERIES]  # type: ignore[valid-type]  # mypy reads no tuple of literals
Count = Annotated[int, Field(ge=1, le=100, strict=True), BeforeValidator(whole)]


class Model(BaseModel):
    """Strict about types, lenient about unknown keys (clients may send more than we read)."""

    model_config = ConfigDict(extra="ignore", strict=False, str_strip_whitespace=True)


class ApplicantIn(Model):
    """The person or organisation lodging the dossier."""

    name: Name
    organization: Text300 = ""
    address: Text500 = ""
    phone: Phone = ""
    email: Email = ""


class DocumentIn(Model):
    """One paper handed in."""

    name: Name
    copies: Annotated[int, Field(ge=1, le=999, strict=True), BeforeValidator(whole)] = 1
    form: Text100 = ""

    def to_item(self) -> DocumentItem:
        """Return the document as the receipt lists it."""
        return DocumentItem(name=self.name, copies=self.copies, form=self.form)


Documents = Annotated[list[DocumentIn], Field(max_length=MAX_DOCUMENTS)]


class IssueIn(Model):
    """Body of POST /api/v1/receipts."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.ISSUE]})

    agency_code: Code
    procedure_code: ProcedureCode
    applicant: ApplicantIn
    documents: Documents | None = None
    sets: Count = 1
    received_at: Moment | None = None
    delivery: Delivery = "counter"
    officer_name: Text200 = ""
    note: Text500 = ""

    def to_command(self) -> IssueCommand:
        """Return the command that issues this receipt."""
        return IssueCommand(
            agency_code=self.agency_code,
            procedure_code=self.procedure_code,
            applicant=Applicant(**self.applicant.model_dump()),
            documents=None if self.documents is None else tuple(d.to_item() for d in self.documents),
            sets=self.sets,
            received_at=self.received_at,
            delivery=self.delivery,
            officer_name=self.officer_name,
            note=self.note,
        )


class ApplicantPatch(Model):
    """The applicant's fields to correct; the others stay as printed."""

    name: Name | None = None
    organization: Text300 | None = None
    address: Text500 | None = None
    phone: Phone | None = None
    email: Email | None = None


class ReissueIn(Model):
    """Body of POST /api/v1/receipts/<code>/reissue: only what changes."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.REISSUE]})

    procedure_code: ProcedureCode | None = None
    applicant: ApplicantPatch | None = None
    documents: Documents | None = None
    sets: Count | None = None
    received_at: Moment | None = None
    delivery: Delivery | None = None
    officer_name: Text200 | None = None
    note: Text500 | None = None

    def to_correction(self) -> Correction:
        """Return the correction this body asks for."""
        return Correction(
            procedure_code=self.procedure_code,
            applicant=None if self.applicant is None else self.applicant.model_dump(exclude_none=True),
            documents=None if self.documents is None else tuple(d.to_item() for d in self.documents),
            sets=self.sets,
            received_at=self.received_at,
            delivery=self.delivery,
            officer_name=self.officer_name,
            note=self.note,
        )


class RevokeIn(Model):
    """Body of POST /api/v1/receipts/<code>/revoke."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.REVOKE]})

    reason: Text500 = ""


class EventIn(Model):
    """Body of POST /api/v1/dossiers/<code>/events."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.EVENT]})

    status: Status
    note: Text500 = ""
    at: Moment | None = None


REQUEST_SCHEMAS: dict[str, type[BaseModel]] = {
    "IssueRequest": IssueIn,
    "ReissueRequest": ReissueIn,
    "RevokeRequest": RevokeIn,
    "EventRequest": EventIn,
}
