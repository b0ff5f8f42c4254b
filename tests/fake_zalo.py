"""A fake Zalo served over HTTP on 127.0.0.1: the OA message API, OAuth and ZNS, recording what they get.

Tell it how to answer the next messages with `script(...)`: a Zalo error code (-216, -230, -213,
-32), "5xx" (HTTP 503), "timeout" (answers after the client gave up) or "stall" (holds the request
until `release` is set, so that a test can kill the sender mid-send). Otherwise a message is
accepted when its access token is one that OAuth gave out (or the bootstrap token), else -216.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

APP_ID, APP_SECRET = "4321987654321", "app-secret-key"
BOOTSTRAP_TOKEN = "oa-access-token"


@dataclass
class Call:
    """One message request: the token it carried, its recipient and text, and how it was answered."""

    token: str
    user_id: str
    text: str
    answer: str | int


@dataclass
class ZnsCall:
    """One ZNS template request: the token, the phone, the template and its data, the tracking id."""

    token: str
    phone: str
    template_id: str
    template_data: dict[str, Any]
    tracking_id: str
    answer: str | int


class FakeZalo:
    """The fake server and what it has seen."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.calls: list[Call] = []
        self.renewals: list[dict[str, str]] = []
        self.zns_calls: list[ZnsCall] = []
        self.zns_scripted: deque[int] = deque()
        self.scripted: deque[str | int] = deque()
        self.access_tokens = {BOOTSTRAP_TOKEN}
        self.refresh_tokens: set[str] = set()
        self.issued = 0
        self.oauth_delay = 0.0
        self.message_delay = 0.0
        self.oauth_down = False
        self.timeout_sleep = 1.5
        self.received = threading.Event()
        self.release = threading.Event()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    def start(self) -> FakeZalo:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()

    def script(self, *answers: str | int) -> None:
        with self.lock:
            self.scripted.extend(answers)

    def sent(self) -> list[Call]:
        with self.lock:
            return [call for call in self.calls if call.answer == 0]

    def message_answer(
        self, token: str, body: dict[str, Any]
    ) -> tuple[int, dict[str, Any] | None, str | int]:
        """Decide the answer to a message request; (HTTP status, JSON or None, what is recorded)."""
        with self.lock:
            answer = self.scripted.popleft() if self.scripted else None
            if answer is None:
                answer = 0 if token in self.access_tokens else -216
            self.calls.append(
                Call(token, body["recipient"]["user_id"], body["message"].get("text", ""), answer)
            )
        self.received.set()
        time.sleep(self.message_delay)
        if answer == "stall":
            self.release.wait(30)
        if answer == "timeout":
            time.sleep(self.timeout_sleep)
        if answer == "5xx":
            return 503, None, answer
        if isinstance(answer, int) and answer != 0:
            return 200, {"error": answer, "message": f"fake error {answer}"}, answer
        return 200, {"error": 0, "message": "Success", "data": {"message_id": "m1"}}, answer

    def zns_answer(self, token: str, body: dict[str, Any]) -> tuple[int, dict[str, Any] | None]:
        """Answer a ZNS template request (scripted with `zns_scripted`, else as a message is)."""
        with self.lock:
            answer = self.zns_scripted.popleft() if self.zns_scripted else None
            if answer is None:
                answer = 0 if token in self.access_tokens else -216
            self.zns_calls.append(
                ZnsCall(
                    token,
                    body["phone"],
                    body["template_id"],
                    body["template_data"],
                    body["tracking_id"],
                    answer,
                )
            )
        if answer != 0:
            return 200, {"error": answer, "message": f"fake error {answer}"}
        return 200, {"error": 0, "message": "Success", "data": {"msg_id": "z1"}}

    def renewal_answer(self, form: dict[str, str], secret: str) -> tuple[int, dict[str, Any] | None]:
        """Spend a refresh token once, as Zalo does; (HTTP status, JSON or None)."""
        with self.lock:
            self.renewals.append({**form, "secret_key": secret})
            token = form.get("refresh_token", "")
            if self.oauth_down:
                answer: tuple[int, dict[str, Any] | None] = (502, None)
            elif secret != APP_SECRET or form.get("app_id") != APP_ID:
                answer = (200, {"error": -14002, "error_name": "Invalid app secret"})
            elif form.get("grant_type") != "refresh_token" or token not in self.refresh_tokens:
                answer = (200, {"error": -14014, "error_name": "Invalid refresh token"})
            else:
                self.refresh_tokens.discard(token)
                self.issued += 1
                pair = f"at-{self.issued}", f"rt-{self.issued}"
                self.access_tokens.add(pair[0])
                self.refresh_tokens.add(pair[1])
                answer = (200, {"access_token": pair[0], "refresh_token": pair[1], "expires_in": "90000"})
        time.sleep(self.oauth_delay)
        return answer


def _handler(fake: FakeZalo) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
            raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if self.path == "/v3.0/oa/message/cs":
                token = self.headers.get("access_token", "")
                status, answer, _ = fake.message_answer(token, json.loads(raw))
            elif self.path == "/message/template":
                status, answer = fake.zns_answer(self.headers.get("access_token", ""), json.loads(raw))
            elif self.path == "/v4/oa/access_token":
                form = dict(urllib.parse.parse_qsl(raw.decode()))
                status, answer = fake.renewal_answer(form, self.headers.get("secret_key", ""))
            else:
                status, answer = 404, None
            data = json.dumps(answer).encode() if answer is not None else b"<html>error</html>"
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except OSError:
                pass  # the sender gave up or was killed

        def log_message(self, *args: Any) -> None:
            pass

    return Handler
