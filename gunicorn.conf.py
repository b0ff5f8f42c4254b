"""gunicorn settings, read by `gunicorn wsgi:app` run from this folder (bin/demo does so).

Threads let a worker answer the health check and the counter while one of its threads renders a
PDF (renders take one at a time per process, see receipts/render/pdf.py).
"""

from __future__ import annotations

import multiprocessing
import os
from typing import Any

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = 30
graceful_timeout = 20
keepalive = 5


def on_starting(server: Any) -> None:
    """Refuse several workers whose per-minute limits would each count alone in memory."""
    limits_on = os.environ.get("RECEIPTS_RATELIMIT_ENABLED", "true").strip().lower() not in {
        "0",
        "false",
        "no",
        "off",
    }
    if server.cfg.workers > 1 and limits_on and not os.environ.get("RECEIPTS_REDIS_URL"):
        raise RuntimeError(
            "several workers need RECEIPTS_REDIS_URL: without it each worker keeps its own rate-limit "
            "counts (run one worker, whose threads serve requests side by side, or set Redis)"
        )


def post_worker_init(worker: Any) -> None:
    """Warm the worker's PDF renderer once it has loaded the app (after the fork, never before)."""
    from receipts import runtime

    app = worker.wsgi
    if app.config.get("WARM_RENDERER"):
        runtime.start_warm(app)
