"""The background worker: huey runs the outbox's deliveries (this module is huey's only importer).

On one machine huey's queue is an SQLite file in the instance folder; with RECEIPTS_REDIS_URL it is
in Redis, shared by every machine. The queue only says "look at the outbox now": the outbox table
stays the record of what is sent, so a lost nudge or a restart loses no message.
"""

from __future__ import annotations

import logging
import math
import os
import socket
import threading
import time
import uuid
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app
from huey import RedisHuey, SqliteHuey, crontab
from huey.api import Huey

from . import runtime
from .bot import photos
from .clock import now_local
from .domain.outbox import Outcome
from .services import messaging, oa_tokens

log = logging.getLogger(__name__)
NAME = "receipts"
# One round delivers at most this many messages, then leaves the thread to the next task.
ROUND = 100
_QUEUE = "receipts.queue"
_BUILDING = threading.Lock()


@dataclass(frozen=True)
class Queue:
    """The app's huey, its delivery task and its photo task."""

    huey: Huey
    drain: Any  # huey's TaskWrapper: calling it enqueues a round
    photo: Any  # calling it enqueues reading a photo (msg_id, user_id, url, base)


def queue(app: Flask) -> Queue:
    """Return the app's queue, built on first use (so a web process opens it only to nudge)."""
    with _BUILDING:
        found = app.extensions.get(_QUEUE)
        if found is None:
            found = app.extensions[_QUEUE] = _build(app)
    return found


def _build(app: Flask) -> Queue:
    url = app.config["REDIS_URL"]
    if url:
        huey = RedisHuey(NAME, url=str(url), results=False)
    else:
        huey = SqliteHuey(NAME, filename=app.config["QUEUE_FILE"], results=False)

    @huey.task(name="drain_outbox")
    def drain_outbox(wake: str | None = None) -> None:
        try:
            deliver_due(app)
        finally:
            if wake:
                huey.delete(wake)
        _wake_when_due(app, queued)

    @huey.periodic_task(crontab(), name="sweep_outbox")
    def sweep_outbox() -> None:
        with app.app_context():
            now = now_local()
            oa_tokens.keep_fresh(runtime.zalo_client(), now)
            messaging.prune(now)
        drain_outbox.call_local()

    @huey.task(name="read_photo")
    def read_photo(msg_id: str, user_id: str, url: str, base: str) -> None:
        with app.app_context():
            answered = photos.answer(msg_id, user_id, url, base)
        if answered:
            drain_outbox.call_local()

    queued = Queue(huey, drain_outbox, read_photo)
    return queued


def deliver_due(app: Flask) -> int:
    """Deliver the messages due now, in this thread; return how many attempts were made."""
    claimant = f"{socket.gethostname()[:40]}:{os.getpid()}:{threading.get_ident()}:{uuid.uuid4().hex[:8]}"
    attempts = 0
    with app.app_context():
        client, bootstrap = runtime.zalo_client(), app.config["ZALO_ACCESS_TOKEN"]
        while attempts < ROUND:
            delivery = messaging.deliver_next(client, bootstrap and str(bootstrap), claimant, now_local())
            if delivery is None:
                break
            attempts += 1
            if delivery.outcome is Outcome.RETRY:
                break  # Zalo is busy or down, or no token works: the backoff decides when to go on
    return attempts


def _wake_when_due(app: Flask, queued: Queue) -> None:
    with app.app_context():
        due = messaging.next_attempt_at()
    if due is None:
        return
    second = math.ceil(due.timestamp())
    key = f"wake:{second}"
    # One wake-up per second however many rounds ask for it; at least a second away, so that a
    # message that cannot be claimed yet never makes the rounds spin.
    if queued.huey.put_if_empty(key, second):
        queued.drain.schedule(kwargs={"wake": key}, delay=max(1.0, second - time.time()))


def nudge() -> None:
    """Ask the worker to look at the outbox now; a lost nudge only waits for the minute's sweep."""
    try:
        queue(current_app._get_current_object()).drain()
    except Exception:  # the queue being down must not fail what the caller has committed
        log.warning("could not nudge the worker", exc_info=True)


def read_photo(msg_id: str, user_id: str, url: str, base: str) -> None:
    """Ask the worker to answer a photo; the caller has recorded its msg_id, so it is asked once."""
    try:
        queue(current_app._get_current_object()).photo(msg_id, user_id, url, base)
    except Exception:  # the queue being down must not fail what the caller has committed
        log.error("could not queue reading photo %s: it stays unanswered", msg_id, exc_info=True)


def run(app: Flask, threads: int) -> None:
    """Run huey's consumer until stopped: deliveries, their wake-ups, and the minute's sweep."""
    queued = queue(app)
    consumer = queued.huey.create_consumer(workers=threads, worker_type="thread", max_delay=1.0)
    queued.drain()  # what waited while no worker ran
    consumer.run()
