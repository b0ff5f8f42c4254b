"""Dossiers and the catalogue over JSON: status changes, the redacted status, procedure search."""

from __future__ import annotations

from typing import Any

from flask import current_app, jsonify, request

from .. import links, worker
from ..clock import now_local
from ..domain.catalogue import LEVELS
from ..domain.dossiers import redacted
from ..errors import ApiError
from ..extensions import limiter
from ..schemas.requests import EventIn
from ..services import catalogue, dossiers
from . import bp
from .auth import actor, holds_key, key_agency, require_scope
from .bodies import read_body
from .presenters import procedures_json, status_json

MAX_PAGE = 10_000
MAX_QUERY = 200


@bp.post("/dossiers/<code>/events")
@require_scope("update")
def record_event(code: str) -> Any:
    """Record a status change and answer the status object."""
    body = read_body(EventIn)
    now = now_local()
    stored = dossiers.record_event(
        code,
        body.status,
        body.note,
        body.at,
        now,
        agency=key_agency(),
        public_base=links.public_base(),
        actor=actor(),
    )
    if current_app.config.get("ZALO_OA_SECRET"):
        worker.nudge()  # subscribers' notices may wait in the outbox; the minute's sweep is the backstop
    return jsonify(status_json(redacted(stored, now)))


@bp.get("/dossiers/<code>")
# Citizens are limited per address; the OA bot and the back office, behind one address each and
# answering many citizens, present their key instead.
@limiter.limit("60 per minute", exempt_when=holds_key)
def dossier_status(code: str) -> Any:
    """Return a dossier's redacted status."""
    return jsonify(status_json(dossiers.status(code, now_local())))


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
