"""Fixtures for browser tests: the real app behind a real HTTP server, and Debian's chromium."""

from __future__ import annotations

import json
import os
import shutil
import threading
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, NoReturn

import pytest
from flask import Flask
from werkzeug.serving import BaseWSGIServer, make_server

from receipts import create_app
from receipts.extensions import db
from tests.support import EXAMPLE, base_config, load_demo, make_key, migrate_to_head, province_procedures

# What Zalo's in-app browser sends on a cheap Android phone (Android WebView plus Zalo's suffix).
ZALO_USER_AGENT = (
    "Mozilla/5.0 (Linux; Android 10; SM-A105F Build/QP1A.190711.020; wv) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Version/4.0 Chrome/120.0.6099.230 Mobile Safari/537.36 "
    "Zalo android/12100636 ZaloTheme/light ZaloLanguage/vi"
)
PHONE = {
    "viewport": {"width": 360, "height": 740},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
    "user_agent": ZALO_USER_AGENT,
    "locale": "vi-VN",
    "timezone_id": "Asia/Ho_Chi_Minh",
}
DESKTOP = {"viewport": {"width": 1366, "height": 768}, "locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}
PROVINCE_SIZE = 5000
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]


@dataclass(frozen=True)
class LiveServer:
    """The app answering HTTP on 127.0.0.1, and a key allowed to issue receipts."""

    app: Flask
    url: str
    api_key: str

    @property
    def host(self) -> str:
        """Return host:port, as links printed by the app carry it."""
        return self.url.split("://", 1)[1]

    def post(self, path: str, body: dict[str, Any] | None = None) -> tuple[int, dict[str, Any]]:
        """POST JSON to the API over HTTP and return the status and the decoded answer."""
        request = urllib.request.Request(  # noqa: S310 - the URL is our own http://127.0.0.1 server
            self.url + path,
            data=json.dumps(body or {}).encode(),
            headers={"Authorization": f"Bearer {self.api_key}", "Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            with error:
                return error.code, json.loads(error.read())


@contextmanager
def serving(app: Flask, api_key: str = "") -> Iterator[LiveServer]:
    """Serve `app` over HTTP on a free port of 127.0.0.1 until the block ends."""
    server: BaseWSGIServer = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="e2e-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(app=app, url=f"http://127.0.0.1:{server.server_port}", api_key=api_key)
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """Serve the app on a free port of 127.0.0.1 from its own migrated SQLite file with demo data."""
    path = tmp_path_factory.mktemp("e2e") / "receipts.sqlite3"
    url = f"sqlite:///{path}"
    migrate_to_head(url)
    # PUBLIC_URL stays unset (base_config), so every link carries the host the browser asked for.
    app = create_app(base_config(url))
    load_demo(app)
    with serving(app, make_key(app, "issue")) as server:
        yield server


@pytest.fixture(scope="session")
def province_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """Serve a province's catalogue of 5,000 procedures, imported from a file as operators do."""
    folder = tmp_path_factory.mktemp("province")
    url = f"sqlite:///{folder / 'receipts.sqlite3'}"
    migrate_to_head(url)
    app = create_app(base_config(url))
    data = folder / "procedures.json"
    data.write_text(json.dumps(province_procedures(PROVINCE_SIZE), ensure_ascii=False), encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["procedures", "import", str(data)])
    assert result.exit_code == 0, result.output
    with serving(app) as server:
        yield server


@pytest.fixture
def issue(live_server: LiveServer) -> Callable[..., dict[str, Any]]:
    """Issue a receipt over HTTP (the guide's example, with overrides) and return the 201 answer."""

    def _issue(**overrides: Any) -> dict[str, Any]:
        status, body = live_server.post("/api/v1/receipts", {**EXAMPLE, **overrides})
        assert status == 201, body
        return body

    return _issue


def _unavailable(reason: str) -> NoReturn:
    """Fail when CI is set (a browser test that silently skips proves nothing there), else skip."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; CI is set, so browser tests must run", pytrace=False)
    pytest.skip(reason=reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's chromium driven by Playwright, headless."""
    executable = shutil.which("chromium")
    if executable is None:
        _unavailable("chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed in this environment")
    playwright = sync_playwright().start()
    try:
        try:
            browser = playwright.chromium.launch(
                executable_path=executable, headless=True, args=CHROMIUM_ARGS
            )
        except Error as error:
            _unavailable(f"chromium at {executable} does not start: {error.message.splitlines()[0]}")
        try:
            yield browser
        finally:
            browser.close()
    finally:
        playwright.stop()


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    """A fresh page in a phone-sized context that looks like Zalo's in-app browser."""
    context = browser.new_context(**PHONE)
    context.set_default_timeout(10_000)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def desktop(browser: Any) -> Iterator[Any]:
    """A fresh page in a 1366 px wide desktop context."""
    context = browser.new_context(**DESKTOP)
    context.set_default_timeout(10_000)
    try:
        yield context.new_page()
    finally:
        context.close()
