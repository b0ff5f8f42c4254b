"""gunicorn settings read by `gunicorn wsgi:app` from this folder (bin/demo runs it so)."""

from __future__ import annotations

from typing import Any


def post_worker_init(worker: Any) -> None:
    """Warm the worker's PDF renderer once it has loaded the app (after the fork, never before)."""
    from receipts import runtime

    app = worker.wsgi
    if app.config.get("WARM_RENDERER"):
        runtime.start_warm(app)
