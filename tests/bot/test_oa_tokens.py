"""The OA's tokens renew themselves: before expiry, after Zalo rejects one, and once across processes."""

from __future__ import annotations

import logging
from datetime import timedelta

from receipts import runtime, worker
from receipts.clock import now_local
from receipts.extensions import db
from receipts.services import oa_tokens
from receipts.store.models import Outbox
from tests.bot.conftest import zalo_config
from tests.fake_zalo import APP_ID, APP_SECRET
from tests.support import base_config, on_both_backends, run_together


def stored(app):
    with app.app_context():
        return oa_tokens.status()


def test_a_token_with_less_than_an_hour_left_is_renewed_before_sending(bot_app, fake_zalo, tokens, message):
    tokens("at-old", "rt-old", left=timedelta(minutes=50))
    message()
    assert worker.deliver_due(bot_app) == 1
    [renewal] = fake_zalo.renewals
    assert renewal == {
        "refresh_token": "rt-old",
        "app_id": APP_ID,
        "grant_type": "refresh_token",
        "secret_key": APP_SECRET,
    }
    assert [call.token for call in fake_zalo.calls] == ["at-1"]
    credentials = stored(bot_app)
    assert (credentials.access_token, credentials.refresh_token) == ("at-1", "rt-1")
    assert abs(credentials.expires_at - (now_local() + timedelta(seconds=90000))) < timedelta(seconds=10)
    assert credentials.renewed_at is not None and credentials.last_error == ""


def test_a_token_with_hours_left_is_used_as_it_is(bot_app, fake_zalo, tokens, message):
    tokens("at-old", "rt-old", left=timedelta(hours=1, minutes=5))
    message()
    worker.deliver_due(bot_app)
    assert fake_zalo.renewals == []
    assert [call.token for call in fake_zalo.sent()] == ["at-old"]


def test_the_sweep_renews_a_token_close_to_expiry_with_nothing_to_send(bot_app, fake_zalo, tokens):
    tokens("at-old", "rt-old", left=timedelta(minutes=59))
    with bot_app.app_context():
        oa_tokens.keep_fresh(runtime.zalo_client(), now_local())
        oa_tokens.keep_fresh(runtime.zalo_client(), now_local())
    assert len(fake_zalo.renewals) == 1
    assert stored(bot_app).access_token == "at-1"


def test_a_rejected_token_is_renewed_and_the_send_retried_once(bot_app, fake_zalo, tokens, message):
    tokens("at-old", "rt-old", left=timedelta(hours=20))
    fake_zalo.access_tokens.discard("at-old")  # Zalo revoked it early: -216
    message()
    worker.deliver_due(bot_app)
    assert [(call.token, call.answer) for call in fake_zalo.calls] == [("at-old", -216), ("at-1", 0)]
    assert len(fake_zalo.renewals) == 1
    with bot_app.app_context():
        row = db.session.query(Outbox).one()
        assert (row.status, row.attempts, row.sent_at is not None) == ("sent", 1, True)


def test_a_second_rejection_waits_for_the_next_attempt(bot_app, fake_zalo, tokens, message):
    tokens("at-old", "rt-old", left=timedelta(hours=20))
    fake_zalo.script(-216, -216)
    message()
    worker.deliver_due(bot_app)
    assert [call.token for call in fake_zalo.calls] == ["at-old", "at-1"]
    with bot_app.app_context():
        row = db.session.query(Outbox).one()
        assert (row.status, row.attempts) == ("pending", 1)
        assert "-216" in row.last_error


def test_a_failed_renewal_is_logged_and_stored_and_the_message_waits(
    bot_app, fake_zalo, tokens, message, caplog
):
    tokens("at-old", "rt-old", left=timedelta(minutes=-5))
    fake_zalo.refresh_tokens.clear()  # spent elsewhere: Zalo answers -14014
    message()
    with caplog.at_level(logging.ERROR):
        worker.deliver_due(bot_app)
    assert any(r.levelno == logging.ERROR and "-14014" in r.getMessage() for r in caplog.records)
    assert fake_zalo.calls == []  # an expired token is not even tried
    credentials = stored(bot_app)
    assert "-14014" in credentials.last_error and credentials.last_error_at is not None
    with bot_app.app_context():
        assert db.session.query(Outbox).one().status == "pending"


def test_a_process_that_waited_for_the_lock_finds_the_token_renewed(bot_app, fake_zalo, tokens):
    tokens("at-old", "rt-old", left=timedelta(hours=20))
    with bot_app.app_context():
        client, now = runtime.zalo_client(), now_local()
        first = oa_tokens.renew_rejected(client, "at-old", now)
        second = oa_tokens.renew_rejected(client, "at-old", now)  # as if it had waited behind the first
    assert first == second == "at-1"
    assert len(fake_zalo.renewals) == 1


def _renew_in_process(url, base, queue_file, start, out) -> None:
    from receipts import create_app, runtime
    from receipts.clock import now_local
    from receipts.services import oa_tokens

    app = create_app(base_config(url, **zalo_config(base, queue_file)))
    with app.app_context():
        start.wait(30)
        out.put(oa_tokens.access_token(runtime.zalo_client(), None, now_local()))


@on_both_backends
def test_four_processes_spend_the_single_use_refresh_token_once(
    bot_app, database_url, fake_zalo, tokens, tmp_path
):
    tokens("at-old", "rt-old", left=timedelta(minutes=10))
    fake_zalo.oauth_delay = 0.5  # the first renewal is slow: the others pile up on the lock
    args = (database_url, fake_zalo.base, tmp_path / "queue.sqlite3")
    tokens_seen = run_together(_renew_in_process, args, 4, timeout=60)
    assert tokens_seen == ["at-1"] * 4
    assert [renewal["refresh_token"] for renewal in fake_zalo.renewals] == ["rt-old"]
    assert stored(bot_app).refresh_token == "rt-1"
