"""Every field of every request body in the OpenAPI document, at the edges of its type: a receipt or
a clear JSON error, never a 500, and nothing changed when refused. Routes added later are covered
as soon as their body schema is in the document."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from receipts.schemas import examples
from receipts.schemas.openapi import document
from tests.fuzzing import (
    INTEGERS,
    JSON_VALUES,
    MOMENTS,
    NUMBERS,
    TEXTS,
    assert_no_server_error,
    field_value,
    fuzz_settings,
    row_counts,
)


def _resolve(schema: dict) -> dict:
    components = document()["components"]["schemas"]
    while "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    if "anyOf" in schema:
        schema = _resolve(next(s for s in schema["anyOf"] if s.get("type") != "null"))
    return schema


def _edges(name: str, schema: dict) -> st.SearchStrategy:
    """Values at the edges of a property's type, recursing into objects and arrays."""
    schema = _resolve(schema)
    kind = schema.get("type")
    if kind == "object" and "properties" in schema:
        return _bodies(schema)
    if kind == "array":
        return st.lists(_edges(name, schema.get("items", {})), max_size=4) | st.lists(
            st.just({}), min_size=101, max_size=101
        )
    if kind == "integer" or name in {"amount", "fee", "copies", "sets", "working_days"}:
        return INTEGERS | NUMBERS
    if name == "at" or name.endswith("_at") or "date" in name:
        return MOMENTS
    if "enum" in schema:
        return st.sampled_from(schema["enum"]) | TEXTS
    return TEXTS


def _bodies(schema: dict) -> st.SearchStrategy:
    """The example body (or an empty one) with one to three properties replaced by edge values."""
    schema = _resolve(schema)
    properties = schema.get("properties", {})
    base = (schema.get("examples") or [{}])[0]
    if not properties:
        return st.just(base)
    names = st.lists(st.sampled_from(sorted(properties)), min_size=1, max_size=3, unique=True)

    def build(draw_names: list[str], values: list) -> dict:
        return {**base, **dict(zip(draw_names, values, strict=True))}

    return names.flatmap(
        lambda chosen: st.tuples(*(field_value(_edges(n, properties[n])) for n in chosen)).map(
            lambda values: build(chosen, list(values))
        )
    )


def _operations() -> list[tuple[str, dict]]:
    found = []
    for path, item in document()["paths"].items():
        for method, op in item.items():
            body = op.get("requestBody", {}).get("content", {}).get("application/json")
            if method == "post" and body:
                found.append((path.replace("{code}", examples.DOSSIER), body["schema"]))
    return found


OPERATIONS = _operations()
REQUESTS = st.sampled_from(OPERATIONS).flatmap(
    lambda op: st.tuples(st.just(op[0]), _bodies(op[1]) | JSON_VALUES)
)


def _state(app, client, auth) -> tuple:
    return row_counts(app), client.get(f"/api/v1/receipts/{examples.DOSSIER}", headers=auth).get_json()


def assert_clear(response) -> None:
    """A documented JSON answer: 2xx, or an error object that says what is wrong; never 5xx."""
    assert_no_server_error(response)
    assert response.mimetype == "application/json"
    if response.status_code >= 400:
        error = response.get_json()["error"]
        assert error["code"] and error["message"]
        if error["code"] == "invalid_values":
            assert error["fields"], error


@pytest.fixture
def issued(client, auth):
    assert client.post("/api/v1/receipts", json=examples.ISSUE, headers=auth).status_code == 201


@pytest.mark.fuzz
@fuzz_settings(300)
@given(request=REQUESTS)
def test_any_body_at_the_edges_is_done_or_refused_clearly_and_changes_nothing(
    app, client, auth, issued, request
):
    path, body = request
    before = _state(app, client, auth)
    raw = json.dumps(body, ensure_ascii=True)
    response = client.post(path, data=raw, content_type="application/json", headers=auth)
    assert_clear(response)
    if response.status_code >= 400:
        assert _state(app, client, auth) == before, (path, raw[:300])


def test_every_body_of_the_document_is_fuzzed():
    assert len(OPERATIONS) >= 4
