"""The shared counters that limits are built on: one count per key and fixed window, in any process."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from receipts.store import counters
from tests.support import FIXED_NOW, on_both_backends


def _count_in(app) -> None:
    with app.app_context():
        _check_the_rules()


def _check_the_rules() -> None:
    key, other = f"a-{uuid.uuid4().hex}", f"b-{uuid.uuid4().hex}"
    assert [counters.hit(key, 60, FIXED_NOW + timedelta(seconds=s)) for s in (0, 1, 59)] == [1, 2, 3]
    assert counters.hit(other, 60, FIXED_NOW) == 1, "keys count apart"
    # The window is fixed at its first hit: later hits do not stretch it.
    assert counters.hit(key, 60, FIXED_NOW + timedelta(seconds=60)) == 1
    assert counters.hit(key, 60, FIXED_NOW + timedelta(seconds=61)) == 2
    counters.reset(key)
    assert counters.hit(key, 60, FIXED_NOW + timedelta(seconds=62)) == 1
    counters.reset(f"never-{uuid.uuid4().hex}")  # resetting nothing is fine
    long_key = "x" * 500
    assert counters.hit(long_key, 10, FIXED_NOW) == 1
    assert counters.hit(long_key, 10, FIXED_NOW) == 2


@on_both_backends
def test_the_database_counts_by_key_in_fixed_windows(app):
    _count_in(app)


def test_redis_counts_by_the_same_rules(make_app, redis_url):
    app = make_app(REDIS_URL=redis_url, RATELIMIT_KEY_PREFIX=uuid.uuid4().hex)
    _count_in(app)


@pytest.mark.parametrize("window", [0, -5])
def test_a_window_must_last(app, window):
    with app.app_context(), pytest.raises(ValueError, match="window"):
        counters.hit("k", window, FIXED_NOW)
