"""API keys bound to one agency, listed, revoked, and their last use recorded."""

from __future__ import annotations

import re

import pytest

from tests.support import EXAMPLE, add_agency, on_both_backends

AGENCY = "000.00.04.H15"
OTHER = "000.00.05.H15"


def create_key(runner, name: str, *args: str) -> str:
    result = runner.invoke(args=["api-key", "create", name, "--scope", "issue", "--scope", "update", *args])
    assert result.exit_code == 0, result.output
    return result.output.strip().splitlines()[-1]


def bearer(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def keys(app, runner):
    """An unbound key, a key of the demo agency and a key of another agency."""
    add_agency(app, OTHER)
    return {
        "all": bearer(create_key(runner, "back-office")),
        AGENCY: bearer(create_key(runner, "quay-tinh", "--agency", AGENCY)),
        OTHER: bearer(create_key(runner, "quay-khac", "--agency", OTHER.lower())),
    }


def issue_for(client, headers, agency: str):
    return client.post("/api/v1/receipts", json={**EXAMPLE, "agency_code": agency}, headers=headers)


@on_both_backends
def test_an_agency_key_issues_only_for_its_agency(client, keys):
    assert issue_for(client, keys[AGENCY], AGENCY).status_code == 201
    refused = issue_for(client, keys[AGENCY], OTHER)
    assert refused.status_code == 403
    assert refused.get_json()["error"]["code"] == "forbidden"
    assert issue_for(client, keys[OTHER], OTHER).status_code == 201
    assert issue_for(client, keys["all"], AGENCY).status_code == 201
    assert issue_for(client, keys["all"], OTHER).status_code == 201


@on_both_backends
def test_another_agencys_receipt_is_unknown_to_an_agency_key(client, keys):
    code = issue_for(client, keys["all"], AGENCY).get_json()["code"]
    own, other = keys[AGENCY], keys[OTHER]
    for method, path, body in [
        ("get", f"/api/v1/receipts/{code}", None),
        ("post", f"/api/v1/receipts/{code}/reissue", {"sets": 2}),
        ("post", f"/api/v1/receipts/{code}/revoke", {"reason": "thử"}),
        ("post", f"/api/v1/dossiers/{code}/events", {"status": "in_progress"}),
    ]:
        response = getattr(client, method)(path, json=body, headers=other)
        assert response.status_code == 404, path
        assert response.get_json()["error"]["code"] == "not_found"
    receipt = client.get(f"/api/v1/receipts/{code}", headers=own).get_json()
    assert receipt["version"] == 1 and receipt["status"] == "received"
    for path, body in [
        (f"/api/v1/dossiers/{code}/events", {"status": "in_progress"}),
        (f"/api/v1/receipts/{code}/reissue", {"sets": 2}),
        (f"/api/v1/receipts/{code}/revoke", {"reason": "thử"}),
    ]:
        assert client.post(path, json=body, headers=own).status_code == 200, path


def test_an_agency_key_holder_reads_other_agencies_statuses_only_as_citizens_do(make_app, client, keys):
    code = issue_for(client, keys["all"], AGENCY).get_json()["code"]
    limited = make_app(RATELIMIT_ENABLED=True).test_client()
    own = [limited.get(f"/api/v1/dossiers/{code}", headers=keys[AGENCY]).status_code for _ in range(70)]
    assert set(own) == {200}, "its own agency's dossiers: not limited by address"
    other = [limited.get(f"/api/v1/dossiers/{code}", headers=keys[OTHER]).status_code for _ in range(70)]
    assert other[0] == 200 and other[-1] == 429


def test_a_key_for_an_unknown_agency_is_refused(runner):
    result = runner.invoke(args=["api-key", "create", "x", "--scope", "issue", "--agency", "000.00.99.H99"])
    assert result.exit_code != 0
    assert len(result.stderr.strip().splitlines()) == 1


def listed(runner) -> dict[str, dict[str, str]]:
    """The rows of `api-key list` by name, as {column: value}; columns are apart by two spaces or more."""
    result = runner.invoke(args=["api-key", "list"])
    assert result.exit_code == 0, result.output
    header, *lines = [re.split(r"\s{2,}", line.strip()) for line in result.output.strip().splitlines()]
    return {row[0]: dict(zip(header, row, strict=True)) for row in lines}


def test_list_shows_each_key_with_its_agency_use_and_revocation(app, client, runner, keys, clock):
    assert issue_for(client, keys[AGENCY], AGENCY).status_code == 201
    assert runner.invoke(args=["api-key", "revoke", "quay-khac"]).exit_code == 0

    rows = listed(runner)

    assert set(rows) == {"back-office", "quay-tinh", "quay-khac"}
    assert list(rows["quay-tinh"]) == ["name", "scopes", "agency", "created", "last used", "revoked"]
    assert rows["quay-tinh"]["scopes"] == "issue,update" and rows["quay-tinh"]["agency"] == AGENCY
    assert rows["quay-tinh"]["last used"] == "2020-11-25 16:19", "the frozen clock's time, local"
    assert rows["quay-tinh"]["revoked"] == "-"
    assert rows["back-office"]["agency"] == "all" and rows["back-office"]["last used"] == "never"
    assert rows["quay-khac"]["agency"] == OTHER and rows["quay-khac"]["revoked"] != "-"
    assert "rk_" not in runner.invoke(args=["api-key", "list"]).output, "no key is ever shown again"


def test_a_revoked_key_answers_401(client, runner, keys):
    assert issue_for(client, keys[OTHER], OTHER).status_code == 201
    result = runner.invoke(args=["api-key", "revoke", "quay-khac"])
    assert result.exit_code == 0, result.output
    response = issue_for(client, keys[OTHER], OTHER)
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "unauthorized"
    assert issue_for(client, keys[AGENCY], AGENCY).status_code == 201, "other keys still work"
    again = runner.invoke(args=["api-key", "revoke", "quay-khac"])
    assert again.exit_code != 0 and len(again.stderr.strip().splitlines()) == 1
    assert runner.invoke(args=["api-key", "revoke", "khong-co"]).exit_code != 0


def test_last_use_is_written_at_most_once_a_minute(app, client, runner, keys, clock):
    path = "/api/v1/receipts/none-such"
    assert client.get(path, headers=keys[AGENCY]).status_code == 404
    assert listed(runner)["quay-tinh"]["last used"] == "2020-11-25 16:19"
    clock.advance(seconds=59)  # 16:20:49
    client.get(path, headers=keys[AGENCY])
    assert listed(runner)["quay-tinh"]["last used"] == "2020-11-25 16:19", "not rewritten within a minute"
    clock.advance(seconds=2)
    client.get(path, headers=keys[AGENCY])
    assert listed(runner)["quay-tinh"]["last used"] == "2020-11-25 16:20"


def test_the_openapi_document_says_what_an_agency_key_may_do(client):
    schemes = client.get("/api/v1/openapi.json").get_json()["components"]["securitySchemes"]
    for scheme in schemes.values():
        assert "--agency" in scheme["description"] and "404" in scheme["description"]
