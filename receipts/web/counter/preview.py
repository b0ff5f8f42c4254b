"""/quay/xem-truoc: the appointment and fee of the receipt being typed, before anything is stored.

`static/quay.js` asks it as the officer types the received time; without scripts, the form's
"Xem ngày hẹn" button posts the whole form to it and the form comes back with the preview.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import jsonify, request
from flask_login import current_user
from werkzeug.wrappers import Response

from ...clock import now_local
from ...domain.errors import DomainError, InvalidInput
from ...services import receipts
from . import bp, forms

BAD_MOMENT = forms.BAD_MOMENT


def appointment(procedure_code: str, received_text: str, agency_code: str) -> dict[str, Any]:
    """Return the preview's values, or {'error': message, 'fields': …} when it cannot be computed."""
    try:
        received = received_moment(received_text)
        found = receipts.preview(agency_code, procedure_code, received, now_local())
    except DomainError as error:
        return {"error": error.message, "fields": error.fields, "code": error.code}
    return found.lines() | {"typed": received is not None}


def received_moment(text: str) -> datetime | None:
    """Read the received time as the form takes it ('25/11/2020 16:19' or ISO); None when blank."""
    value = forms.iso_moment(text[:40])
    if not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInput(BAD_MOMENT, {"received_at": BAD_MOMENT}) from None


@bp.get("/xem-truoc")
def preview() -> Response | tuple[Response, int]:
    """Answer the appointment and fee (JSON) for a procedure and a received time; store nothing."""
    agency = current_user.agency_code or request.args.get("agency_code", "")[:40]
    found = appointment(
        request.args.get("procedure_code", "")[:60], request.args.get("received_at", ""), agency
    )
    if "error" in found:
        body = {"error": {"code": found["code"], "message": found["error"], "fields": found["fields"]}}
        return jsonify(body), 422
    return jsonify(found)
