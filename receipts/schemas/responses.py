"""What the API answers, as pydantic models: the OpenAPI document's response schemas (nothing
validates answers at run time; the schemathesis run checks every answer against these)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel

from ..domain.statuses import Status


class ReceiptOut(BaseModel):
    """The receipt object: code, appointment and links."""

    code: str
    version: int
    status: Status
    received_at: datetime
    due_at: datetime
    due_text: str
    verify_url: str
    pdf_url: str


class ApplicantOut(BaseModel):
    """The applicant as printed on the receipt."""

    name: str
    organization: str
    address: str
    phone: str
    email: str


class DocumentOut(BaseModel):
    """One paper of a receipt or of a procedure's list."""

    name: str
    copies: int
    form: str


class ReceiptDetailsOut(ReceiptOut):
    """The receipt object with the applicant and every field a correction may change."""

    revoked: bool
    agency_code: str
    procedure_code: str
    procedure_name: str
    applicant: ApplicantOut
    documents: list[DocumentOut]
    sets: int
    delivery: str
    officer_name: str
    note: str


class StatusOut(BaseModel):
    """The redacted status object: no full name, address, phone or email."""

    code: str
    status: Status
    status_text: str
    dvc_status: int
    received_at: datetime
    due_at: datetime
    due_text: str
    overdue: bool
    procedure_name: str
    applicant: str
    revoked: bool


class ProcedureOut(BaseModel):
    """A procedure's public details."""

    code: str
    name: str
    level: str
    duration: int
    duration_unit: str
    field: str
    agency_name: str
    service_level: str
    fee: int
    documents: list[DocumentOut]


class ProcedurePageOut(BaseModel):
    """A page of the catalogue."""

    total: int
    page: int
    items: list[ProcedureOut]


class HealthOut(BaseModel):
    """The answer of /healthz."""

    status: Literal["ok", "unavailable"]


class ReadinessOut(HealthOut):
    """The answer of /readyz: each dependency by name."""

    checks: dict[str, bool]


RESPONSE_SCHEMAS: dict[str, type[BaseModel]] = {
    "Receipt": ReceiptOut,
    "ReceiptDetails": ReceiptDetailsOut,
    "DossierStatus": StatusOut,
    "ProcedurePage": ProcedurePageOut,
    "Health": HealthOut,
    "Readiness": ReadinessOut,
}
