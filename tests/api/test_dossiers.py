"""The redacted status that anyone (the Zalo bot) can read, and status events from the back office."""

from __future__ import annotations

import pytest

from tests.support import make_key

STATUS_KEYS = {
    "code", "status", "status_text", "dvc_status", "received_at", "due_at",
    "due_text", "overdue", "procedure_name", "applicant",
}  # fmt: skip


def test_the_status_object_is_redacted(client, issue):
    code = issue()["code"]
    response = client.get(f"/api/v1/dossiers/{code}")
    body = response.get_json()
    assert response.status_code == 200
    assert STATUS_KEYS <= set(body)
    assert body["applicant"] == "P*** Q*** H***"
    assert (body["status"], body["dvc_status"], body["status_text"]) == ("received", 2, "Được tiếp nhận")
    text = response.get_data(as_text=True)
    for secret in ["Phan Quốc Hậu", "0946911303", "Lê Duẩn", "VNPT"]:
        assert secret not in text


def test_a_dossier_past_its_appointment_is_overdue_until_finished(client, auth, issue):
    code = issue()["code"]
    assert client.get(f"/api/v1/dossiers/{code}").get_json()["overdue"] is True
    for status in ["in_progress", "result_ready"]:
        client.post(f"/api/v1/dossiers/{code}/events", json={"status": status}, headers=auth)
    body = client.get(f"/api/v1/dossiers/{code}").get_json()
    assert (body["status"], body["dvc_status"], body["overdue"]) == ("result_ready", 9, False)


def test_a_transition_the_life_cycle_forbids_is_409(client, auth, issue):
    code = issue()["code"]
    assert (
        client.post(f"/api/v1/dossiers/{code}/events", json={"status": "returned"}, headers=auth).status_code
        == 409
    )
    assert (
        client.post(f"/api/v1/dossiers/{code}/events", json={"status": "rejected"}, headers=auth).status_code
        == 200
    )
    response = client.post(f"/api/v1/dossiers/{code}/events", json={"status": "in_progress"}, headers=auth)
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "bad_transition"
    assert client.get(f"/api/v1/dossiers/{code}").get_json()["status"] == "rejected"


def test_events_need_the_update_scope(app, client, issue):
    code = issue()["code"]
    key = make_key(app, "issue")
    response = client.post(
        f"/api/v1/dossiers/{code}/events", json={"status": "in_progress"}, headers={"X-API-Key": key}
    )
    assert response.status_code == 403


def test_an_unknown_status_is_422(client, auth, issue):
    code = issue()["code"]
    response = client.post(f"/api/v1/dossiers/{code}/events", json={"status": "done"}, headers=auth)
    assert response.status_code == 422
    assert "status" in response.get_json()["error"]["fields"]


def test_public_lookups_are_rate_limited(make_app, issue):
    code = issue()["code"]
    limited = make_app(RATELIMIT_ENABLED=True).test_client()
    statuses = [limited.get(f"/api/v1/dossiers/{code}").status_code for _ in range(70)]
    assert statuses[0] == 200
    assert statuses[-1] == 429
    assert limited.get(f"/api/v1/dossiers/{code}").get_json()["error"]["code"] == "rate_limited"


def test_key_holders_such_as_the_bot_are_not_limited_by_address(make_app, issue, api_key):
    code = issue()["code"]
    limited = make_app(RATELIMIT_ENABLED=True).test_client()
    statuses = {
        limited.get(f"/api/v1/dossiers/{code}", headers={"X-API-Key": api_key}).status_code for _ in range(70)
    }
    assert statuses == {200}
    bad = {
        limited.get(f"/api/v1/dossiers/{code}", headers={"X-API-Key": "rk_nope"}).status_code
        for _ in range(70)
    }
    assert 429 in bad


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("giay phep lai xe", "1.002835.000.00.00.H15"),
        ("HỘ TỊCH", "1.004088.000.00.00.H15"),
        ("ĐƯỜNG BỘ xe quá tải", "1.000028.000.00.00.H15"),
    ],
)
def test_procedures_are_found_with_or_without_diacritics(client, q, expected):
    body = client.get("/api/v1/procedures", query_string={"q": q}).get_json()
    assert [item["code"] for item in body["items"]] == [expected] or expected in [
        i["code"] for i in body["items"]
    ]
    assert body["total"] >= 1


def test_procedures_filter_by_level_and_reject_bad_pages(client):
    body = client.get("/api/v1/procedures", query_string={"level": "commune"}).get_json()
    assert [item["code"] for item in body["items"]] == ["1.004088.000.00.00.H15"]
    assert client.get("/api/v1/procedures", query_string={"page": "x"}).status_code == 422
    assert client.get("/api/v1/procedures", query_string={"level": "planet"}).status_code == 422


def test_openapi_describes_the_request_schemas(client):
    document = client.get("/api/v1/openapi.json").get_json()
    assert document["openapi"].startswith("3.")
    issue = document["components"]["schemas"]["IssueRequest"]
    assert {"agency_code", "procedure_code", "applicant"} <= set(issue["required"])
    assert "/api/v1/receipts" in document["paths"]


def test_healthz_answers_ok(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}
