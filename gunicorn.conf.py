"""gunicorn settings, read by `gunicorn wsgi:app` run from this folder (bin/demo does so).

Threads let a worker answer the health check and the counter while one of its threads renders a
PDF (renders take one at a time per process, see receipts/render/pdf.py).
"""

from __future__ import annotations

import multiprocessing
import os
import tempfile
from pathlib import Path
from typing import Any

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
timeout = 30
# On SIGTERM (systemctl stop/restart) a worker finishes what it is answering, a PDF render included
# (a few seconds at most), before it is killed; systemd's TimeoutStopSec must be longer.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = 5
# The app's JSON lines go to stderr; gunicorn's own access log would only repeat them.
accesslog = None

# Every worker writes its metrics to files in this folder and /metrics adds them up
# (prometheus_client's multiprocess mode). Set here, before any worker imports prometheus_client;
# systemd's RuntimeDirectory gives one under /run (deploy/receipts.service).
METRICS_DIR = Path(
    os.environ.setdefault(
        "PROMETHEUS_MULTIPROC_DIR", str(Path(tempfile.gettempdir()) / f"receipts-metrics-{os.getpid()}")
    )
)
# Now, before --preload imports the app: counts of a previous run would be added to this one's.
METRICS_DIR.mkdir(parents=True, exist_ok=True)
for _stale in METRICS_DIR.glob("*.db"):
    _stale.unlink()


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


def child_exit(server: Any, worker: Any) -> None:
    """Drop a dead worker's live gauges from the metrics (its counters stay, as Prometheus expects)."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
