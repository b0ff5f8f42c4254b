"""A status change reaches each subscriber once, by the right channel, and no one else."""

from __future__ import annotations

from datetime import timedelta

import pytest

from receipts import worker
from receipts.clock import now_local
from receipts.domain.guidance import NEXT_STEPS
from receipts.domain.statuses import Status
from receipts.extensions import db
from receipts.store import subscriptions as store
from receipts.store.database import write_transaction
from receipts.store.models import Outbox
from tests.bot.conftest import ZNS_TEMPLATE
from tests.bot.events import USER, post, text
from tests.support import on_both_backends


@pytest.fixture
def code(issue) -> str:
    return issue()["code"]


def subscribe(bot_app, client, code: str, user: str = USER) -> None:
    assert post(client, text(f"#{code} 1303", user=user)).get_json()["replied"] is True
    worker.deliver_due(bot_app)


def move(client, auth, code: str, status: str):
    return client.post(f"/api/v1/dossiers/{code}/events", json={"status": status}, headers=auth)


def notices(fake_zalo, code: str) -> list:
    return [call for call in fake_zalo.sent() if "vừa chuyển trạng thái" in call.text and code in call.text]


def last_wrote(app, user: str, days_ago: int) -> None:
    with app.app_context(), write_transaction():
        store.touch(user, now_local() - timedelta(days=days_ago))


@on_both_backends
def test_a_status_change_reaches_a_subscriber_once_as_a_consultation_message(
    bot_app, client, auth, fake_zalo, code
):
    subscribe(bot_app, client, code)
    assert move(client, auth, code, "needs_supplement").status_code == 200
    worker.deliver_due(bot_app)
    worker.deliver_due(bot_app)
    [notice] = notices(fake_zalo, code)
    assert notice.user_id == USER
    assert "Yêu cầu bổ sung giấy tờ" in notice.text and NEXT_STEPS[Status.NEEDS_SUPPLEMENT] in notice.text
    assert f"http://localhost/tra-cuu/{code}" in notice.text
    assert fake_zalo.zns_calls == []
    move(client, auth, code, "in_progress")
    worker.deliver_due(bot_app)
    assert len(notices(fake_zalo, code)) == 2


@on_both_backends
def test_the_notice_is_written_in_the_events_transaction(bot_app, client, auth, fake_zalo, code, monkeypatch):
    subscribe(bot_app, client, code)
    from receipts.services import subscriptions

    def broken(*args, **kwargs):
        raise RuntimeError("the outbox is full")

    monkeypatch.setattr(subscriptions.outbox, "add", broken)
    assert move(client, auth, code, "in_progress").status_code == 500
    assert client.get(f"/api/v1/dossiers/{code}").get_json()["status"] == "received"


def test_outside_the_7_day_window_the_notice_goes_by_zns_to_the_applicants_phone(
    bot_app, client, auth, fake_zalo, code
):
    subscribe(bot_app, client, code)
    last_wrote(bot_app, USER, days_ago=8)
    move(client, auth, code, "result_ready")
    worker.deliver_due(bot_app)
    assert notices(fake_zalo, code) == []
    [zns] = fake_zalo.zns_calls
    assert (zns.phone, zns.template_id, zns.answer) == ("84946911303", ZNS_TEMPLATE, 0)
    assert zns.template_data["ma_ho_so"] == code
    assert zns.template_data["trang_thai"] == "Đã xử lý xong"
    assert zns.template_data["huong_dan"] == NEXT_STEPS[Status.RESULT_READY]
    with bot_app.app_context():
        row = db.session.query(Outbox).filter_by(channel="zalo_zns").one()
    assert zns.tracking_id == str(row.id) and row.status == "sent"


def test_zalo_answering_230_falls_back_to_zns(bot_app, client, auth, fake_zalo, code):
    subscribe(bot_app, client, code)
    fake_zalo.script(-230)
    move(client, auth, code, "awaiting_payment")
    worker.deliver_due(bot_app)
    assert [call.answer for call in fake_zalo.calls][-1] == -230
    [zns] = fake_zalo.zns_calls
    assert zns.phone == "84946911303" and zns.template_data["trang_thai"].startswith("Yêu cầu thực hiện")


def test_without_a_template_a_zns_notice_is_given_up_with_a_clear_error(
    bot_app, client, auth, fake_zalo, code
):
    bot_app.config["ZALO_ZNS_TEMPLATE_ID"] = None
    subscribe(bot_app, client, code)
    last_wrote(bot_app, USER, days_ago=30)
    move(client, auth, code, "in_progress")
    worker.deliver_due(bot_app)
    assert fake_zalo.zns_calls == []
    with bot_app.app_context():
        row = db.session.query(Outbox).filter_by(channel="zalo_zns").one()
    assert row.status == "failed" and "RECEIPTS_ZALO_ZNS_TEMPLATE_ID" in row.last_error


def test_nothing_reaches_someone_who_has_not_proved_the_dossier_theirs(
    bot_app, client, auth, fake_zalo, code
):
    post(client, text(f"#{code}", user="looked-only"))
    post(client, text(f"#{code} 9999", user="wrong-digits"))
    worker.deliver_due(bot_app)
    move(client, auth, code, "in_progress")
    worker.deliver_due(bot_app)
    assert notices(fake_zalo, code) == []
    assert fake_zalo.zns_calls == []


def test_nothing_is_sent_for_a_revoked_receipt(bot_app, client, auth, fake_zalo, code):
    subscribe(bot_app, client, code)
    client.post(f"/api/v1/receipts/{code}/revoke", json={"reason": "Sai"}, headers=auth)
    assert move(client, auth, code, "in_progress").status_code == 409
    worker.deliver_due(bot_app)
    assert notices(fake_zalo, code) == [] and fake_zalo.zns_calls == []


def test_after_hủy_theo_dõi_nothing_more_is_sent(bot_app, client, auth, fake_zalo, code):
    subscribe(bot_app, client, code)
    post(client, text(f"Hủy theo dõi #{code}"))
    worker.deliver_due(bot_app)
    move(client, auth, code, "in_progress")
    worker.deliver_due(bot_app)
    assert notices(fake_zalo, code) == []


def test_two_subscribers_outside_the_window_make_one_zns(bot_app, client, auth, fake_zalo, code):
    subscribe(bot_app, client, code, user="a")
    subscribe(bot_app, client, code, user="b")
    last_wrote(bot_app, "a", days_ago=9)
    last_wrote(bot_app, "b", days_ago=9)
    move(client, auth, code, "in_progress")
    worker.deliver_due(bot_app)
    assert len(fake_zalo.zns_calls) == 1
