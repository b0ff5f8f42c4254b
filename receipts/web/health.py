"""/healthz (alive) and /readyz (ready to serve) for load balancers and operators."""

from __future__ import annotations

from flask import jsonify

from .. import runtime
from ..store.database import ping
from . import bp


@bp.get("/healthz")
def healthz() -> object:
    """Answer ok once the database answers."""
    if ping():
        return jsonify({"status": "ok"})
    return jsonify({"status": "unavailable"}), 503


@bp.get("/readyz")
def readyz() -> object:
    """Answer ok when the database and every configured dependency answer; 503 naming what does not."""
    checks = runtime.readiness()
    ready = all(checks.values())
    return jsonify({"status": "ok" if ready else "unavailable", "checks": checks}), (200 if ready else 503)
