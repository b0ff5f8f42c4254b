"""`flask --app wsgi worker` as a real process: killed mid-send, restarted, the reply goes out once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from receipts.config import ROOT
from receipts.extensions import db
from receipts.store.models import Outbox
from tests.bot.conftest import zalo_config
from tests.bot.test_zalo_webhook import event, post


def start_worker(database_url, fake_zalo, tmp_path, name):
    env = {
        **os.environ,
        "RECEIPTS_DATABASE_URL": database_url,
        "RECEIPTS_SECRET_KEYS": "test-key-old-0000,test-key-new-1111",
        "RECEIPTS_WARM_RENDERER": "false",
    }
    for key, value in zalo_config(fake_zalo.base, tmp_path / "queue.sqlite3").items():
        env[f"RECEIPTS_{key}"] = str(value)
    command = [sys.executable, "-m", "flask", "--app", "wsgi", "worker", "--threads", "1"]
    with (tmp_path / f"{name}.log").open("w") as log:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_for(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def the_reply(app):
    with app.app_context():
        db.session.rollback()
        return db.session.query(Outbox).one()


def test_a_worker_killed_mid_send_delivers_after_restart_exactly_once(
    bot_app, client, issue, fake_zalo, database_url, tmp_path
):
    code = issue()["code"]
    fake_zalo.script("stall")  # Zalo holds the first request: the worker is mid-send
    assert post(client, event(f"#{code}")).get_json()["replied"] is True
    first = start_worker(database_url, fake_zalo, tmp_path, "first")
    try:
        assert fake_zalo.received.wait(60), (tmp_path / "first.log").read_text()
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(10)
    fake_zalo.release.set()
    assert the_reply(bot_app).status == "pending"
    second = start_worker(database_url, fake_zalo, tmp_path, "second")
    try:
        sent = wait_for(lambda: the_reply(bot_app).status == "sent", 60)
        assert sent, (tmp_path / "second.log").read_text()
        time.sleep(1.5)  # and nothing more goes out
        assert len(fake_zalo.calls) == 2
        assert [call.text for call in fake_zalo.sent()] == [fake_zalo.calls[0].text]
        assert code in fake_zalo.calls[0].text
        assert the_reply(bot_app).attempts == 2
    finally:
        second.send_signal(signal.SIGTERM)
        assert second.wait(20) == 0, (tmp_path / "second.log").read_text()
