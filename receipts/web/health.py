"""/healthz for load balancers and operators."""

from __future__ import annotations

from flask import jsonify

from ..store.database import ping
from . import bp


@bp.get("/healthz")
def healthz() -> object:
    """Answer ok once the database answers."""
    if ping():
        return jsonify({"status": "ok"})
    return jsonify({"status": "unavailable"}), 503
