"""Request bodies of the API (the counter's forms use the same), each turned into a domain command."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, WithJsonSchema

from ..domain.commands import Correction, IssueCommand
from ..domain.errors import InvalidInput
from ..domain.events import MAX_ITEMS, STATUS_FORMS, EventDraft
from ..domain.extensions import MAX_EXTENSION_DAYS
from ..domain.payments import MAX_DESCRIPTION, MAX_TRANSACTION_ID, Charge
from ..domain.receipt import DELIVERIES, MAX_DOCUMENTS, Applicant, DocumentItem
from ..domain.statuses import Status
from ..domain.vietqr import MAX_AMOUNT
from . import examples
from .fields import (
    MOMENT_SCHEMA,
    Code,
    Email,
    Moment,
    Name,
    Phone,
    ProcedureCode,
    Required300,
    Required500,
    Text100,
    Text200,
    Text300,
    Text500,
    whole,
)

Delivery = Literal[DELIVERIES]  # type: ignore[valid-type]  # mypy reads no tuple of literals
Count = Annotated[int, Field(ge=1, le=100, strict=True), BeforeValidator(whole)]
# Whole đồng only: a JSON number that is whole (135000 or 135000.0, as JSON Schema's integer) becomes
# an int at once; 135000.5 or "135000" is refused. No float goes further.
Amount = Annotated[int, Field(ge=0, le=MAX_AMOUNT, strict=True), BeforeValidator(whole)]
PositiveAmount = Annotated[int, Field(ge=1, le=MAX_AMOUNT, strict=True), BeforeValidator(whole)]
ExtensionDays = Annotated[
    int,
    Field(ge=1, le=MAX_EXTENSION_DAYS, strict=True),
    BeforeValidator(whole),
    WithJsonSchema({"type": "integer", "minimum": 1, "maximum": MAX_EXTENSION_DAYS}),
]
TransactionId = Annotated[
    str, Field(min_length=1, max_length=MAX_TRANSACTION_ID, pattern=r"^[0-9A-Za-z._:/\-]+$")
]


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


class HandoverIn(Model):
    """Who hands the dossier over to whom (Mẫu 06); recorded without changing the status."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True, populate_by_name=True)
    from_: Required300 = Field(alias="from")
    to: Required300


Items = Annotated[list[Required500], Field(max_length=MAX_ITEMS)]


def _event_schema(schema: dict[str, Any]) -> None:
    """Say in the document what EventDraft.check refuses: a status or a hand-over (not null), and
    items only with a status whose form lists them."""
    schema["examples"] = [examples.EVENT]
    schema["anyOf"] = [
        {"required": ["status"], "properties": {"status": {"not": {"type": "null"}}}},
        {"required": ["handover"], "properties": {"handover": {"type": "object"}}},
    ]
    with_items = {"required": ["status"], "properties": {"status": {"enum": [s.value for s in STATUS_FORMS]}}}
    no_items = [{"not": {"required": ["items"]}}, {"properties": {"items": {"maxItems": 0}}}]
    schema["allOf"] = [{"anyOf": [*no_items, with_items]}]


class EventIn(Model):
    """Body of POST /api/v1/dossiers/<code>/events: a new status and/or a hand-over.

    `items` are the missing papers (needs_supplement, Mẫu 02) or the reasons (rejected, Mẫu 03;
    suspended, Mẫu 05).
    """

    model_config = ConfigDict(json_schema_extra=_event_schema)

    status: Status | None = None
    note: Text500 = ""
    at: Moment | None = None
    items: Items = []
    officer_name: Text200 = ""
    handover: HandoverIn | None = None
    amount: Amount | None = None
    reason: Text500 = ""

    def to_draft(self) -> EventDraft:
        """Return what to record; raise InvalidInput for a body that records nothing or misplaces items."""
        handover = self.handover
        draft = EventDraft(
            status=self.status,
            note=self.note,
            items=tuple(self.items),
            officer=self.officer_name,
            handover_from=handover.from_ if handover else "",
            handover_to=handover.to if handover else "",
        )
        draft.check()
        return draft

    def to_charge(self) -> Charge | None:
        """Return what the dossier owes in all, when the event says."""
        return None if self.amount is None else Charge(self.amount, self.reason)


class ExtensionIn(Model):
    """Body of POST /api/v1/dossiers/<code>/extensions (Mẫu 04): the reason and either
    `working_days` more or the `new_due_at` itself."""

    # Exactly one of the two, as the document says (check() refuses the rest).
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [examples.EXTENSION],
            "oneOf": [{"required": ["working_days"]}, {"required": ["new_due_at"]}],
        }
    )

    reason: Required500
    working_days: ExtensionDays = None  # type: ignore[assignment]  # absent is None, never sent as null
    new_due_at: Annotated[Moment | None, WithJsonSchema(MOMENT_SCHEMA)] = None
    officer_name: Text200 = ""

    def check(self) -> None:
        """Raise InvalidInput unless exactly one of `working_days` and `new_due_at` is given."""
        if (self.working_days is None) == (self.new_due_at is None):
            message = "Cần đúng một trong hai: số ngày làm việc gia hạn hoặc ngày hẹn mới."
            raise InvalidInput(message, {"working_days": message})


class PaymentIn(Model):
    """Body of POST /api/v1/dossiers/<code>/payments: money received, keyed by the bank's transaction id."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.PAYMENT]})

    amount: PositiveAmount
    transaction_id: TransactionId
    paid_at: Moment | None = None


class TransferIn(Model):
    """Body of POST /payments/webhook: a bank transfer notice, signed by the notifier."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.TRANSFER]})

    transaction_id: TransactionId
    amount: PositiveAmount
    description: Annotated[str, Field(max_length=MAX_DESCRIPTION)] = ""
    paid_at: Moment


REQUEST_SCHEMAS: dict[str, type[BaseModel]] = {
    "IssueRequest": IssueIn,
    "ReissueRequest": ReissueIn,
    "RevokeRequest": RevokeIn,
    "EventRequest": EventIn,
    "ExtensionRequest": ExtensionIn,
    "PaymentRequest": PaymentIn,
    "TransferNotice": TransferIn,
}
