"""Extensions of a late dossier's appointment (Mẫu 04): on the working-day calendar, history kept."""

from __future__ import annotations

from datetime import datetime

import pytest

from receipts.domain.localtime import LOCAL
from tests.support import local_path, make_key, on_both_backends

# Ten working days from Friday 16 August 2024, 09:00: Friday 30 August, 09:00. Then come the
# weekend and Quốc khánh (Monday 2 and Tuesday 3 September 2024).
RECEIVED = "2024-08-16T09:00:00+07:00"
DUE = "2024-08-30T09:00:00+07:00"
LATE = datetime(2024, 8, 30, 10, 0, tzinfo=LOCAL)
REASON = "Chờ ý kiến của cơ quan phối hợp"


@pytest.fixture
def late_code(issue, clock):
    clock.now = datetime(2024, 8, 16, 9, 0, tzinfo=LOCAL)
    body = issue(received_at=RECEIVED)
    assert body["due_at"] == DUE
    clock.now = LATE
    return body["code"]


def extend(client, auth, code, **body):
    return client.post(f"/api/v1/dossiers/{code}/extensions", json=body, headers=auth)


@on_both_backends
def test_working_days_count_on_the_calendar_across_the_weekend_and_quoc_khanh(client, auth, late_code):
    response = extend(client, auth, late_code, reason=REASON, working_days=1)
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert body["due_at"] == "2024-09-04T10:00:00+07:00"
    assert body["due_text"] == "Sáng ngày 04/09/2024"
    assert body["overdue"] is False
    assert "/mau/" in body["form_pdf_url"]
    assert client.get(f"/api/v1/dossiers/{late_code}").get_json()["due_at"] == "2024-09-04T10:00:00+07:00"


@on_both_backends
def test_the_new_appointment_binds_from_then_on_and_the_history_is_kept(client, auth, late_code, clock):
    extend(client, auth, late_code, reason=REASON, working_days=1)
    clock.now = datetime(2024, 9, 4, 10, 0, 1, tzinfo=LOCAL)
    assert client.get(f"/api/v1/dossiers/{late_code}").get_json()["overdue"] is True
    second = extend(client, auth, late_code, reason="Cần thêm ý kiến", new_due_at="2024-09-09T14:00:00+07:00")
    assert second.status_code == 200, second.get_json()
    assert second.get_json()["due_at"] == "2024-09-09T14:00:00+07:00"
    receipt = client.get(f"/api/v1/receipts/{late_code}", headers=auth).get_json()
    assert receipt["due_at"] == DUE, "the receipt as printed keeps its appointment"
    page = client.get(local_path(receipt["verify_url"])).get_data(as_text=True)
    assert "Hẹn trả ban đầu: Sáng ngày 30/08/2024" in page
    assert "Sáng ngày 04/09/2024" in page and "Chiều ngày 09/09/2024" in page
    assert REASON in page and "Cần thêm ý kiến" in page


def test_a_reissue_after_an_extension_keeps_the_new_appointment(client, auth, late_code):
    extend(client, auth, late_code, reason=REASON, working_days=3)
    client.post(f"/api/v1/receipts/{late_code}/reissue", json={"officer_name": "Trần Thị B"}, headers=auth)
    assert client.get(f"/api/v1/dossiers/{late_code}").get_json()["due_at"] == "2024-09-06T10:00:00+07:00"


def test_one_working_day_before_the_appointment_is_late_enough(client, auth, late_code, clock):
    clock.now = datetime(2024, 8, 29, 9, 0, tzinfo=LOCAL)
    response = extend(client, auth, late_code, reason=REASON, working_days=2)
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["due_at"] == "2024-09-05T09:00:00+07:00"


def _unchanged(client, code):
    status = client.get(f"/api/v1/dossiers/{code}").get_json()
    assert status["due_at"] == DUE
    return status


@on_both_backends
def test_a_dossier_not_late_yet_is_409_and_nothing_changes(client, auth, late_code, clock):
    clock.now = datetime(2024, 8, 28, 9, 0, tzinfo=LOCAL)
    response = extend(client, auth, late_code, reason=REASON, working_days=2)
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "not_late"
    _unchanged(client, late_code)


@pytest.mark.parametrize("status", ["result_ready", "rejected", "withdrawn"])
def test_a_finished_dossier_is_409_and_nothing_changes(client, auth, late_code, status):
    if status == "result_ready":
        client.post(f"/api/v1/dossiers/{late_code}/events", json={"status": "in_progress"}, headers=auth)
    client.post(f"/api/v1/dossiers/{late_code}/events", json={"status": status}, headers=auth)
    response = extend(client, auth, late_code, reason=REASON, working_days=2)
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "dossier_closed"
    _unchanged(client, late_code)


def test_a_revoked_dossier_is_409_and_nothing_changes(client, auth, late_code):
    client.post(f"/api/v1/receipts/{late_code}/revoke", json={"reason": "Nhầm"}, headers=auth)
    response = extend(client, auth, late_code, reason=REASON, working_days=2)
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "dossier_closed"
    _unchanged(client, late_code)


@on_both_backends
@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"working_days": 2}, "reason"),
        ({"reason": "", "working_days": 2}, "reason"),
        ({"reason": REASON}, "working_days"),
        ({"reason": REASON, "working_days": 2, "new_due_at": "2024-09-09T09:00:00+07:00"}, "working_days"),
        ({"reason": REASON, "working_days": 0}, "working_days"),
        ({"reason": REASON, "working_days": 366}, "working_days"),
        ({"reason": REASON, "working_days": "2"}, "working_days"),
        ({"reason": REASON, "new_due_at": "mai"}, "new_due_at"),
        ({"reason": REASON, "new_due_at": "2024-08-30T08:00:00+07:00"}, "new_due_at"),
        ({"reason": REASON, "new_due_at": "2024-09-01T09:00:00+07:00"}, "new_due_at"),
        ({"reason": REASON, "new_due_at": "2024-09-03T09:00:00+07:00"}, "new_due_at"),
        ({"reason": REASON, "new_due_at": "2024-09-04T22:00:00+07:00"}, "new_due_at"),
    ],
)
def test_bad_extension_bodies_are_422_and_change_nothing(client, auth, late_code, body, field):
    response = extend(client, auth, late_code, **body)
    assert response.status_code == 422, response.get_json()
    assert field in response.get_json()["error"]["fields"]
    assert len(_unchanged(client, late_code)["history"]) == 1


def test_a_malformed_extension_body_is_400_and_unknown_dossiers_404(client, auth, late_code):
    headers = {**auth, "Content-Type": "application/json"}
    response = client.post(f"/api/v1/dossiers/{late_code}/extensions", data=b"[1,", headers=headers)
    assert response.status_code == 400
    assert extend(client, auth, "000.00.04.H15-240816-9999", reason=REASON, working_days=1).status_code == 404
    _unchanged(client, late_code)


def test_extensions_need_the_update_scope(app, client, late_code):
    headers = {"X-API-Key": make_key(app, "issue")}
    body = {"reason": REASON, "working_days": 1}
    response = client.post(f"/api/v1/dossiers/{late_code}/extensions", json=body, headers=headers)
    assert response.status_code == 403
