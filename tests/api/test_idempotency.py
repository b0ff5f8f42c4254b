"""A back office that retries after a lost answer gets its first receipt back, not a second one."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.support import EXAMPLE, FIXED_NOW, base_config, make_key, on_both_backends, run_together


def post(client, auth, key: str | None, body=EXAMPLE):
    headers = {**auth, **({"Idempotency-Key": key} if key is not None else {})}
    return client.post("/api/v1/receipts", json=body, headers=headers)


def test_a_retried_request_gets_the_same_receipt_and_uses_no_number(client, auth):
    first = post(client, auth, "order-42")
    again = post(client, auth, "order-42")
    assert first.status_code == again.status_code == 201
    assert again.get_json() == first.get_json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first.headers
    assert post(client, auth, None).get_json()["code"].endswith("-0002")


def test_the_same_key_for_another_request_is_409(client, auth):
    assert post(client, auth, "order-43").status_code == 201
    changed = {**EXAMPLE, "applicant": {**EXAMPLE["applicant"], "name": "Người Khác"}}
    response = post(client, auth, "order-43", changed)
    assert response.status_code == 409
    assert response.get_json()["error"]["code"] == "idempotency_conflict"


def test_keys_of_different_clients_never_collide(app, client, auth):
    other = {"Authorization": f"Bearer {make_key(app, 'issue')}"}
    assert post(client, auth, "same").get_json()["code"] != post(client, other, "same").get_json()["code"]


@pytest.mark.parametrize("key", ["", "x" * 201, "khóa-có-dấu"])
def test_a_malformed_key_is_refused_and_changes_nothing(client, auth, key):
    response = post(client, auth, key)
    assert response.status_code == 400
    assert post(client, auth, None).get_json()["code"].endswith("-0001")


def _issue_with_key(url: str, key: str, start, out) -> None:
    from receipts import create_app
    from receipts.domain.commands import IssueCommand
    from receipts.domain.receipt import Applicant
    from receipts.services import receipts

    app = create_app(base_config(url))
    cmd = IssueCommand(
        agency_code="000.00.04.H15",
        procedure_code="1.000028.000.00.00.H15",
        applicant=Applicant(name="Nguyễn Văn Bình"),
        received_at=datetime.fromisoformat(EXAMPLE["received_at"]),
    )
    with app.app_context():
        start.wait(30)
        stored, replayed = receipts.issue_once(cmd, FIXED_NOW, receipts.Idempotency(key, "same-body"))
        out.put((stored.code, replayed))


@on_both_backends
def test_concurrent_retries_issue_exactly_one_receipt(app, database_url, issue):
    results = run_together(_issue_with_key, (database_url, "k" * 64), 4)
    assert len({code for code, _ in results}) == 1
    assert sorted(replayed for _, replayed in results) == [False, True, True, True]
    assert issue()["code"].endswith("-0002")
