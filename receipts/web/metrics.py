"""GET /metrics: Prometheus text format, for the monitoring system only (see README, "Operating it")."""

from __future__ import annotations

import hmac

from flask import Response, abort, current_app, request

from .. import metrics
from . import bp


@bp.get("/metrics")
def prometheus_metrics() -> Response:
    """Answer every worker's metrics; with RECEIPTS_METRICS_TOKEN set, only to a bearer of that token."""
    token = current_app.config["METRICS_TOKEN"]
    if token:
        given = request.headers.get("Authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
            abort(404)  # no hint that something is there
    body, content_type = metrics.exposition()
    response = Response(body, content_type=content_type)
    response.headers["Cache-Control"] = "no-store"
    return response
