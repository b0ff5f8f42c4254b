"""Fixtures of the Zalo channel: a fake Zalo on 127.0.0.1 and an app pointed at it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from tests.fake_zalo import APP_ID, APP_SECRET, BOOTSTRAP_TOKEN, FakeZalo

OA_SECRET = "oa-secret-key"


def zalo_config(fake: FakeZalo, queue_file: Path) -> dict[str, Any]:
    """Return the settings that point an app at the fake Zalo (short timeouts, a private queue)."""
    return {
        "ZALO_APP_ID": APP_ID,
        "ZALO_OA_SECRET": OA_SECRET,
        "ZALO_APP_SECRET": APP_SECRET,
        "ZALO_ACCESS_TOKEN": BOOTSTRAP_TOKEN,
        "ZALO_API_BASE": fake.base,
        "ZALO_OAUTH_BASE": fake.base,
        "ZALO_TIMEOUT": 1.0,
        "QUEUE_FILE": str(queue_file),
    }


@pytest.fixture
def fake_zalo() -> Iterator[FakeZalo]:
    """A fake Zalo, stopped after the test."""
    fake = FakeZalo().start()
    yield fake
    fake.stop()


@pytest.fixture
def bot_app(app: Flask, fake_zalo: FakeZalo, tmp_path: Path) -> Flask:
    """The app with its webhook on and its messages going to the fake Zalo."""
    app.config.update(zalo_config(fake_zalo, tmp_path / "queue.sqlite3"))
    return app
