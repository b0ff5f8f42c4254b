"""Regressions found by the fuzzing: each value once broke the API or was refused though documented."""

from __future__ import annotations

import json

import pytest

from tests.support import EXAMPLE, on_both_backends

# The first and last moments Python can hold, at offsets that carry them past its range in
# Vietnam's time: converting them raised OverflowError, a 500.
EDGE_MOMENTS = [
    "0001-01-01T00:00:00+14:00",
    "0001-01-01T00:00:00+23:59",
    "9999-12-31T23:59:59-14:00",
    "9999-12-31T23:59:59.999999-23:59",
    "0001-01-01T00:00:00",
    "9999-12-31T23:59:59Z",
]


def _post(client, path, body, auth):
    return client.post(path, data=json.dumps(body), content_type="application/json", headers=auth)


@on_both_backends
@pytest.mark.parametrize("moment", EDGE_MOMENTS)
def test_a_time_at_the_edge_of_what_python_represents_is_refused_as_out_of_range(client, auth, issue, moment):
    code = issue()["code"]
    for path, body, field in [
        ("/api/v1/receipts", {**EXAMPLE, "received_at": moment}, "received_at"),
        (f"/api/v1/receipts/{code}/reissue", {"received_at": moment}, "received_at"),
        (f"/api/v1/dossiers/{code}/events", {"status": "in_progress", "at": moment}, "at"),
    ]:
        response = _post(client, path, body, auth)
        assert response.status_code == 422, (path, response.get_data(as_text=True))
        assert response.get_json()["error"]["fields"][field] == "Thời gian nằm ngoài khoảng cho phép."
    assert client.get(f"/api/v1/receipts/{code}", headers=auth).get_json()["version"] == 1


@on_both_backends
@pytest.mark.parametrize("text", ["Phan \ud800 Hậu", "\udfff", "a\udbff\udc00"[:2]])
def test_a_lone_surrogate_in_a_name_is_refused_with_its_own_message(client, auth, text):
    body = json.dumps({**EXAMPLE, "applicant": {"name": text}}, ensure_ascii=True)
    response = client.post("/api/v1/receipts", data=body, content_type="application/json", headers=auth)
    assert response.status_code == 422
    fields = response.get_json()["error"]["fields"]
    assert fields == {"applicant.name": "Có ký tự không hợp lệ (nửa cặp UTF-16)."}


def test_a_whole_number_written_with_a_fraction_counts_as_that_number(client, auth):
    # JSON Schema's integer includes 2.0; the document promises integers, so 2.0 is one.
    body = {**EXAMPLE, "sets": 2.0, "documents": [{"name": "Tờ khai", "copies": 3.0}]}
    response = _post(client, "/api/v1/receipts", body, auth)
    assert response.status_code == 201, response.get_json()
    full = client.get(f"/api/v1/receipts/{response.get_json()['code']}", headers=auth).get_json()
    assert (full["sets"], full["documents"][0]["copies"]) == (2, 3)
    refused = _post(client, "/api/v1/receipts", {**EXAMPLE, "sets": 2.5}, auth)
    assert refused.get_json()["error"]["fields"] == {"sets": "Phải là số nguyên."}


def test_a_length_limit_counts_the_text_as_sent_including_the_spaces_around_it(client, auth):
    # The document's maxLength is the whole rule: 30 characters of phone, spaces included.
    at_limit = _post(
        client,
        "/api/v1/receipts",
        {**EXAMPLE, "applicant": {"name": "A", "phone": " " * 20 + "0946911303"}},
        auth,
    )
    assert at_limit.status_code == 201
    over = _post(
        client,
        "/api/v1/receipts",
        {**EXAMPLE, "applicant": {"name": "A", "phone": " " * 21 + "0946911303"}},
        auth,
    )
    assert over.get_json()["error"]["fields"] == {"applicant.phone": "Quá dài."}


def test_a_code_with_a_letter_that_only_capitalises_to_ascii_is_not_a_code(client, auth):
    # "ı".upper() is "I": the dotless i would otherwise pass for an agency code's letter.
    response = _post(client, "/api/v1/receipts", {**EXAMPLE, "agency_code": "000.00.04.hı5"}, auth)
    assert response.get_json()["error"]["fields"] == {"agency_code": "Mã không đúng định dạng."}
