"""The OpenAPI 3 document, generated from the pydantic schemas that validate requests."""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic.json_schema import models_json_schema

from ..domain.catalogue import LEVELS
from .requests import REQUEST_SCHEMAS

_ERROR = {"$ref": "#/components/schemas/Error"}


def _op(summary: str, body: str | None, ok: int, scope: str | None) -> dict[str, Any]:
    responses: dict[str, Any] = {str(ok): {"description": "OK"}}
    statuses = ([400, 409, 413, 422] if body else []) + ([401, 403] if scope else []) + [404, 429]
    for status in sorted(statuses):
        responses[str(status)] = {"description": "Error", "content": {"application/json": {"schema": _ERROR}}}
    op: dict[str, Any] = {"summary": summary, "responses": responses}
    if body:
        op["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{body}"}}},
        }
    if scope:
        op["security"] = [{"bearer": []}, {"apiKey": []}]
        op["x-scope"] = scope
    return op


_CODE = [{"name": "code", "in": "path", "required": True, "schema": {"type": "string"}}]


_ERROR_SCHEMA = {
    "type": "object",
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {"type": "object", "additionalProperties": {"type": "string"}},
                "request_id": {
                    "type": "string",
                    "description": "The request's id (also its X-Request-Id header), for the operator.",
                },
            },
        }
    },
}
_KEYS = (
    "A key from `flask --app wsgi api-key create NAME --scope issue|update [--agency CODE]`; "
    "a revoked or unknown key answers 401, a key without the operation's scope (`x-scope`) 403. "
    "A key created with --agency serves that agency's receipts alone: issuing for another agency "
    "answers 403 `forbidden`, and another agency's receipt or dossier answers 404 as if unknown."
)
_IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": "Retries with the same key and body get the first receipt back.",
    "schema": {"type": "string", "maxLength": 200},
}

_SIGNATURE = {
    "name": "X-Signature",
    "in": "header",
    "required": True,
    "description": "sha256=<hex HMAC-SHA256 of the raw body, keyed by RECEIPTS_PAYMENT_WEBHOOK_SECRET>",
    "schema": {"type": "string", "pattern": "^sha256=[0-9a-f]{64}$"},
}


@cache
def document() -> dict[str, Any]:
    """Return the OpenAPI document."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "receipts", "version": "1.0.0"},
        "components": {
            "schemas": _schemas(),
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer", "description": _KEYS},
                "apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key", "description": _KEYS},
            },
        },
        "paths": _paths(),
    }


def _schemas() -> dict[str, Any]:
    _, defs = models_json_schema(
        [(m, "validation") for m in REQUEST_SCHEMAS.values()], ref_template="#/components/schemas/{model}"
    )
    schemas: dict[str, Any] = defs.get("$defs", {})
    for name, model in REQUEST_SCHEMAS.items():
        schemas[name] = schemas.pop(model.__name__)
    schemas["Error"] = _ERROR_SCHEMA
    _rename_refs(schemas)
    return schemas


def _paths() -> dict[str, Any]:
    return {
        "/api/v1/receipts": {
            "post": {**_op("Issue a receipt", "IssueRequest", 201, "issue"), "parameters": [_IDEMPOTENCY_KEY]}
        },
        "/api/v1/receipts/{code}": {"get": {**_op("Get a receipt", None, 200, "issue"), "parameters": _CODE}},
        "/api/v1/receipts/{code}/reissue": {
            "post": {**_op("Reissue a receipt", "ReissueRequest", 200, "issue"), "parameters": _CODE}
        },
        "/api/v1/receipts/{code}/revoke": {
            "post": {**_op("Revoke a receipt", "RevokeRequest", 200, "issue"), "parameters": _CODE}
        },
        "/api/v1/dossiers/{code}/events": {
            "post": {**_op("Record a status change", "EventRequest", 200, "update"), "parameters": _CODE}
        },
        "/api/v1/dossiers/{code}/extensions": {
            "post": {
                **_op("Extend a late dossier's appointment", "ExtensionRequest", 200, "update"),
                "parameters": _CODE,
            }
        },
        "/api/v1/dossiers/{code}": {
            "get": {**_op("A dossier's redacted status", None, 200, None), "parameters": _CODE}
        },
        "/api/v1/dossiers/{code}/payments": {
            "post": {
                **_op("Record a payment, idempotent by transaction_id", "PaymentRequest", 200, "update"),
                "parameters": _CODE,
            }
        },
        "/payments/webhook": {
            "post": {**_op("A bank transfer notice", "TransferNotice", 200, None), "parameters": [_SIGNATURE]}
        },
        "/api/v1/procedures": {
            "get": {
                **_op("Search procedures", None, 200, None),
                "parameters": [
                    {"name": "q", "in": "query", "schema": {"type": "string"}},
                    {
                        "name": "level",
                        "in": "query",
                        "schema": {"enum": list(LEVELS)},
                    },
                    {"name": "field", "in": "query", "schema": {"type": "string"}},
                    {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
                ],
            }
        },
        "/healthz": {"get": _op("Health", None, 200, None)},
        "/readyz": {"get": _op("Readiness of every dependency", None, 200, None)},
    }


def _rename_refs(node: Any) -> None:
    names = {m.__name__: n for n, m in REQUEST_SCHEMAS.items()}
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.rsplit("/", 1)[-1] in names:
            node["$ref"] = "#/components/schemas/" + names[ref.rsplit("/", 1)[-1]]
        for value in node.values():
            _rename_refs(value)
    elif isinstance(node, list):
        for value in node:
            _rename_refs(value)
