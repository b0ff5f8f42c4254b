"""Bad input gets a clear JSON error and changes nothing; no input makes a 500."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support import EXAMPLE


def count_receipts(app) -> int:
    from receipts.extensions import db
    from receipts.store.models import Receipt

    with app.app_context():
        return db.session.query(Receipt).count()


def assert_error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    body = response.get_json()
    assert set(body) == {"error"}
    assert body["error"]["message"]
    if code:
        assert body["error"]["code"] == code
    return body["error"]


@pytest.mark.parametrize(
    "raw", [b"", b"{", b"[]", b"null", b"42", b'"x"', b"\xff\xfe", b'{"a": NaN}', b"[" * 5000 + b"]" * 5000]
)
def test_malformed_bodies_get_400(app, client, auth, raw):
    response = client.post("/api/v1/receipts", data=raw, headers={**auth, "Content-Type": "application/json"})
    assert_error(response, 400, "malformed_body")
    assert count_receipts(app) == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"applicant": {"name": ""}}, "applicant.name"),
        ({"applicant": {"name": "   "}}, "applicant.name"),
        ({"applicant": {"name": "An", "phone": "abc"}}, "applicant.phone"),
        ({"applicant": {"name": "An", "email": "not-an-email"}}, "applicant.email"),
        ({"applicant": {"name": "A\x00n"}}, "applicant.name"),
        ({"applicant": {"name": "x" * 201}}, "applicant.name"),
        ({"applicant": "Phan"}, "applicant"),
        ({"sets": 0}, "sets"),
        ({"sets": "2"}, "sets"),
        ({"sets": 1.5}, "sets"),
        ({"received_at": "25/11/2020"}, "received_at"),
        ({"received_at": 1606295990}, "received_at"),
        ({"delivery": "drone"}, "delivery"),
        ({"documents": [{"name": ""}]}, "documents.0.name"),
        ({"documents": [{"name": "Đơn", "copies": 0}]}, "documents.0.copies"),
        ({"documents": "Đơn"}, "documents"),
        ({"agency_code": "??"}, "agency_code"),
    ],
)
def test_invalid_values_get_422_naming_the_field(app, client, auth, change, field):
    response = client.post("/api/v1/receipts", json={**EXAMPLE, **change}, headers=auth)
    error = assert_error(response, 422, "invalid_values")
    assert field in error["fields"], error
    assert count_receipts(app) == 0


def test_missing_required_fields_are_each_named(client, auth):
    error = assert_error(client.post("/api/v1/receipts", json={}, headers=auth), 422)
    assert {"agency_code", "procedure_code", "applicant"} <= set(error["fields"])


def test_an_unknown_agency_or_procedure_is_422_and_named(app, client, auth):
    error = assert_error(
        client.post("/api/v1/receipts", json={**EXAMPLE, "agency_code": "000.00.99.H99"}, headers=auth), 422
    )
    assert error["code"] == "unknown_agency" and "agency_code" in error["fields"]
    body = {**EXAMPLE, "procedure_code": "1.999999.000.00.00.H15"}
    error = assert_error(client.post("/api/v1/receipts", json=body, headers=auth), 422)
    assert error["code"] == "unknown_procedure" and "procedure_code" in error["fields"]
    assert count_receipts(app) == 0


def test_a_body_over_the_limit_gets_413(client, auth):
    body = {**EXAMPLE, "note": "x" * 100_000}
    assert_error(client.post("/api/v1/receipts", json=body, headers=auth), 413, "too_large")


def test_unknown_api_paths_and_methods_answer_json(client, auth):
    assert_error(client.get("/api/v1/nothing-here"), 404, "not_found")
    assert_error(client.delete("/api/v1/receipts", headers=auth), 405, "method_not_allowed")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4),
    max_leaves=20,
)
FIELDS = st.fixed_dictionaries(
    {},
    optional={
        "agency_code": JSON_VALUES | st.just("000.00.04.H15"),
        "procedure_code": JSON_VALUES | st.just("1.000028.000.00.00.H15"),
        "applicant": JSON_VALUES
        | st.fixed_dictionaries({"name": JSON_VALUES}, optional={"phone": JSON_VALUES}),
        "documents": JSON_VALUES,
        "sets": JSON_VALUES,
        "received_at": JSON_VALUES | st.datetimes().map(lambda d: d.isoformat()),
        "delivery": JSON_VALUES,
    },
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=FIELDS)
def test_no_body_ever_makes_a_500(client, auth, body):
    response = client.post(
        "/api/v1/receipts", data=json.dumps(body), headers={**auth, "Content-Type": "application/json"}
    )
    assert response.status_code in {201, 400, 422}, response.get_data(as_text=True)
    assert response.is_json


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(path=st.text(max_size=60))
def test_no_path_ever_makes_a_500(client, auth, path):
    from urllib.parse import quote

    for url in (
        f"/r/{quote(path, safe='')}",
        f"/api/v1/receipts/{quote(path, safe='')}",
        f"/api/v1/dossiers/{quote(path, safe='')}",
    ):
        assert client.get(url, headers=auth).status_code < 500


def test_a_database_that_does_not_answer_gives_503_not_500():
    from receipts import create_app
    from tests.support import base_config

    app = create_app(base_config("postgresql+psycopg://postgres@127.0.0.1:9/nowhere?connect_timeout=2"))
    client = app.test_client()
    assert client.get("/healthz").status_code == 503
    response = client.get("/api/v1/dossiers/000.00.04.H15-201125-0001")
    assert response.status_code == 503
    assert response.get_json()["error"]["code"] == "unavailable"
    assert client.get("/thu-tuc").status_code == 503


def test_a_revoked_dossier_takes_no_more_events(client, auth, issue):
    code = issue()["code"]
    assert client.post(f"/api/v1/receipts/{code}/revoke", json={}, headers=auth).status_code == 200
    response = client.post(f"/api/v1/dossiers/{code}/events", json={"status": "in_progress"}, headers=auth)
    assert response.status_code == 409
