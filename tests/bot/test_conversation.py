"""Talking to the OA: codes however typed, the per-user limit, welcome, help, subscriptions."""

from __future__ import annotations

import uuid

import pytest

from receipts import worker
from receipts.domain.conversation import CODES_PER_HOUR
from receipts.extensions import db
from receipts.store.models import Subscription
from tests.bot.events import USER, post, text, zalo_event


def reply_to(bot_app, client, fake_zalo, raw: bytes) -> str:
    """Post an event and return the one text the worker then sent."""
    before = len(fake_zalo.sent())
    assert post(client, raw).get_json()["replied"] is True
    worker.deliver_due(bot_app)
    sent = fake_zalo.sent()
    assert len(sent) == before + 1
    return sent[-1].text


def subscriptions(app) -> list[tuple[int, str, str]]:
    with app.app_context():
        rows = db.session.query(Subscription).order_by(Subscription.id).all()
        return [(row.receipt_id, row.user_id, row.proof) for row in rows]


@pytest.fixture
def codes(issue) -> list[str]:
    """Four dossiers of the demo agency, received the same day."""
    return [issue()["code"] for _ in range(4)]


def test_several_codes_however_typed_get_one_reply_naming_each_up_to_three(bot_app, client, fake_zalo, codes):
    first, second, third, fourth = codes
    typed = (
        f"cho hỏi hồ sơ {first.lower().replace('-', '–')} và "
        f"＃{second.translate(str.maketrans('0123456789.-', '０１２３４５６７８９．－'))}, "
        f"{third} với {fourth} nhé"
    )
    answer = reply_to(bot_app, client, fake_zalo, text(typed))
    assert all(code in answer for code in (first, second, third))
    assert fourth not in answer
    assert answer.count("Được tiếp nhận") == 3
    assert "Phan" not in answer and "0946911303" not in answer


def test_a_code_without_hash_inside_a_sentence_is_answered(bot_app, client, fake_zalo, codes):
    answer = reply_to(bot_app, client, fake_zalo, text(f"Hồ sơ {codes[0]} của tôi sao rồi?"))
    assert codes[0] in answer and "Hẹn trả kết quả: Chiều ngày 09/12/2020" in answer


def test_a_user_gets_a_limited_number_of_codes_an_hour(bot_app, client, fake_zalo, codes):
    message = " ".join(codes[:3])
    for _ in range(CODES_PER_HOUR // 3):
        assert codes[0] in reply_to(bot_app, client, fake_zalo, text(message))
    refused = reply_to(bot_app, client, fake_zalo, text(message))
    assert "thử lại sau" in refused and codes[0] not in refused
    # Another user is not held back by this one.
    assert codes[0] in reply_to(bot_app, client, fake_zalo, text(codes[0], user="999"))


def test_follow_gets_a_welcome_with_links_from_the_public_url(bot_app, client, fake_zalo):
    bot_app.config["PUBLIC_URL"] = "https://dvc.example.gov.vn/bien-nhan"
    answer = reply_to(bot_app, client, fake_zalo, zalo_event("follow"))
    assert "#<mã hồ sơ>" in answer and "QR" in answer
    assert "https://dvc.example.gov.vn/bien-nhan/thu-tuc" in answer
    assert "https://dvc.example.gov.vn/bien-nhan/quet" in answer
    assert fake_zalo.sent()[-1].user_id == USER


def test_our_own_echoes_are_ignored(bot_app, client, fake_zalo, codes):
    raw = zalo_event("oa_send_text", message={"text": f"#{codes[0]}", "msg_id": uuid.uuid4().hex})
    assert post(client, raw).get_json()["replied"] is False
    assert post(client, zalo_event("user_seen_message")).get_json()["replied"] is False


def test_the_right_digits_subscribe_and_wrong_ones_do_not(bot_app, client, fake_zalo, codes):
    wrong = reply_to(bot_app, client, fake_zalo, text(f"#{codes[0]} 1234"))
    assert "không khớp" in wrong
    assert subscriptions(bot_app) == []
    right = reply_to(bot_app, client, fake_zalo, text(f"#{codes[0]} 1303"))
    assert "Đã đăng ký nhận thông báo" in right and f"Hủy theo dõi #{codes[0]}" in right
    assert [(user, proof) for _, user, proof in subscriptions(bot_app)] == [(USER, "digits")]
    again = reply_to(bot_app, client, fake_zalo, text(f"{codes[0]} 1303"))
    assert "từ trước" in again
    assert len(subscriptions(bot_app)) == 1


def test_wrong_digits_are_counted_like_the_lookup_page(bot_app, client, fake_zalo, codes):
    # Five free tries, the gate lets the sixth through, then it stays shut (services.lookup).
    for _ in range(6):
        assert "không khớp" in reply_to(bot_app, client, fake_zalo, text(f"#{codes[0]} 0000"))
    assert "thử lại sau" in reply_to(bot_app, client, fake_zalo, text(f"#{codes[0]} 1303"))
    assert subscriptions(bot_app) == []


def test_a_shared_phone_that_matches_subscribes_to_the_dossiers_last_asked_about(
    bot_app, client, fake_zalo, codes
):
    reply_to(bot_app, client, fake_zalo, text(f"#{codes[0]}"))
    other = zalo_event("user_submit_info", info={"name": "X", "phone": "84900000000"})
    assert "không khớp" in reply_to(bot_app, client, fake_zalo, other)
    assert subscriptions(bot_app) == []
    mine = zalo_event("user_submit_info", info={"name": "Hậu", "phone": "84946911303"})
    assert "Đã đăng ký" in reply_to(bot_app, client, fake_zalo, mine)
    assert [(user, proof) for _, user, proof in subscriptions(bot_app)] == [(USER, "phone")]


def test_hủy_theo_dõi_ends_a_subscription(bot_app, client, fake_zalo, codes):
    reply_to(bot_app, client, fake_zalo, text(f"#{codes[0]} 1303"))
    assert "Đã hủy theo dõi" in reply_to(bot_app, client, fake_zalo, text(f"Hủy theo dõi #{codes[0]}"))
    assert subscriptions(bot_app) == []
    assert "không theo dõi" in reply_to(bot_app, client, fake_zalo, text(f"huy theo doi {codes[0]}"))


def test_a_revoked_receipt_cannot_be_subscribed_to(bot_app, client, fake_zalo, codes, auth):
    client.post(f"/api/v1/receipts/{codes[0]}/revoke", json={"reason": "Sai"}, headers=auth)
    assert "thu hồi" in reply_to(bot_app, client, fake_zalo, text(f"#{codes[0]} 1303"))
    assert subscriptions(bot_app) == []


def test_thu_tuc_answers_the_best_catalogue_matches_with_links(bot_app, client, fake_zalo):
    answer = reply_to(bot_app, client, fake_zalo, text("thu tuc cap phep luu hanh xe"))
    assert "1.000028.000.00.00.H15" in answer
    assert "http://localhost/thu-tuc/1.000028.000.00.00.H15" in answer
    assert "http://localhost/thu-tuc?q=" in answer
