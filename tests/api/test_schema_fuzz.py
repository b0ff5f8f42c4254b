"""Schemathesis against /api/v1/openapi.json, in process: every operation of the document (routes
added later are covered once their schemas are in it), with a key, on the suite's database.

No answer is a 5xx, each has a documented status and matches its schema, what the schema allows is
accepted and what it forbids refused. The run is seeded and bounded, so it repeats exactly.
"""

from __future__ import annotations

import re

import jsonschema_rs
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode

from receipts.schemas import examples
from receipts.schemas.openapi import document

# A schema-valid body may still name a code the catalogue lacks or change nothing on the receipt:
# what the database holds, which no schema can say. Every other refusal of valid data is a fault.
DATA_DEPENDENT = {"unknown_agency", "unknown_procedure", "nothing_to_change"}
SEED, EXAMPLES, STATEFUL_RUNS = 11, 100, 30


@schemathesis.check
def valid_data_is_refused_only_for_what_the_database_holds(ctx, response, case):
    """A positive case answered 400/422 names a code the database lacks, or nothing else."""
    if case.meta is None or case.meta.generation.mode != GenerationMode.POSITIVE:
        return None
    if response.status_code in (400, 422):
        reason = response.json()["error"]["code"]
        assert reason in DATA_DEPENDENT, f"schema-valid request refused: {response.text[:300]}"
    return None


def _config(api_key: str) -> schemathesis.Config:
    codes = {
        "agencies": [examples.AGENCY],
        "procedures": [examples.PROCEDURE],
        "dossiers": [examples.DOSSIER],
    }
    return schemathesis.Config.from_dict(
        {
            "seed": SEED,
            "generation": {"max-examples": EXAMPLES, "database": "none"},
            "auth": {"openapi": {"bearer": {"bearer": api_key}, "apiKey": {"api_key": api_key}}},
            "dictionaries": {name: {"values": values} for name, values in codes.items()},
            "parameters": {
                "body.agency_code": {"dictionary": "agencies", "probability": 0.7},
                "body.procedure_code": {"dictionary": "procedures", "probability": 0.7},
                "path.code": {"dictionary": "dossiers", "probability": 0.5},
            },
            # Replaced by the check above, which knows which refusals depend on stored data.
            "checks": {"positive_data_acceptance": {"enabled": False}},
            # The app compresses what a client accepts; the WSGI transport would not decode it.
            "headers": {"Accept-Encoding": "identity"},
        }
    )


@pytest.fixture
def api_schema(app, api_key, client, auth):
    """The document as the app serves it, with the example receipt issued so that its code resolves."""
    assert client.post("/api/v1/receipts", json=examples.ISSUE, headers=auth).status_code == 201
    app.config["PAYMENT_WEBHOOK_SECRET"] = "fuzz-secret"  # the webhook on: its signature is checked
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app, config=_config(api_key))


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.mark.fuzz
@schema.parametrize()
def test_every_operation_answers_within_its_documented_contract(case):
    case.call_and_validate()


@pytest.mark.fuzz
def test_the_codes_that_issuing_answers_lead_to_reading_correcting_revoking_and_events(api_schema):
    # The document's links: issue → get, reissue, revoke, record an event, the redacted status.
    machine = api_schema.as_state_machine()
    machine.run(
        settings=settings(
            max_examples=STATEFUL_RUNS,
            stateful_step_count=6,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
    )


def _patterns(node):
    if isinstance(node, dict):
        if isinstance(node.get("pattern"), str):
            yield node["pattern"]
        for value in node.values():
            yield from _patterns(value)
    elif isinstance(node, list):
        for value in node:
            yield from _patterns(value)


def test_every_pattern_of_the_document_compiles_in_a_json_schema_validator_and_in_python():
    # A pattern the validator's engine cannot compile (a surrogate range did) is silently dropped by
    # generators, and the document then allows what the checks refuse.
    patterns = set(_patterns(document()))
    assert len(patterns) >= 8
    for pattern in patterns:
        jsonschema_rs.validator_for({"type": "string", "pattern": pattern})
        re.compile(pattern)


def test_every_operation_documents_its_errors_and_gives_examples_for_what_it_reads():
    for path, item in document()["paths"].items():
        for method, op in item.items():
            where = f"{method.upper()} {path}"
            for status, answer in op["responses"].items():
                if status >= "400":
                    assert answer["content"]["application/json"]["schema"] == {
                        "$ref": "#/components/schemas/Error"
                    }
            for parameter in op.get("parameters", []):
                assert "example" in parameter, (where, parameter["name"])
            if "requestBody" in op:
                assert "example" in op["requestBody"]["content"]["application/json"], where
