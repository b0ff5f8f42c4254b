"""Fixtures of the Zalo channel: a fake Zalo on 127.0.0.1 and an app pointed at it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask

from receipts.clock import now_local
from receipts.domain.oa_tokens import TokenPair
from receipts.domain.outbox import ZALO_CS
from receipts.store import oa_tokens as store
from receipts.store import outbox
from receipts.store.database import write_transaction
from tests.fake_zalo import APP_ID, APP_SECRET, BOOTSTRAP_TOKEN, FakeZalo

OA_SECRET = "oa-secret-key"
ZNS_TEMPLATE = "251234"


def zalo_config(base: str, queue_file: Path) -> dict[str, Any]:
    """Return the settings that point an app at the fake Zalo (short timeouts, a private queue)."""
    return {
        "ZALO_APP_ID": APP_ID,
        "ZALO_OA_SECRET": OA_SECRET,
        "ZALO_APP_SECRET": APP_SECRET,
        "ZALO_ACCESS_TOKEN": BOOTSTRAP_TOKEN,
        "ZALO_API_BASE": base,
        "ZALO_OAUTH_BASE": base,
        "ZALO_ZNS_BASE": base,
        "ZALO_ZNS_TEMPLATE_ID": ZNS_TEMPLATE,
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
    app.config.update(zalo_config(fake_zalo.base, tmp_path / "queue.sqlite3"))
    return app


@pytest.fixture
def tokens(bot_app: Flask, fake_zalo: FakeZalo) -> Callable[..., None]:
    """Store OA tokens that the fake Zalo knows, as if `zalo connect` had run some time ago."""

    def _store(access: str, refresh: str, left: timedelta, renewed: datetime | None = None) -> None:
        now = now_local()
        fake_zalo.access_tokens.add(access)
        fake_zalo.refresh_tokens.add(refresh)
        with bot_app.app_context(), write_transaction():
            store.save_refresh_token(refresh)
            renewed = renewed or now - timedelta(hours=2)
            store.save_renewal(
                TokenPair(access, refresh, int((now + left - renewed).total_seconds())), renewed
            )

    return _store


@pytest.fixture
def message(bot_app: Flask) -> Callable[..., int]:
    """Put a text for a follower in the outbox, due at `now`; return its id."""

    def _add(text: str = "Xin chào", user_id: str = "8447393217364", now: datetime | None = None) -> int:
        with bot_app.app_context(), write_transaction():
            return outbox.add(ZALO_CS, user_id, {"text": text}, now or now_local())

    return _add
