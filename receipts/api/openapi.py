"""GET /api/v1/openapi.json."""

from __future__ import annotations

from flask import jsonify

from ..schemas.openapi import document
from . import bp


@bp.get("/openapi.json")
def openapi() -> object:
    """Serve the OpenAPI document generated from the request schemas."""
    return jsonify(document())
