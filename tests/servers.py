"""App servers as operators run them: gunicorn with the repo's gunicorn.conf.py on a free local port."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

from receipts.config import ROOT


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(database_url: str, *, workers: int = 2, app: str = "wsgi:app", **settings: str) -> Iterator[str]:
    """Run gunicorn (gunicorn.conf.py, RECEIPTS_* `settings`) on a free port; yield its URL; SIGTERM after."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    env = {key: value for key, value in os.environ.items() if not key.startswith("RECEIPTS_")}
    env.update(
        {
            "RECEIPTS_DATABASE_URL": database_url,
            "RECEIPTS_PUBLIC_URL": url,
            "RECEIPTS_WARM_RENDERER": "false",
            "GUNICORN_BIND": f"127.0.0.1:{port}",
            "WEB_CONCURRENCY": str(workers),
        }
    )
    env.update({f"RECEIPTS_{name}": value for name, value in settings.items()})
    # A file, not a pipe: every request logs a line, and a full pipe would stop the workers.
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--config", "gunicorn.conf.py", app],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
        try:
            _wait_until_up(url, server, log)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=60)
        log.seek(0)
        errors = log.read()
    assert b"Traceback" not in errors, errors.decode(errors="replace")[-3000:]


def _wait_until_up(url: str, server: subprocess.Popen, log: IO[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log.seek(0)
            raise AssertionError(f"gunicorn exited: {log.read().decode(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("gunicorn did not answer")


def call(url: str, body: Any = None, key: str | None = None) -> tuple[int, Any]:
    """GET `url` (or POST `body` as JSON); return the status and the JSON or text answer."""
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if key:
        headers["Authorization"] = f"Bearer {key}"
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            status, raw, kind = response.status, response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as error:
        status, raw, kind = error.code, error.read(), error.headers.get("Content-Type", "")
    text = raw.decode("utf-8", errors="replace")
    return status, json.loads(text) if kind.startswith("application/json") else text
