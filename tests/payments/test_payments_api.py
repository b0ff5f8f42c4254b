"""Paying a dossier's fee: the status object's fee, paid and VietQR, the back office's payments API,
and the bank's signed transfer notices, each recorded exactly once."""

from __future__ import annotations

import hashlib
import hmac
import json
import multiprocessing

import pytest

from tests.support import base_config, make_key, on_both_backends, run_together

SECRET = "webhook-secret-0123456789"
FEE_PROCEDURE = "1.002835.000.00.00.H15"  # the demo's fee: 135.000 đồng
FREE_PROCEDURE = "1.000028.000.00.00.H15"


@pytest.fixture
def app(make_app, database_url):
    """The app with the payment webhook's secret, on the demo data (whose agency has an account)."""
    from tests.support import load_demo

    made = make_app(PAYMENT_WEBHOOK_SECRET=SECRET)
    if database_url.startswith("postgresql"):
        from tests.conftest import _truncate_postgres

        _truncate_postgres(made)
    load_demo(made)
    return made


def signed(body: dict, secret: str = SECRET) -> tuple[bytes, dict[str, str]]:
    """Return a notice's raw bytes and its X-Signature header."""
    raw = json.dumps(body, ensure_ascii=False).encode()
    digest = hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
    return raw, {"X-Signature": f"sha256={digest}", "Content-Type": "application/json"}


def notice(code_text: str, amount: int = 135000, transaction_id: str = "FT2033012345") -> dict:
    """Return a bank's notice of a transfer whose description holds `code_text`."""
    return {
        "transaction_id": transaction_id,
        "amount": amount,
        "description": f"CT DEN:0123456789 MBVCB.{code_text} thanh toan phi",
        "paid_at": "2020-11-26T09:15:00+07:00",
    }


def status_of(client, code):
    return client.get(f"/api/v1/dossiers/{code}").get_json()


@on_both_backends
def test_a_dossier_owes_its_procedures_fee_and_carries_the_vietqr_until_paid(client, auth, issue):
    code = issue(procedure_code=FEE_PROCEDURE)["code"]
    body = status_of(client, code)
    assert (body["fee"], body["paid"]) == (135000, 0)
    assert "54061350005802VN" in body["payment_qr"]
    assert f"0825{code}" in body["payment_qr"]
    response = client.post(
        f"/api/v1/dossiers/{code}/payments",
        json={"amount": 135000, "transaction_id": "FT1", "paid_at": "2020-11-26T08:00:00+07:00"},
        headers=auth,
    )
    assert response.status_code == 200
    paid = response.get_json()
    assert (paid["fee"], paid["paid"], "payment_qr" in paid) == (135000, 135000, False)
    assert "payment_qr" not in status_of(client, code)


def test_a_free_procedure_owes_nothing_and_has_no_qr(client, issue):
    body = status_of(client, issue(procedure_code=FREE_PROCEDURE)["code"])
    assert (body["fee"], body["paid"], "payment_qr" in body) == (0, 0, False)


def test_a_revoked_receipt_carries_no_payment_qr(client, auth, issue):
    code = issue(procedure_code=FEE_PROCEDURE)["code"]
    client.post(f"/api/v1/receipts/{code}/revoke", json={}, headers=auth)
    body = status_of(client, code)
    assert (body["fee"], "payment_qr" in body) == (135000, False)


@pytest.mark.parametrize("status", ["rejected", "withdrawn"])
def test_a_rejected_or_withdrawn_dossier_asks_for_no_payment(client, auth, issue, status):
    code = issue(procedure_code=FEE_PROCEDURE)["code"]
    assert (
        client.post(f"/api/v1/dossiers/{code}/events", json={"status": status}, headers=auth).status_code
        == 200
    )
    assert "payment_qr" not in status_of(client, code)


@on_both_backends
def test_a_payment_replayed_with_the_same_transaction_id_is_recorded_once(client, auth, issue):
    code = issue(procedure_code=FEE_PROCEDURE)["code"]
    payment = {"amount": 50000, "transaction_id": "FT-REPLAY"}
    first = client.post(f"/api/v1/dossiers/{code}/payments", json=payment, headers=auth)
    again = client.post(f"/api/v1/dossiers/{code}/payments", json=payment, headers=auth)
    assert first.get_json() == again.get_json()
    assert again.get_json()["paid"] == 50000
    # What is left to pay is what the QR now asks for.
    assert "540585000" in again.get_json()["payment_qr"]
    other = client.post(f"/api/v1/dossiers/{code}/payments", json={**payment, "amount": 60000}, headers=auth)
    assert other.status_code == 409
    assert status_of(client, code)["paid"] == 50000


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"amount": 135000.5, "transaction_id": "FT1"}, "amount"),
        ({"amount": "135000", "transaction_id": "FT1"}, "amount"),
        ({"amount": 0, "transaction_id": "FT1"}, "amount"),
        ({"amount": 135000}, "transaction_id"),
        ({"amount": 135000, "transaction_id": "FT 1\n"}, "transaction_id"),
        ({"amount": 135000, "transaction_id": "FT1", "paid_at": "hôm qua"}, "paid_at"),
    ],
)
def test_a_payment_in_anything_but_whole_dong_is_refused_and_changes_nothing(
    client, auth, issue, body, field
):
    code = issue(procedure_code=FEE_PROCEDURE)["code"]
    response = client.post(f"/api/v1/dossiers/{code}/payments", json=body, headers=auth)
    assert response.status_code == 422
    assert field in response.get_json()["error"]["fields"]
    assert status_of(client, code)["paid"] == 0


def test_payments_need_the_update_scope_and_a_known_dossier(app, client, auth, issue):
    code = issue(procedure_code=FEE_PROCEDURE)["code"]
    body = {"amount": 135000, "transaction_id": "FT1"}
    issue_only = {"X-API-Key": make_key(app, "issue")}
    assert client.post(f"/api/v1/dossiers/{code}/payments", json=body).status_code == 401
    assert client.post(f"/api/v1/dossiers/{code}/payments", json=body, headers=issue_only).status_code == 403
    unknown = "000.00.04.H15-201125-0999"
    assert client.post(f"/api/v1/dossiers/{unknown}/payments", json=body, headers=auth).status_code == 404


def test_an_awaiting_payment_event_sets_the_amount_owed(client, auth, issue):
    code = issue(procedure_code=FREE_PROCEDURE)["code"]
    event = {"status": "awaiting_payment", "amount": 250000, "reason": "Lệ phí trước bạ"}
    response = client.post(f"/api/v1/dossiers/{code}/events", json=event, headers=auth)
    assert response.status_code == 200
    body = response.get_json()
    assert (body["status"], body["fee"], body["paid"]) == ("awaiting_payment", 250000, 0)
    assert "5406250000" in body["payment_qr"]
    refused = client.post(
        f"/api/v1/dossiers/{code}/events", json={"status": "in_progress", "amount": 1.5}, headers=auth
    )
    assert refused.status_code == 422


@on_both_backends
def test_a_transfer_whose_description_the_bank_mangled_pays_the_dossier(client, issue):
    code = issue(procedure_code=FEE_PROCEDURE)["code"]
    mangled = code.replace(".", "").replace("-", " ").lower()  # "0000004h15 201125 0001"
    raw, headers = signed(notice(mangled))
    response = client.post("/payments/webhook", data=raw, headers=headers)
    assert response.status_code == 200
    assert response.get_json() == {"outcome": "matched", "code": code, "duplicate": False}
    assert (status_of(client, code)["paid"], "payment_qr" in status_of(client, code)) == (135000, False)


@on_both_backends
def test_a_replayed_notice_is_recorded_once(client, issue):
    code = issue(procedure_code=FEE_PROCEDURE)["code"]
    raw, headers = signed(notice(code))
    assert client.post("/payments/webhook", data=raw, headers=headers).get_json()["duplicate"] is False
    again = client.post("/payments/webhook", data=raw, headers=headers)
    assert again.status_code == 200
    assert again.get_json() == {"outcome": "matched", "code": code, "duplicate": True}
    assert status_of(client, code)["paid"] == 135000


def test_a_notice_with_a_bad_signature_is_refused_and_records_nothing(client, issue):
    code = issue(procedure_code=FEE_PROCEDURE)["code"]
    raw, headers = signed(notice(code), secret="not-the-secret")
    response = client.post("/payments/webhook", data=raw, headers=headers)
    assert response.status_code == 401
    assert response.get_json()["error"]["code"] == "bad_signature"
    good_raw, good = signed(notice(code))
    tampered = good_raw.replace(b"135000", b"135001")
    assert client.post("/payments/webhook", data=tampered, headers=good).status_code == 401
    assert client.post("/payments/webhook", data=good_raw).status_code == 401
    assert status_of(client, code)["paid"] == 0


def test_the_webhook_is_off_without_its_secret(make_app, database_url):
    other = make_app()
    raw, headers = signed(notice("000.00.04.H15-201125-0001"))
    response = other.test_client().post("/payments/webhook", data=raw, headers=headers)
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "webhook_off"


@on_both_backends
def test_an_amount_off_by_one_dong_is_kept_as_underpaid_or_overpaid(client, issue):
    under_code = issue(procedure_code=FEE_PROCEDURE)["code"]
    over_code = issue(procedure_code=FEE_PROCEDURE)["code"]
    raw, headers = signed(notice(under_code, 134999, "FT-UNDER"))
    assert client.post("/payments/webhook", data=raw, headers=headers).get_json()["outcome"] == "underpaid"
    raw, headers = signed(notice(over_code, 135001, "FT-OVER"))
    assert client.post("/payments/webhook", data=raw, headers=headers).get_json()["outcome"] == "overpaid"
    under = status_of(client, under_code)
    # One đồng is still owed, and the QR asks for exactly that.
    assert (under["paid"], under["fee"]) == (134999, 135000)
    assert "5303704540115802VN" in under["payment_qr"]
    assert (status_of(client, over_code)["paid"], "payment_qr" in status_of(client, over_code)) == (
        135001,
        False,
    )


@on_both_backends
def test_a_transfer_for_an_unknown_code_is_kept_unmatched(app, client):
    raw, headers = signed(notice("000.00.04.H15-201125-0999", transaction_id="FT-LOST"))
    response = client.post("/payments/webhook", data=raw, headers=headers)
    assert response.get_json() == {"outcome": "unmatched", "code": None, "duplicate": False}
    again = client.post("/payments/webhook", data=raw, headers=headers)
    assert again.get_json()["duplicate"] is True
    with app.app_context():
        from receipts.store import payments

        kept = payments.to_review(None)
    assert [(p.transaction_id, p.outcome, p.code) for p in kept] == [("FT-LOST", "unmatched", None)]


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"[]",
        b"{",
        b'{"transaction_id": "FT1"}',
        b'{"transaction_id": "FT1", "amount": 1.5,'
        b' "description": "x", "paid_at": "2020-11-26T09:15:00+07:00"}',
        "\xff".encode("latin-1"),
    ],
)
def test_a_signed_but_malformed_notice_is_refused_without_a_500(client, raw):
    digest = hmac.new(SECRET.encode(), raw, hashlib.sha256).hexdigest()
    response = client.post("/payments/webhook", data=raw, headers={"X-Signature": f"sha256={digest}"})
    assert response.status_code in {400, 422}
    assert "error" in response.get_json()


def _deliver(
    url: str, raw: bytes, headers: dict, start: multiprocessing.Event, out: multiprocessing.Queue
) -> None:
    from receipts import create_app

    app = create_app(base_config(url, PAYMENT_WEBHOOK_SECRET=SECRET))
    client = app.test_client()
    start.wait(30)
    response = client.post("/payments/webhook", data=raw, headers=headers)
    out.put((response.status_code, response.get_json()))


@on_both_backends
def test_four_processes_receiving_the_same_notice_record_one_payment(app, client, issue, database_url):
    code = issue(procedure_code=FEE_PROCEDURE)["code"]
    raw, headers = signed(notice(code, transaction_id="FT-RACE"))
    results = run_together(_deliver, (database_url, raw, headers), 4)
    assert [status_code for status_code, _ in results] == [200] * 4
    assert sorted(body["duplicate"] for _, body in results) == [False, True, True, True]
    assert {body["outcome"] for _, body in results} == {"matched"}
    assert status_of(client, code)["paid"] == 135000


def test_the_openapi_document_describes_payments_in_whole_dong(client):
    document = client.get("/api/v1/openapi.json").get_json()
    payment = document["components"]["schemas"]["PaymentRequest"]
    assert set(payment["required"]) == {"amount", "transaction_id"}
    assert payment["properties"]["amount"]["type"] == "integer"
    assert payment["properties"]["amount"]["minimum"] == 1
    event = document["components"]["schemas"]["EventRequest"]
    assert {"amount", "reason"} <= set(event["properties"])
    notice_schema = document["components"]["schemas"]["TransferNotice"]
    assert set(notice_schema["required"]) == {"transaction_id", "amount", "paid_at"}
    assert document["paths"]["/api/v1/dossiers/{code}/payments"]["post"]["x-scope"] == "update"
    webhook = document["paths"]["/payments/webhook"]["post"]
    assert webhook["parameters"][0]["name"] == "X-Signature"


def test_a_transaction_id_the_bank_already_reported_for_another_dossier_is_a_409(client, auth, issue):
    first = issue(procedure_code=FEE_PROCEDURE)["code"]
    second = issue(procedure_code=FEE_PROCEDURE)["code"]
    raw, headers = signed(notice(first, transaction_id="FT-SHARED"))
    assert client.post("/payments/webhook", data=raw, headers=headers).get_json()["outcome"] == "matched"
    again = {"amount": 135000, "transaction_id": "FT-SHARED"}
    assert client.post(f"/api/v1/dossiers/{first}/payments", json=again, headers=auth).status_code == 200
    response = client.post(f"/api/v1/dossiers/{second}/payments", json=again, headers=auth)
    assert response.status_code == 409
    assert response.get_json()["error"]["fields"] == {"transaction_id": "Đã dùng."}
    assert (status_of(client, first)["paid"], status_of(client, second)["paid"]) == (135000, 0)
