"""Zalo's webhook, with events signed correctly (so that they pass the signature check) whose every
field is at the edges of its type: 200 with the event taken or ignored, or a clear JSON refusal;
never a 500, and nothing stored when refused."""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from receipts.bot.zalo import expected_mac, raw_timestamp
from receipts.schemas import examples
from tests.bot.conftest import OA_SECRET
from tests.fake_zalo import APP_ID
from tests.fuzzing import (
    INTEGERS,
    JSON_VALUES,
    TEXTS,
    assert_no_server_error,
    field_value,
    fuzz_settings,
    row_counts,
)
from tests.support import on_both_backends

NAMES = st.sampled_from(
    [
        "user_send_text",
        "user_send_image",
        "user_send_sticker",
        "user_send_location",
        "user_submit_info",
        "follow",
        "unfollow",
        "oa_send_text",
    ]
)
CODES = st.sampled_from(
    [
        examples.DOSSIER,
        "#" + examples.DOSSIER.lower(),
        "000 . 00 . 04 . H15 - 201125 - 0001",
        examples.DOSSIER + " 1303",
        "#000.00.04.H15-201125-0001 theo dõi 1303",
        "000.00.04.H15-209999-0001",
    ]
)
MESSAGES = st.builds(lambda a, code, b: a + code + b, TEXTS, CODES, TEXTS) | TEXTS
IDS = st.sampled_from(["8447393217364", "1", ""]) | INTEGERS | TEXTS
ATTACHMENTS = st.lists(
    st.fixed_dictionaries(
        {
            "type": st.sampled_from(["image", "sticker", "location"]) | TEXTS,
            "payload": field_value(
                st.fixed_dictionaries({"url": TEXTS | st.just("https://zalo.example/a.jpg")})
            ),
        }
    ),
    max_size=2,
)
EVENTS = st.fixed_dictionaries(
    {
        "app_id": st.just(APP_ID),
        "event_name": field_value(NAMES),
        "sender": field_value(st.fixed_dictionaries({"id": IDS})),
        "recipient": st.just({"id": "579745863508352884"}),
        "follower": field_value(st.fixed_dictionaries({"id": IDS})),
        "message": field_value(
            st.fixed_dictionaries({"text": field_value(MESSAGES), "msg_id": IDS, "attachments": ATTACHMENTS})
        ),
        "info": field_value(st.dictionaries(st.sampled_from(["name", "phone", "address"]), TEXTS)),
    }
)
# Mostly now (so that the event is fresh and acted on); sometimes any number or text.
STAMPS = st.integers(0, 9).flatmap(lambda n: st.none() if n < 7 else INTEGERS | INTEGERS.map(str) | TEXTS)


@pytest.fixture
def webhook(bot_app, issue):
    """The webhook on, with the example receipt issued so that codes in messages resolve."""
    issue(**examples.ISSUE)
    return bot_app.test_client()


@pytest.mark.fuzz
@fuzz_settings(200)
@given(event=EVENTS, stamp=STAMPS, extra=JSON_VALUES)
def test_any_signed_event_is_taken_ignored_or_refused_clearly(bot_app, webhook, event, stamp, extra):
    timestamp = str(int(time.time() * 1000)) if stamp is None else stamp
    raw = json.dumps({**event, "timestamp": timestamp, "extra": extra}).encode()
    # Signed as Zalo signs, over the timestamp the raw body carries (none, when it is not digits).
    mac = expected_mac(APP_ID, raw, raw_timestamp(raw), OA_SECRET)
    before = row_counts(bot_app)
    response = webhook.post(
        "/zalo/webhook", data=raw, headers={"X-ZEvent-Signature": mac}, content_type="application/json"
    )
    assert_no_server_error(response)
    assert response.mimetype == "application/json"
    if response.status_code == 200:
        assert response.get_json()["status"] == "ok"
    else:
        assert response.get_json()["error"]["code"]
        assert row_counts(bot_app) == before


@on_both_backends
@pytest.mark.parametrize("bad", ["\udfff", "84473\x0093217364", "\u202e1234"])
def test_an_id_no_column_can_store_is_no_sender_and_no_msg_id_not_a_500(bot_app, bad):
    # Found by the fuzzing: a lone surrogate in `sender.id` or `msg_id` reached the database (500).
    client = bot_app.test_client()
    for event in [
        {"event_name": "user_send_text", "sender": {"id": bad}, "message": {"text": "#" + examples.DOSSIER}},
        {
            "event_name": "user_send_text",
            "sender": {"id": "8447393217364"},
            "message": {"text": "hi", "msg_id": bad},
        },
    ]:
        timestamp = str(int(time.time() * 1000))
        raw = json.dumps({"app_id": APP_ID, "timestamp": timestamp, **event}).encode()
        mac = expected_mac(APP_ID, raw, timestamp, OA_SECRET)
        response = client.post("/zalo/webhook", data=raw, headers={"X-ZEvent-Signature": mac})
        assert (response.status_code, response.get_json()["status"]) == (200, "ok")
    assert response.get_json()["replied"] is True  # the message counts, under a digest of its body
