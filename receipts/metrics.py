"""Prometheus metrics (prometheus_client): requests by route, receipts issued, PDF renders, caches.

Labels hold only URL rules ("/r/<token>"), methods, statuses and cache names: never a token, a
dossier code or anything else a request carries. Under gunicorn with several workers,
gunicorn.conf.py sets PROMETHEUS_MULTIPROC_DIR before this module is imported, and /metrics adds
up every worker's files.
"""

from __future__ import annotations

import os
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
# From the ~1 ms of a cached page to the seconds of a long first render.
_LATENCY = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

REQUESTS = Counter(
    "receipts_http_requests", "HTTP requests answered, by URL rule and status", ["method", "route", "status"]
)
LATENCY = Histogram(
    "receipts_http_request_duration_seconds",
    "Time to answer, by URL rule",
    ["method", "route"],
    buckets=_LATENCY,
)
ISSUED = Counter("receipts_issued", "Receipts issued (first versions and reissues)", ["kind"])
PDF_RENDER = Histogram("receipts_pdf_render_seconds", "Time to lay out and write one PDF", buckets=_LATENCY)
CACHE = Counter(
    "receipts_cache_lookups",
    "Per-process cache lookups (pdf, snapshot, form_html) by result",
    ["cache", "result"],
)
RATE_LIMITED = Counter("receipts_rate_limited", "Requests refused with 429, by URL rule", ["route"])


# Each metric's labelled children, found once (labels() checks and locks at every call): a few
# hundred at most, the routes and statuses being the app's own.
_children: dict[tuple[Any, ...], Any] = {}


def _child(metric: Any, *labels: str) -> Any:
    key = (metric, *labels)
    child = _children.get(key)
    if child is None:
        child = _children[key] = metric.labels(*labels)
    return child


# Any other method a client makes up is counted as one: labels must not grow with what clients send.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    """Count one answered request and its latency."""
    method = method if method in METHODS else "OTHER"
    _child(REQUESTS, method, route, str(status)).inc()
    _child(LATENCY, method, route).observe(seconds)
    if status == 429:
        _child(RATE_LIMITED, route).inc()


def observe_cache(cache: str, hit: bool) -> None:
    """Count one lookup in a per-process cache."""
    _child(CACHE, cache, "hit" if hit else "miss").inc()


def observe_render(seconds: float) -> None:
    """Record the time one PDF took to render."""
    PDF_RENDER.observe(seconds)


def count_issued(kind: str) -> None:
    """Count one receipt version issued (`issue` or `reissue`)."""
    ISSUED.labels(kind).inc()


def exposition() -> tuple[bytes, str]:
    """Return the metrics in Prometheus text format and its content type (every worker's, when several)."""
    if os.environ.get(MULTIPROC_ENV):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    from prometheus_client import REGISTRY

    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
