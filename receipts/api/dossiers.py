"""Dossiers and the catalogue over JSON: status changes, the redacted status, procedure search."""

from __future__ import annotations

from typing import Any

from flask import current_app, jsonify, request

from .. import clock, links, runtime, worker
from ..domain.catalogue import LEVELS
from ..errors import ApiError
from ..extensions import limiter
from ..schemas.requests import EventIn, ExtensionIn
from ..services import catalogue, dossiers
from . import bp
from .auth import actor, holds_key, key_agency, require_scope
from .bodies import read_body
from .presenters import procedures_json, recorded_json, status_json

MAX_PAGE = 10_000
MAX_QUERY = 200


@bp.post("/dossiers/<code>/events")
@require_scope("update")
def record_event(code: str) -> Any:
    """Record a status change and/or a hand-over; answer the status object (and the form's PDF link)."""
    body = read_body(EventIn)
    draft, base = body.to_draft(), links.public_base()
    recorded = dossiers.record(
        code,
        draft,
        body.at,
        clock.now_local(),
        agency=key_agency(),
        public_base=base,
        charge=body.to_charge(),
        actor=actor(),
    )
    if current_app.config.get("ZALO_OA_SECRET") and body.status is not None:
        worker.nudge()  # subscribers' notices may wait in the outbox; the minute's sweep is the backstop
    return jsonify(recorded_json(recorded.status, recorded.event))


@bp.post("/dossiers/<code>/extensions")
@require_scope("update")
def extend(code: str) -> Any:
    """Give a late dossier a new appointment (Mẫu 04); answer the status object and the form's link."""
    body = read_body(ExtensionIn)
    body.check()
    recorded = dossiers.extend(
        code,
        body.reason,
        clock.now_local(),
        working_days=body.working_days,
        new_due_at=body.new_due_at,
        officer=body.officer_name,
        agency=key_agency(),
        public_base=links.public_base(),
        actor=actor(),
    )
    if current_app.config.get("ZALO_OA_SECRET"):
        worker.nudge()  # subscribers' notices may wait in the outbox; the minute's sweep is the backstop
    return jsonify(recorded_json(recorded.status, recorded.event))


@bp.get("/dossiers/<code>")
# Citizens are limited per address; the OA bot and the back office, behind one address each and
# answering many citizens, present their key instead.
@limiter.limit("60 per minute", exempt_when=holds_key)
def dossier_status(code: str) -> Any:
    """Return a dossier's redacted status."""
    return jsonify(
        status_json(
            dossiers.status(
                code, clock.now_local(), runtime.snapshots(), runtime.histories(), runtime.live_states()
            )
        )
    )


@bp.get("/procedures")
def procedures() -> Any:
    """Search the procedure catalogue."""
    args = request.args
    try:
        page = int(args.get("page", "1"))
    except ValueError:
        page = 0
    if not 1 <= page <= MAX_PAGE:
        raise ApiError(422, "invalid_values", "Dữ liệu không hợp lệ.", {"page": "Số trang không hợp lệ."})
    level = args.get("level") or None
    if level and level not in LEVELS:
        raise ApiError(422, "invalid_values", "Dữ liệu không hợp lệ.", {"level": "Cấp không hợp lệ."})
    q = args.get("q", "")[:MAX_QUERY]
    return jsonify(procedures_json(catalogue.search_procedures(q, level, args.get("field") or None, page)))
