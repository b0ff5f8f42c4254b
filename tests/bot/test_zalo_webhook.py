"""The OA bot against a fake Zalo API served over real HTTP on 127.0.0.1."""

from __future__ import annotations

import json
import queue
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from receipts.bot.zalo import expected_mac

APP_ID, SECRET, TOKEN = "4321987654321", "oa-secret-key", "oa-access-token"


@pytest.fixture
def fake_zalo():
    received: queue.Queue = queue.Queue()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 - the stdlib's name
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.put((self.path, {k.lower(): v for k, v in self.headers.items()}, json.loads(body)))
            answer = json.dumps({"error": 0, "message": "Success"}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", received
    server.shutdown()
    server.server_close()


@pytest.fixture
def bot_app(app, fake_zalo):
    app.config.update(
        ZALO_APP_ID=APP_ID, ZALO_OA_SECRET=SECRET, ZALO_ACCESS_TOKEN=TOKEN, ZALO_API_BASE=fake_zalo[0]
    )
    return app


def now_ms() -> str:
    return str(int(time.time() * 1000))


def event(text: str, user: str = "8447393217364", timestamp: str | None = None, sender=None) -> bytes:
    timestamp = timestamp or now_ms()
    body = {
        "app_id": APP_ID,
        "sender": {"id": user} if sender is None else sender,
        "recipient": {"id": "579745863508352884"},
        "event_name": "user_send_text",
        "message": {"text": text, "msg_id": "abc"},
        "timestamp": timestamp,
    }
    return json.dumps(body, ensure_ascii=False).encode()


def post(client, raw: bytes, mac: str | None = None):
    try:
        timestamp = str(json.loads(raw)["timestamp"])
    except (ValueError, KeyError, TypeError):
        timestamp = ""
    mac = mac or expected_mac(APP_ID, raw, timestamp, SECRET)
    return client.post(
        "/zalo/webhook", data=raw, headers={"X-ZEvent-Signature": mac, "Content-Type": "application/json"}
    )


def test_a_hash_code_message_is_answered_with_status_and_a_link(bot_app, client, issue, fake_zalo):
    code = issue()["code"]
    response = post(client, event(f"#{code}"))
    assert response.status_code == 200
    path, headers, body = fake_zalo[1].get(timeout=10)
    assert path == "/v3.0/oa/message/cs"
    assert headers["access_token"] == TOKEN
    assert body["recipient"] == {"user_id": "8447393217364"}
    text = body["message"]["text"]
    assert code in text and "Được tiếp nhận" in text and "Chiều ngày 09/12/2020" in text
    assert f"http://localhost/tra-cuu/{code}" in text
    assert "Phan" not in text and "0946911303" not in text


def test_an_unknown_code_gets_a_polite_answer(bot_app, client, fake_zalo):
    assert post(client, event("#000.00.04.H15-201125-0999")).status_code == 200
    assert "Không tìm thấy hồ sơ" in fake_zalo[1].get(timeout=10)[2]["message"]["text"]


def test_ordinary_chat_is_left_to_the_staff(bot_app, client, fake_zalo):
    response = post(client, event("Xin chào"))
    assert response.get_json() == {"status": "ok", "replied": False}
    with pytest.raises(queue.Empty):
        fake_zalo[1].get(timeout=0.5)


@pytest.mark.parametrize("mac", ["mac=" + "0" * 64, "", "garbage"])
def test_a_bad_signature_is_refused_and_nothing_is_sent(bot_app, client, issue, fake_zalo, mac):
    code = issue()["code"]
    response = client.post("/zalo/webhook", data=event(f"#{code}"), headers={"X-ZEvent-Signature": mac})
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "bad_signature"
    with pytest.raises(queue.Empty):
        fake_zalo[1].get(timeout=0.5)


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
    with pytest.raises(queue.Empty):
        fake_zalo[1].get(timeout=0.5)


@pytest.mark.parametrize("sender", ["abc", ["x"], 42, {"id": None}, {}, None])
def test_a_signed_event_with_an_odd_sender_never_fails(bot_app, client, issue, fake_zalo, sender):
    code = issue()["code"]
    raw = event(f"#{code}")
    data = json.loads(raw)
    data["sender"] = sender
    raw = json.dumps(data).encode()
    assert post(client, raw).status_code == 200
    with pytest.raises(queue.Empty):
        fake_zalo[1].get(timeout=0.3)


def test_an_unsigned_body_is_refused_before_it_is_parsed(bot_app, client, monkeypatch):
    import receipts.bot.webhook as webhook

    parsed = []
    monkeypatch.setattr(webhook.json, "loads", lambda *a, **k: parsed.append(a) or {})
    deep = b"[" * 30_000
    response = client.post("/zalo/webhook", data=deep, headers={"X-ZEvent-Signature": "mac=" + "0" * 64})
    assert response.status_code == 401
    assert parsed == []


def test_a_signed_but_absurdly_nested_body_is_a_400_not_a_500(bot_app, client):
    deep = b'{"timestamp": "' + now_ms().encode() + b'", "x": ' + b"[" * 30_000 + b"]" * 30_000 + b"}"
    mac = expected_mac(APP_ID, deep, zalo_timestamp(deep), SECRET)
    response = client.post("/zalo/webhook", data=deep, headers={"X-ZEvent-Signature": mac})
    assert response.status_code == 400


def test_a_timestamp_that_is_not_the_events_own_is_refused(bot_app, client, issue, fake_zalo):
    code = issue()["code"]
    raw = event(f"#{code}").replace(b'"app_id"', b'"note": {"timestamp": "1"}, "app_id"', 1)
    assert post(client, raw, mac=expected_mac(APP_ID, raw, "1", SECRET)).status_code == 401
    with pytest.raises(queue.Empty):
        fake_zalo[1].get(timeout=0.3)


def zalo_timestamp(raw: bytes) -> str:
    from receipts.bot.zalo import raw_timestamp

    return raw_timestamp(raw)
