"""A late dossier's new appointment (Mẫu 04) reaches each subscriber once, in the extension's transaction."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from receipts import worker
from receipts.domain.guidance import APOLOGY, EXTENDED
from receipts.domain.localtime import LOCAL
from receipts.extensions import db
from receipts.store import subscriptions as store
from receipts.store.database import write_transaction
from receipts.store.models import Outbox
from tests.bot.conftest import ZNS_TEMPLATE
from tests.bot.events import USER, post, text
from tests.support import logged_in_officer, on_both_backends

# Ten working days from Friday 16 August 2024, 09:00: Friday 30 August, 09:00; one working day more
# from 10:00 that day, past the weekend and Quốc khánh (2 and 3 September), is Wednesday 4 September.
RECEIVED = "2024-08-16T09:00:00+07:00"
LATE = datetime(2024, 8, 30, 10, 0, tzinfo=LOCAL)
REASON = "Chờ ý kiến của cơ quan phối hợp"
NEW_DUE = "Sáng ngày 04/09/2024"


@pytest.fixture
def code(issue, clock) -> str:
    clock.now = datetime(2024, 8, 16, 9, 0, tzinfo=LOCAL)
    found = issue(received_at=RECEIVED)["code"]
    clock.now = LATE
    return found


def subscribe(bot_app, client, code: str, user: str = USER, days_ago: int = 1) -> None:
    """Subscribe `user` with the phone's last 4 digits; they last wrote `days_ago` before LATE."""
    assert post(client, text(f"#{code} 1303", user=user)).get_json()["replied"] is True
    worker.deliver_due(bot_app)
    with bot_app.app_context(), write_transaction():
        store.touch(user, LATE - timedelta(days=days_ago))


def extend(client, auth, code: str, **body):
    return client.post(f"/api/v1/dossiers/{code}/extensions", json=body, headers=auth)


def written(app) -> list[Outbox]:
    """Return the extension notices in the outbox, whatever their channel."""
    with app.app_context():
        rows = db.session.query(Outbox).order_by(Outbox.id).all()
    return [row for row in rows if APOLOGY in row.body.get("text", "") or _zns_of_extension(row.body)]


def _zns_of_extension(body: dict) -> bool:
    return body.get("template_data", {}).get("trang_thai") == EXTENDED


def delivered(fake_zalo, code: str) -> list:
    return [call for call in fake_zalo.sent() if APOLOGY in call.text and code in call.text]


def due_at(client, code: str) -> str:
    return client.get(f"/api/v1/dossiers/{code}").get_json()["due_at"]


@on_both_backends
def test_an_extension_through_the_api_reaches_the_subscriber_with_the_new_appointment(
    bot_app, client, auth, fake_zalo, code
):
    subscribe(bot_app, client, code)
    response = extend(client, auth, code, reason=REASON, working_days=1)
    assert response.status_code == 200, response.get_json()
    assert set(response.get_json()) >= {"due_at", "due_text", "form_pdf_url"}
    [row] = written(bot_app)
    assert (row.channel, row.recipient, row.status) == ("zalo_cs", USER, "pending")
    assert row.body["zns"]["phone"] == "84946911303"
    worker.deliver_due(bot_app)
    [notice] = delivered(fake_zalo, code)
    assert notice.user_id == USER
    assert f"Lý do: {REASON}" in notice.text
    assert f"Hẹn trả kết quả mới: {NEW_DUE}" in notice.text
    assert f"http://localhost/tra-cuu/{code}" in notice.text
    assert fake_zalo.zns_calls == []


@on_both_backends
def test_the_notice_is_written_in_the_extensions_transaction(
    bot_app, client, auth, fake_zalo, code, monkeypatch
):
    subscribe(bot_app, client, code)
    from receipts.services import subscriptions

    def broken(*args, **kwargs):
        raise RuntimeError("the outbox is full")

    monkeypatch.setattr(subscriptions.outbox, "add", broken)
    assert extend(client, auth, code, reason=REASON, working_days=1).status_code == 500
    assert due_at(client, code) == "2024-08-30T09:00:00+07:00"
    monkeypatch.undo()
    assert written(bot_app) == []


@on_both_backends
@pytest.mark.parametrize(
    ("now", "body", "status"),
    [
        (datetime(2024, 8, 28, 9, 0, tzinfo=LOCAL), {"reason": REASON, "working_days": 2}, 409),
        (LATE, {"reason": "", "working_days": 2}, 422),
        (LATE, {"reason": REASON, "new_due_at": "2024-08-30T08:00:00+07:00"}, 422),
    ],
    ids=["not-late-yet", "no-reason", "new-date-before-the-old"],
)
def test_a_refused_extension_writes_no_notice(
    bot_app, client, auth, fake_zalo, code, clock, now, body, status
):
    subscribe(bot_app, client, code)
    clock.now = now
    assert extend(client, auth, code, **body).status_code == status
    assert written(bot_app) == []
    worker.deliver_due(bot_app)
    assert delivered(fake_zalo, code) == []


def test_outside_the_7_day_window_the_new_appointment_goes_by_zns_once(
    bot_app, client, auth, fake_zalo, code
):
    subscribe(bot_app, client, code, user="a", days_ago=8)
    subscribe(bot_app, client, code, user="b", days_ago=9)
    response = extend(client, auth, code, reason=REASON, new_due_at="2024-09-09T14:00:00+07:00")
    assert response.status_code == 200
    [row] = written(bot_app)
    assert (row.channel, row.recipient) == ("zalo_zns", "84946911303")
    worker.deliver_due(bot_app)
    assert delivered(fake_zalo, code) == []
    [zns] = fake_zalo.zns_calls
    assert (zns.phone, zns.template_id) == ("84946911303", ZNS_TEMPLATE)
    assert zns.template_data["ma_ho_so"] == code and zns.template_data["trang_thai"] == EXTENDED
    assert zns.template_data["hen_tra"] == "Chiều ngày 09/09/2024"
    assert zns.template_data["huong_dan"].endswith(f"Lý do: {REASON}")


def test_a_dossier_without_subscribers_writes_nothing(bot_app, client, auth, fake_zalo, code):
    post(client, text(f"#{code}", user="looked-only"))
    post(client, text(f"#{code} 9999", user="wrong-digits"))
    assert extend(client, auth, code, reason=REASON, working_days=1).status_code == 200
    assert written(bot_app) == []


def test_a_revoked_receipt_writes_nothing(bot_app, client, auth, fake_zalo, code):
    subscribe(bot_app, client, code)
    client.post(f"/api/v1/receipts/{code}/revoke", json={"reason": "Sai"}, headers=auth)
    assert extend(client, auth, code, reason=REASON, working_days=1).status_code == 409
    assert written(bot_app) == []


@pytest.fixture
def officer(bot_app, client):
    return logged_in_officer(bot_app, client)


@on_both_backends
def test_an_extension_at_the_counter_reaches_the_subscriber(bot_app, officer, auth, fake_zalo, code):
    subscribe(bot_app, officer, code)
    url = f"/quay/ho-so/{code}/gia-han"
    assert officer.post(url, data={"reason": REASON, "working_days": "ba"}).status_code == 422
    assert written(bot_app) == []
    assert officer.post(url, data={"reason": REASON, "working_days": "1"}).status_code == 303
    [row] = written(bot_app)
    assert (row.channel, row.recipient) == ("zalo_cs", USER)
    worker.deliver_due(bot_app)
    [notice] = delivered(fake_zalo, code)
    assert f"Hẹn trả kết quả mới: {NEW_DUE}" in notice.text and f"Lý do: {REASON}" in notice.text
    assert f"http://localhost/tra-cuu/{code}" in notice.text
