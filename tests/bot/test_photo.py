"""A photo of a receipt: the worker fetches it, reads its QR and answers as for the typed code."""

from __future__ import annotations

import io
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import segno
from PIL import Image

from receipts import worker
from receipts.bot.replies import unreadable_photo
from receipts.zalo.images import MAX_BYTES
from tests.bot.events import USER, post, zalo_event


class ImageServer:
    """A CDN on 127.0.0.1 serving the bodies put in `files` (path -> content type, bytes)."""

    def __init__(self) -> None:
        self.files: dict[str, tuple[str, bytes]] = {}
        self.requests: list[str] = []
        files, requests = self.files, self.requests

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
                requests.append(self.path)
                content_type, body = files.get(self.path, ("text/plain", b"not found"))
                if content_type == "redirect":
                    self.send_response(302)
                    self.send_header("Location", body.decode())
                    self.end_headers()
                    return
                self.send_response(200 if self.path in files else 404)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def put(self, path: str, body: bytes, content_type: str = "image/png") -> str:
        self.files[path] = (content_type, body)
        return self.base + path


@pytest.fixture
def cdn() -> Iterator[ImageServer]:
    server = ImageServer()
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


def qr_png(data: str) -> bytes:
    buffer = io.BytesIO()
    segno.make_qr(data).save(buffer, kind="png", scale=6)
    return buffer.getvalue()


def blank_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (300, 200), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def image_event(url: str, user: str = USER) -> bytes:
    attachment = {"type": "image", "payload": {"thumbnail": url, "url": url}}
    return zalo_event(
        "user_send_image", user, message={"msg_id": uuid.uuid4().hex, "attachments": [attachment]}
    )


def run_worker(app) -> None:
    """Play huey's consumer: run every task queued so far, in this thread."""
    huey = worker.queue(app).huey
    while (task := huey.dequeue()) is not None:
        huey.execute(task)


def photo_answer(bot_app, client, fake_zalo, cdn, url: str, fetches: int = 1) -> str:
    """Post a photo's event, check that the webhook fetched nothing, run the worker; return its answer."""
    before, fetched = len(fake_zalo.sent()), len(cdn.requests)
    answer = post(client, image_event(url))
    assert answer.status_code == 200 and answer.get_json().get("photo") is True
    assert len(cdn.requests) == fetched and len(fake_zalo.sent()) == before
    run_worker(bot_app)
    assert len(cdn.requests) == fetched + fetches
    sent = fake_zalo.sent()
    assert len(sent) == before + 1 and sent[-1].user_id == USER
    return sent[-1].text


def test_a_photo_of_a_receipts_qr_is_answered_like_its_typed_code(bot_app, client, fake_zalo, cdn, issue):
    receipt = issue()
    url = cdn.put("/photo.png", qr_png(receipt["verify_url"]))
    answer = photo_answer(bot_app, client, fake_zalo, cdn, url)
    assert f"Hồ sơ {receipt['code']}" in answer and "Được tiếp nhận" in answer
    assert f"http://localhost/tra-cuu/{receipt['code']}" in answer
    assert "Phan" not in answer and "0946911303" not in answer


def test_a_redelivered_photo_event_is_read_and_answered_once(bot_app, client, fake_zalo, cdn, issue):
    url = cdn.put("/photo.png", qr_png(issue()["verify_url"]))
    raw = image_event(url)
    assert post(client, raw).get_json().get("photo") is True
    assert "photo" not in post(client, raw).get_json()
    run_worker(bot_app)
    assert len(cdn.requests) == 1 and len(fake_zalo.sent()) == 1


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        pytest.param(blank_png(), "image/png", id="no QR"),
        pytest.param(qr_png("https://example.com/r/abc"), "image/png", id="a foreign QR"),
        pytest.param(qr_png("http://localhost/r/forged.token"), "image/png", id="a forged token"),
        pytest.param(b"not a png at all", "image/png", id="not a readable image"),
    ],
)
def test_a_photo_without_our_qr_gets_the_helpful_answer(bot_app, client, fake_zalo, cdn, body, content_type):
    url = cdn.put("/photo", body, content_type)
    assert photo_answer(bot_app, client, fake_zalo, cdn, url) == unreadable_photo()


@pytest.mark.parametrize(
    ("padding", "content_type"),
    [
        pytest.param(MAX_BYTES, "image/png", id="over the cap"),
        pytest.param(0, "text/html", id="not an image type"),
    ],
)
def test_our_qr_in_a_body_too_big_or_not_an_image_gets_the_helpful_answer(
    bot_app, client, fake_zalo, cdn, issue, padding, content_type
):
    url = cdn.put("/photo", qr_png(issue()["verify_url"]) + b"\0" * padding, content_type)
    assert photo_answer(bot_app, client, fake_zalo, cdn, url) == unreadable_photo()


def test_an_image_zalo_cannot_serve_gets_the_helpful_answer(bot_app, client, fake_zalo, cdn):
    assert photo_answer(bot_app, client, fake_zalo, cdn, cdn.base + "/gone.png") == unreadable_photo()


def test_photos_count_against_the_users_codes_for_the_hour(
    bot_app, client, fake_zalo, cdn, issue, monkeypatch
):
    monkeypatch.setattr("receipts.services.conversations.CODES_PER_HOUR", 1)
    url = cdn.put("/photo.png", qr_png(issue()["verify_url"]))
    photo_answer(bot_app, client, fake_zalo, cdn, url)
    refused = post(client, image_event(url)).get_json()
    assert "photo" not in refused and refused["replied"] is True
    run_worker(bot_app)
    assert len(cdn.requests) == 1
    assert "thử lại sau" in fake_zalo.sent()[-1].text


def test_a_redirect_is_followed_only_to_http(bot_app, client, fake_zalo, cdn, issue):
    target = cdn.put("/photo.png", qr_png(issue()["verify_url"]))
    answer = photo_answer(bot_app, client, fake_zalo, cdn, cdn.put("/moved", target.encode(), "redirect"), 2)
    assert "Được tiếp nhận" in answer
    ftp = cdn.put("/to-ftp", b"ftp://127.0.0.1/photo.png", "redirect")
    assert photo_answer(bot_app, client, fake_zalo, cdn, ftp) == unreadable_photo()
