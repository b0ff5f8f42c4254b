"""Whatever a stranger sends to a route that needs no login or key, the answer is never a 500."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from receipts.bot.zalo import expected_mac

APP_ID, SECRET = "4321987654321", "oa-secret-key"
# Every Unicode category, control characters, separators and lone surrogates' neighbours included.
TEXT = st.text(st.characters(codec="utf-8"), max_size=300) | st.sampled_from(
    ["\r\n", "\x00", "%00", "../../etc/passwd", "#", "?", "\u202e", "\ufeff", "ａｂｃ", "[" * 5000]
)
BODIES = (
    st.binary(max_size=2000) | st.builds(lambda n: b"[" * n, st.integers(1, 60_000)) | TEXT.map(str.encode)
)
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture
def public(app):
    app.config.update(WTF_CSRF_ENABLED=True, ZALO_APP_ID=APP_ID, ZALO_OA_SECRET=SECRET)
    return app.test_client()


def _path(text: str) -> str:
    return quote(text, safe="")


def assert_no_server_error(response) -> None:
    assert response.status_code < 500 or response.status_code == 503, response.get_data(as_text=True)[:500]


@SETTINGS
@given(part=TEXT, query=TEXT)
def test_get_routes_never_fail(public, part, query):
    for path in (
        f"/tra-cuu/{_path(part)}",
        f"/r/{_path(part)}",
        f"/r/{_path(part)}.pdf",
        f"/r/{_path(part)}.pdf?copy=citizen",
        f"/thu-tuc/{_path(part)}",
        f"/api/v1/dossiers/{_path(part)}",
        f"/api/v1/receipts/{_path(part)}",
    ):
        assert_no_server_error(public.get(path))
    for path in ("/", "/tra-cuu", "/quet", "/thu-tuc", "/api/v1/procedures", "/quay/dang-nhap", "/quay/"):
        args = {
            "q": query,
            "level": query,
            "field": query,
            "page": query,
            "next": query,
            "thu_tuc": query,
            "code": query,
        }
        assert_no_server_error(public.get(path, query_string=args))


@SETTINGS
@given(part=TEXT, digits=TEXT, body=BODIES, username=TEXT, next_=TEXT)
def test_post_routes_never_fail(public, part, digits, body, username, next_):
    assert_no_server_error(public.post(f"/tra-cuu/{_path(part)}", data={"digits": digits}))
    form = {"username": username, "password": digits, "next": next_}
    assert_no_server_error(public.post("/quay/dang-nhap", data=form))
    for path in ("/api/v1/receipts", "/api/v1/dossiers/x/events", "/zalo/webhook"):
        assert_no_server_error(public.post(path, data=body, content_type="application/json"))


@SETTINGS
@given(body=BODIES, timestamp=st.text("0123456789", min_size=1, max_size=16))
def test_signed_webhook_bodies_of_any_shape_never_fail(public, body, timestamp):
    raw = b'{"timestamp": "' + timestamp.encode() + b'", "x": ' + body + b"}"
    mac = expected_mac(APP_ID, raw, timestamp, SECRET)
    assert_no_server_error(public.post("/zalo/webhook", data=raw, headers={"X-ZEvent-Signature": mac}))
    event = {
        "timestamp": timestamp,
        "event_name": "user_send_text",
        "message": {"text": body.decode(errors="replace")},
    }
    raw = json.dumps(event).encode()
    mac = expected_mac(APP_ID, raw, timestamp, SECRET)
    assert_no_server_error(public.post("/zalo/webhook", data=raw, headers={"X-ZEvent-Signature": mac}))


@pytest.mark.parametrize("target", ["/quay/\r\nSet-Cookie: x=1", "/quay/\nx", "/quay/\tx", "/quay/\x7f"])
def test_a_next_with_control_characters_sends_the_officer_home(app, target):
    from tests.support import OFFICER_PASSWORD, make_officer

    app.config["WTF_CSRF_ENABLED"] = False
    client = app.test_client()
    make_officer(app)
    login = {"username": "canbo", "password": OFFICER_PASSWORD, "next": target}
    response = client.post("/quay/dang-nhap", data=login)
    assert (response.status_code, response.headers["Location"]) == (303, "/quay/")
    again = client.get("/quay/dang-nhap", query_string={"next": target})
    assert (again.status_code, again.headers["Location"]) == (302, "/quay/")
