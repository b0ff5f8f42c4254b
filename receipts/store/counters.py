"""Shared counters for limits: how often something happened under a key within a fixed window.

`hit` counts one more event and returns the count in the key's current window, which opens at
its first hit and lasts `window_seconds`; `reset` forgets a key. Counting is atomic and shared
by every process and server, so a limit is checked on the count *after* this event and parallel
requests cannot all slip under it: in Redis when RECEIPTS_REDIS_URL is set, otherwise in the
database (`INSERT … ON CONFLICT DO UPDATE … RETURNING`, as dossier numbers are taken). Never in
process memory, where each worker would count alone. Windows are measured on the app's clock
(`now`), so that both stores follow one rule and tests can stop the clock.

A database hit commits at once (its own `write_transaction`), so that the count stands whatever
the caller does next: call it outside any other write transaction.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any, Protocol

from flask import Flask, current_app
from sqlalchemy import case, delete, select

from ..extensions import db
from .database import insert, write_transaction
from .models import Counter

_EXTENSION = "receipts.counters"
MAX_KEY = 200
# Expired rows are swept a few at a time whenever a window opens, so the table stays small.
_SWEEP = 100


class CountersUnavailable(Exception):
    """The counters' store does not answer: no limit can be checked, so nothing is let through."""


def init_app(app: Flask) -> None:
    """Count in Redis when the app has RECEIPTS_REDIS_URL, otherwise in the database."""
    url = app.config.get("REDIS_URL")
    prefix = f"receipts:{app.config.get('RATELIMIT_KEY_PREFIX') or ''}:counter:"
    app.extensions[_EXTENSION] = _RedisCounters(str(url), prefix) if url else _DatabaseCounters()


def hit(key: str, window_seconds: int, now: datetime) -> int:
    """Count one event under `key` and return the count in its window (1 when a window opens)."""
    if window_seconds < 1:
        raise ValueError("a counter's window lasts at least one second")
    return _counters().hit(_bounded(key), int(window_seconds), int(now.timestamp()))


def reset(key: str) -> None:
    """Forget the count under `key`."""
    _counters().reset(_bounded(key))


class _Counters(Protocol):
    def hit(self, key: str, window: int, now: int) -> int: ...

    def reset(self, key: str) -> None: ...


def _counters() -> _Counters:
    counters: _Counters = current_app.extensions[_EXTENSION]
    return counters


def _bounded(key: str) -> str:
    # Keys are built from what people type (usernames, addresses): long ones are hashed to fit.
    return key if len(key) <= MAX_KEY else "sha256:" + hashlib.sha256(key.encode()).hexdigest()


class _DatabaseCounters:
    """Counters in the `counters` table, one row per key."""

    def hit(self, key: str, window: int, now: int) -> int:
        stmt = insert(Counter).values(key=key, count=1, ends_at=now + window)
        # Both SET expressions read the row as it was, so an ended window restarts whole.
        ended = Counter.ends_at <= now
        stmt = stmt.on_conflict_do_update(
            index_elements=["key"],
            set_={
                "count": case((ended, 1), else_=Counter.count + 1),
                "ends_at": case((ended, stmt.excluded.ends_at), else_=Counter.ends_at),
            },
        ).returning(Counter.count)
        with write_transaction():
            count = int(db.session.execute(stmt).scalar_one())
        if count == 1:
            self._sweep(now)
        return count

    def reset(self, key: str) -> None:
        with write_transaction():
            db.session.execute(delete(Counter).where(Counter.key == key))

    def _sweep(self, now: int) -> None:
        # SKIP LOCKED (PostgreSQL; SQLite has one writer anyway): sweeping never waits on a count.
        ended = select(Counter.key).where(Counter.ends_at <= now).limit(_SWEEP)
        with write_transaction():
            keys = list(db.session.scalars(ended.with_for_update(skip_locked=True)))
            if keys:
                db.session.execute(delete(Counter).where(Counter.key.in_(keys), Counter.ends_at <= now))


# The window's end is kept beside the count and compared with the app's clock, as in the table;
# Redis's own expiry only clears a key a minute after its window, and rests on nothing else.
_HIT_SCRIPT = """
local count = tonumber(redis.call('HGET', KEYS[1], 'count') or '0')
local ends = tonumber(redis.call('HGET', KEYS[1], 'ends') or '0')
local now, window = tonumber(ARGV[1]), tonumber(ARGV[2])
if count == 0 or ends <= now then
  redis.call('HSET', KEYS[1], 'count', 1, 'ends', now + window)
  redis.call('EXPIRE', KEYS[1], window + 60)
  return 1
end
return redis.call('HINCRBY', KEYS[1], 'count', 1)
"""


class _RedisCounters:
    """Counters in Redis, one hash per key, updated by one script (atomic)."""

    def __init__(self, url: str, prefix: str) -> None:
        import redis

        self._errors = redis.RedisError
        self._redis = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)
        self._hit = self._redis.register_script(_HIT_SCRIPT)
        self._prefix = prefix

    def hit(self, key: str, window: int, now: int) -> int:
        return int(self._call(self._hit, keys=[self._prefix + key], args=[now, window]))

    def reset(self, key: str) -> None:
        self._call(self._redis.delete, self._prefix + key)

    def _call(self, command: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except self._errors as error:
            raise CountersUnavailable(str(error)) from error
