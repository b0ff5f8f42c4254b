"""The service under gunicorn as operators run it: preloaded, several workers, warmed after the fork."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from receipts.config import ROOT
from tests.support import EXAMPLE, make_key


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(url: str, server: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert server.poll() is None, "gunicorn exited"
        try:
            with urllib.request.urlopen(url + "/healthz", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail("gunicorn did not answer")


def _post(url: str, key: str) -> dict:
    import json

    request = urllib.request.Request(
        url + "/api/v1/receipts",
        data=json.dumps(EXAMPLE).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {key}"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


@contextmanager
def running_gunicorn(
    database_url: str, *, public_url: str | None = "", preload: bool = False
) -> Iterator[str]:
    """Run gunicorn as configured by gunicorn.conf.py (2 workers) on a free port; yield its URL."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "RECEIPTS_DATABASE_URL": database_url,
        "RECEIPTS_SECRET_KEYS": "gunicorn-test-key",
        "RECEIPTS_PUBLIC_URL": url if public_url == "" else (public_url or ""),
        "RECEIPTS_WARM_RENDERER": "true",
        "RECEIPTS_RATELIMIT_ENABLED": "false",
        # No access lines: nothing reads the pipe until gunicorn stops.
        "RECEIPTS_LOG_LEVEL": "WARNING",
    }
    command = [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{port}"]
    command += ["--preload"] if preload else []
    server = subprocess.Popen(
        [*command, "wsgi:app"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    try:
        _wait_until_up(url, server)
        yield url
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    assert b"Traceback" not in errors, errors.decode(errors="replace")[-2000:]


def test_preloaded_workers_warm_after_the_fork_and_render_at_once(app, database_url):
    key = make_key(app, "issue")
    with running_gunicorn(database_url, preload=True) as url:
        pdf_url = _post(url, key)["pdf_url"]
        # Each worker answers several PDFs; before, a worker forked during the warm-up hung here.
        for _ in range(6):
            with urllib.request.urlopen(pdf_url, timeout=20) as response:
                assert response.read().startswith(b"%PDF-")


def test_several_workers_with_limits_in_memory_refuse_to_start(database_url):
    env = {**os.environ, "RECEIPTS_DATABASE_URL": database_url, "RECEIPTS_SECRET_KEYS": "k"}
    env.pop("RECEIPTS_REDIS_URL", None)
    env.pop("RECEIPTS_RATELIMIT_ENABLED", None)
    command = [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", f"127.0.0.1:{_free_port()}"]
    done = subprocess.run([*command, "wsgi:app"], cwd=ROOT, env=env, capture_output=True, timeout=60)
    assert done.returncode != 0
    assert b"RECEIPTS_REDIS_URL" in done.stderr


def test_metrics_add_up_every_workers_counts(database_url):
    with running_gunicorn(database_url) as url:
        for _ in range(20):
            with urllib.request.urlopen(url + "/favicon.ico", timeout=10) as response:
                assert response.status == 200
        with urllib.request.urlopen(url + "/metrics", timeout=10) as response:
            text = response.read().decode()
    counted = [
        float(line.rsplit(" ", 1)[1])
        for line in text.splitlines()
        if line.startswith('receipts_http_requests_total{method="GET",route="/favicon.ico",status="200"}')
    ]
    # One sample summed over the workers' files (multiprocess mode), not one worker's share.
    assert counted == [20.0], text
