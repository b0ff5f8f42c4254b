"""The bot and the fee: what is owed and how to pay it in its answer, and a subscriber told when the
money arrives."""

from __future__ import annotations

from receipts import worker
from tests.bot.events import USER, post, text
from tests.support import on_both_backends

FEE_PROCEDURE = "1.002835.000.00.00.H15"


def answer(bot_app, client, fake_zalo, message: str) -> str:
    post(client, text(message))
    worker.deliver_due(bot_app)
    return fake_zalo.sent()[-1].text


def test_the_answer_about_a_dossier_awaiting_payment_says_what_to_pay_and_how(
    bot_app, client, auth, fake_zalo, issue
):
    code = issue(procedure_code=FEE_PROCEDURE)["code"]
    client.post(f"/api/v1/dossiers/{code}/events", json={"status": "awaiting_payment"}, headers=auth)
    said = answer(bot_app, client, fake_zalo, f"#{code}")
    assert "Phí, lệ phí cần nộp: 135.000 đồng (Một trăm ba mươi lăm nghìn đồng)" in said
    assert f"nội dung {code}" in said and "VietQR" in said


def test_the_answer_about_a_free_dossier_says_nothing_of_fees(bot_app, client, fake_zalo, issue):
    code = issue()["code"]
    said = answer(bot_app, client, fake_zalo, f"#{code}")
    assert "Phí" not in said and "thanh toán" not in said


@on_both_backends
def test_a_subscriber_is_told_once_when_the_money_arrives_and_the_answer_then_says_paid(
    bot_app, client, auth, fake_zalo, issue
):
    code = issue(procedure_code=FEE_PROCEDURE)["code"]
    post(client, text(f"#{code} 1303"))
    worker.deliver_due(bot_app)
    payment = {"amount": 135000, "transaction_id": "FT-BOT", "paid_at": "2020-11-26T09:05:00+07:00"}
    for _ in range(2):  # the same transaction reported twice is told once
        assert client.post(f"/api/v1/dossiers/{code}/payments", json=payment, headers=auth).status_code == 200
    worker.deliver_due(bot_app)
    told = [call for call in fake_zalo.sent() if "đã nhận thanh toán" in call.text]
    assert [call.user_id for call in told] == [USER]
    assert told[0].text.startswith(
        f"Hồ sơ {code}: đã nhận thanh toán 135.000 đồng lúc 09 giờ 05 phút, ngày 26 tháng 11 năm 2020."
    )
    assert "thanh toán đủ" in told[0].text
    said = answer(bot_app, client, fake_zalo, f"#{code}")
    assert "Đã thanh toán phí, lệ phí: 135.000 đồng" in said and "cần nộp" not in said
