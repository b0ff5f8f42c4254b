"""Nothing sent is lost, nothing twice: retries with backoff, refusals given up, one claim at a time."""

from __future__ import annotations

from datetime import timedelta

import pytest

from receipts import runtime, worker
from receipts.clock import now_local
from receipts.domain.outbox import MAX_ATTEMPTS, Delivery, Outcome, retry_delay
from receipts.extensions import db
from receipts.services import messaging
from receipts.store import outbox
from receipts.store.database import write_transaction
from receipts.store.models import Outbox
from receipts.store.times import naive_utc
from tests.bot.conftest import zalo_config
from tests.support import base_config, on_both_backends, run_together


def deliver(app, now):
    with app.app_context():
        return messaging.deliver_next(runtime.zalo_client(), app.config["ZALO_ACCESS_TOKEN"], "test", now)


def row(app, message_id):
    with app.app_context():
        return db.session.get(Outbox, message_id)


@pytest.mark.parametrize("code", [-213, -230, -201])
def test_a_message_refused_for_good_is_given_up_and_never_retried(bot_app, fake_zalo, message, code):
    now = now_local()
    message_id = message(now=now)
    fake_zalo.script(code)
    assert deliver(bot_app, now).outcome is Outcome.REFUSED
    for later in (timedelta(minutes=1), timedelta(days=1)):
        assert deliver(bot_app, now + later) is None
    assert len(fake_zalo.calls) == 1
    failed = row(bot_app, message_id)
    assert (failed.status, failed.attempts, failed.sent_at) == ("failed", 1, None)
    assert str(code) in failed.last_error


@pytest.mark.parametrize("answer", [-32, "5xx", "timeout"])
def test_a_busy_or_unreachable_zalo_is_tried_again_after_the_backoff(bot_app, fake_zalo, message, answer):
    now = now_local()
    message_id = message(now=now)
    fake_zalo.script(answer)
    assert deliver(bot_app, now).outcome is Outcome.RETRY
    waiting = row(bot_app, message_id)
    assert (waiting.status, waiting.attempts, waiting.claimed_by) == ("pending", 1, None)
    assert deliver(bot_app, now + retry_delay(1) - timedelta(seconds=1)) is None
    assert deliver(bot_app, now + retry_delay(1)).outcome is Outcome.SENT
    sent = row(bot_app, message_id)
    assert (sent.status, sent.attempts, sent.last_error) == ("sent", 2, "")
    assert len(fake_zalo.sent()) == 1


def test_the_wait_doubles_and_the_message_is_given_up_after_the_last_attempt(bot_app, fake_zalo, message):
    now = now_local()
    message_id = message(now=now)
    fake_zalo.script(*["5xx"] * MAX_ATTEMPTS)
    for attempt in range(1, MAX_ATTEMPTS + 1):
        assert deliver(bot_app, now).outcome is Outcome.RETRY
        if attempt < MAX_ATTEMPTS:
            now += retry_delay(attempt)
            assert row(bot_app, message_id).next_attempt_at == naive_utc(now)
    given_up = row(bot_app, message_id)
    assert (given_up.status, given_up.attempts, given_up.last_error) == ("failed", MAX_ATTEMPTS, "HTTP 503")
    assert deliver(bot_app, now + timedelta(days=1)) is None


def test_a_claimed_message_is_not_claimed_again_until_its_lease_ends(bot_app, message):
    now, lease = now_local(), timedelta(seconds=5)
    message_id = message(now=now)
    with bot_app.app_context():
        with write_transaction():
            first = outbox.claim_next("worker-a", now, lease)
        with write_transaction():
            assert outbox.claim_next("worker-b", now + lease - timedelta(seconds=1), lease) is None
        with write_transaction():
            again = outbox.claim_next("worker-b", now + lease + timedelta(seconds=1), lease)
        assert (first.id, first.attempts) == (message_id, 1)
        assert (again.id, again.attempts) == (message_id, 2)
        with write_transaction():
            assert outbox.mark_sent(first, now) is False  # worker-a lost its claim
            assert outbox.mark_sent(again, now) is True


def test_the_worker_is_woken_when_the_next_message_falls_due(bot_app, fake_zalo, message):
    fake_zalo.script("5xx")
    message()
    worker.deliver_due(bot_app)
    with bot_app.app_context():
        due = messaging.next_attempt_at()
    assert due is not None and timedelta(seconds=10) < due - now_local() <= retry_delay(1)


def _drain_in_process(url, base, queue_file, start, out) -> None:
    from receipts import create_app, worker

    app = create_app(base_config(url, **zalo_config(base, queue_file)))
    start.wait(30)
    out.put(sum(worker.deliver_due(app) for _ in range(3)))


@on_both_backends
def test_workers_in_several_processes_never_send_a_message_twice(
    bot_app, database_url, fake_zalo, message, tmp_path
):
    for n in range(30):
        message(text=f"tin {n}")
    fake_zalo.message_delay = 0.02  # sends overlap, so the processes really compete for claims
    args = (database_url, fake_zalo.base, tmp_path / "queue.sqlite3")
    attempts = run_together(_drain_in_process, args, 3, timeout=90)
    assert sum(attempts) == 30
    assert sorted(call.text for call in fake_zalo.calls) == sorted(f"tin {n}" for n in range(30))
    with bot_app.app_context():
        assert {r.status for r in db.session.query(Outbox)} == {"sent"}


def test_a_wrong_api_address_keeps_messages_waiting_instead_of_giving_them_up(bot_app, fake_zalo, message):
    bot_app.config["ZALO_API_BASE"] = fake_zalo.base + "/not-zalo"  # the fake answers 404 there
    now = now_local()
    message_id = message(now=now)
    assert deliver(bot_app, now) == Delivery(Outcome.RETRY, "HTTP 404")
    assert row(bot_app, message_id).status == "pending"
