"""The OA bot against a fake Zalo API served over real HTTP on 127.0.0.1."""

from __future__ import annotations

import json
import time
import uuid

import pytest

from receipts import worker
from receipts.bot.zalo import expected_mac
from receipts.extensions import db
from receipts.store.models import Outbox, ZaloInbound
from tests.bot.conftest import OA_SECRET
from tests.fake_zalo import APP_ID, BOOTSTRAP_TOKEN


def now_ms() -> str:
    return str(int(time.time() * 1000))


def event(
    text: str, user: str = "8447393217364", timestamp: str | None = None, sender=None, msg_id=None
) -> bytes:
    timestamp = timestamp or now_ms()
    body = {
        "app_id": APP_ID,
        "sender": {"id": user} if sender is None else sender,
        "recipient": {"id": "579745863508352884"},
        "event_name": "user_send_text",
        "message": {"text": text, "msg_id": msg_id or uuid.uuid4().hex},
        "timestamp": timestamp,
    }
    return json.dumps(body, ensure_ascii=False).encode()


def post(client, raw: bytes, mac: str | None = None):
    try:
        timestamp = str(json.loads(raw)["timestamp"])
    except (ValueError, KeyError, TypeError):
        timestamp = ""
    mac = mac or expected_mac(APP_ID, raw, timestamp, OA_SECRET)
    return client.post(
        "/zalo/webhook", data=raw, headers={"X-ZEvent-Signature": mac, "Content-Type": "application/json"}
    )


def outbox_size(app) -> int:
    with app.app_context():
        return db.session.query(Outbox).count()


def test_a_hash_code_message_is_answered_with_status_and_a_link(bot_app, client, issue, fake_zalo):
    code = issue()["code"]
    response = post(client, event(f"#{code}"))
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "replied": True}
    assert fake_zalo.calls == []  # the webhook only writes the outbox; the worker sends
    assert worker.deliver_due(bot_app) == 1
    [call] = fake_zalo.sent()
    assert call.token == BOOTSTRAP_TOKEN
    assert call.user_id == "8447393217364"
    assert code in call.text and "Được tiếp nhận" in call.text and "Chiều ngày 09/12/2020" in call.text
    assert f"http://localhost/tra-cuu/{code}" in call.text
    assert "Phan" not in call.text and "0946911303" not in call.text


def test_links_in_a_reply_come_from_the_public_url_not_the_request_host(bot_app, client, issue, fake_zalo):
    bot_app.config["PUBLIC_URL"] = "https://dvc.example.gov.vn/bien-nhan"
    code = issue()["code"]
    post(client, event(f"#{code}"), mac=None)
    worker.deliver_due(bot_app)
    assert f"https://dvc.example.gov.vn/bien-nhan/tra-cuu/{code}" in fake_zalo.sent()[0].text


def test_an_event_delivered_five_times_is_answered_once(bot_app, client, issue, fake_zalo):
    code = issue()["code"]
    raw = event(f"#{code}", msg_id="5a1b2c3d4e5f")
    answers = [post(client, raw).get_json() for _ in range(5)]
    assert [a["replied"] for a in answers] == [True, False, False, False, False]
    assert all(a["status"] == "ok" for a in answers)
    worker.deliver_due(bot_app)
    worker.deliver_due(bot_app)
    assert len(fake_zalo.calls) == 1
    with bot_app.app_context():
        assert db.session.query(ZaloInbound).count() == 1
    assert outbox_size(bot_app) == 1


def test_an_event_without_msg_id_redelivered_is_answered_once(bot_app, client, issue, fake_zalo):
    code = issue()["code"]
    data = json.loads(event(f"#{code}"))
    del data["message"]["msg_id"]
    raw = json.dumps(data).encode()
    assert [post(client, raw).get_json()["replied"] for _ in range(3)] == [True, False, False]


def test_the_webhook_answers_at_once_even_when_zalo_hangs(bot_app, client, issue, fake_zalo):
    code = issue()["code"]
    fake_zalo.script("stall")
    started = time.monotonic()
    assert post(client, event(f"#{code}")).status_code == 200
    assert time.monotonic() - started < 1.0
    assert worker.queue(bot_app).huey.pending_count() == 1  # the worker was nudged


def test_an_unknown_code_gets_a_polite_answer(bot_app, client, fake_zalo):
    assert post(client, event("#000.00.04.H15-201125-0999")).status_code == 200
    worker.deliver_due(bot_app)
    assert "Không tìm thấy hồ sơ" in fake_zalo.sent()[0].text


def test_anything_else_gets_a_short_help(bot_app, client, fake_zalo):
    response = post(client, event("Xin chào"))
    assert response.get_json() == {"status": "ok", "replied": True}
    worker.deliver_due(bot_app)
    [call] = fake_zalo.sent()
    assert "#<mã hồ sơ>" in call.text and "http://localhost/thu-tuc" in call.text


@pytest.mark.parametrize("mac", ["mac=" + "0" * 64, "", "garbage"])
def test_a_bad_signature_is_refused_and_nothing_is_sent(bot_app, client, issue, fake_zalo, mac):
    code = issue()["code"]
    response = client.post("/zalo/webhook", data=event(f"#{code}"), headers={"X-ZEvent-Signature": mac})
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "bad_signature"
    assert outbox_size(bot_app) == 0


def test_the_webhook_is_off_until_configured(client):
    assert client.post("/zalo/webhook", data=event("#x")).status_code == 404


def test_malformed_bodies_get_400(bot_app, client):
    assert post(client, b"{not json").status_code == 400
    assert post(client, b"[1, 2]").status_code == 400


def test_an_old_signed_event_is_not_answered_again(bot_app, client, issue, fake_zalo):
    code = issue()["code"]
    response = post(client, event(f"#{code}", timestamp="1606295990123"))
    assert response.status_code == 200
    assert response.get_json()["replied"] is False
    assert outbox_size(bot_app) == 0


@pytest.mark.parametrize("sender", ["abc", ["x"], 42, {"id": None}, {}, None])
def test_a_signed_event_with_an_odd_sender_never_fails(bot_app, client, issue, fake_zalo, sender):
    code = issue()["code"]
    raw = event(f"#{code}")
    data = json.loads(raw)
    data["sender"] = sender
    raw = json.dumps(data).encode()
    assert post(client, raw).status_code == 200
    assert outbox_size(bot_app) == 0


def test_an_unsigned_body_is_refused_before_it_is_parsed(bot_app, client, monkeypatch):
    import receipts.bot.webhook as webhook

    parsed = []
    monkeypatch.setattr(webhook, "json_object", lambda *a, **k: parsed.append(a) or {})
    deep = b"[" * 30_000
    response = client.post("/zalo/webhook", data=deep, headers={"X-ZEvent-Signature": "mac=" + "0" * 64})
    assert response.status_code == 401
    assert parsed == []


def test_a_signed_but_absurdly_nested_body_is_a_400_not_a_500(bot_app, client):
    deep = b'{"timestamp": "' + now_ms().encode() + b'", "x": ' + b"[" * 30_000 + b"]" * 30_000 + b"}"
    mac = expected_mac(APP_ID, deep, zalo_timestamp(deep), OA_SECRET)
    response = client.post("/zalo/webhook", data=deep, headers={"X-ZEvent-Signature": mac})
    assert response.status_code == 400


def test_a_timestamp_that_is_not_the_events_own_is_refused(bot_app, client, issue, fake_zalo):
    code = issue()["code"]
    raw = event(f"#{code}").replace(b'"app_id"', b'"note": {"timestamp": "1"}, "app_id"', 1)
    assert post(client, raw, mac=expected_mac(APP_ID, raw, "1", OA_SECRET)).status_code == 401
    assert outbox_size(bot_app) == 0


def zalo_timestamp(raw: bytes) -> str:
    from receipts.bot.zalo import raw_timestamp

    return raw_timestamp(raw)


@pytest.mark.parametrize("storage", ["SqliteHuey", "RedisHuey"])
def test_the_nudge_goes_through_huey_and_runs_a_delivery_round(
    bot_app, client, issue, fake_zalo, storage, request
):
    # Redis when RECEIPTS_REDIS_URL is set, else the SQLite file in the instance folder.
    if storage == "RedisHuey":
        bot_app.config["REDIS_URL"] = request.getfixturevalue("redis_url")
    huey = worker.queue(bot_app).huey
    assert type(huey).__name__ == storage
    huey.flush()
    code = issue()["code"]
    assert post(client, event(f"#{code}")).get_json()["replied"] is True
    assert huey.pending_count() == 1
    huey.execute(huey.dequeue())  # what the consumer does with it
    assert code in fake_zalo.sent()[0].text
    huey.flush()
