"""The OpenAPI 3 document, generated from the pydantic schemas that validate requests and describe answers."""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic.json_schema import models_json_schema

from .parameters import CODE, IDEMPOTENCY_KEY, SEARCH, SIGNATURE
from .requests import REQUEST_SCHEMAS
from .responses import RESPONSE_SCHEMAS

_ERROR = {"$ref": "#/components/schemas/Error"}
# Every route answers 400 to a NUL in its path or query (no column can store one).
_STATUSES = {
    400: "Malformed: not JSON, not an object, a bad header, or a NUL in the address",
    401: "No key, or an unknown or revoked key",
    403: "The key lacks the operation's scope (`x-scope`), or serves another agency",
    404: "Unknown (or another agency's) receipt or dossier",
    409: "Conflicts with the current state: a transition not allowed, a revoked receipt, "
    "an Idempotency-Key reused with another body",
    413: "Body too large",
    422: "Invalid values; `fields` names each one",
    429: "Rate limited; `Retry-After` says when to try again",
    503: "The database (or the shared rate-limit storage) does not answer",
}


def _op(
    summary: str,
    body: str | None,
    ok: int,
    scope: str | None,
    *,
    answer: str | None = None,
    operation_id: str | None = None,
    links: dict[str, Any] | None = None,
    optional_body: bool = False,
    checks_query: bool = False,
    signed: bool = False,
) -> dict[str, Any]:
    success: dict[str, Any] = {"description": "OK"}
    if answer:
        success["content"] = {"application/json": {"schema": {"$ref": f"#/components/schemas/{answer}"}}}
    if links:
        success["links"] = links
    responses: dict[str, Any] = {str(ok): success}
    statuses = (
        [400, 404, 429, 503]
        + ([409, 413, 422] if body else [422] if checks_query else [])
        + ([401, 403] if scope else [])
        + ([401] if signed else [])
    )
    for status in sorted(statuses):
        responses[str(status)] = {
            "description": _STATUSES[status],
            "content": {"application/json": {"schema": _ERROR}},
        }
    op: dict[str, Any] = {"summary": summary, "responses": responses}
    if operation_id:
        op["operationId"] = operation_id
    if body:
        media: dict[str, Any] = {"schema": {"$ref": f"#/components/schemas/{body}"}}
        found = REQUEST_SCHEMAS[body].model_json_schema().get("examples")
        if isinstance(found, list) and found:
            media["example"] = found[0]
        op["requestBody"] = {"required": not optional_body, "content": {"application/json": media}}
    if scope:
        op["security"] = [{"bearer": []}, {"apiKey": []}]
        op["x-scope"] = scope
    return op


def _by_code(*operation_ids: str) -> dict[str, Any]:
    """Links from an answer carrying a receipt's or dossier's code to the operations on it."""
    return {
        name[0].upper() + name[1:]: {"operationId": name, "parameters": {"code": "$response.body#/code"}}
        for name in operation_ids
    }


_ERROR_SCHEMA = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "properties": {
                "code": {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"},
                "message": {"type": "string", "minLength": 1},
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
    models = [(m, "validation") for m in REQUEST_SCHEMAS.values()]
    models += [(m, "serialization") for m in RESPONSE_SCHEMAS.values()]
    _, defs = models_json_schema(models, ref_template="#/components/schemas/{model}")  # type: ignore[arg-type]
    schemas: dict[str, Any] = defs.get("$defs", {})
    for name, model in {**REQUEST_SCHEMAS, **RESPONSE_SCHEMAS}.items():
        schemas[name] = schemas.pop(model.__name__)
    schemas["Error"] = _ERROR_SCHEMA
    _rename_refs(schemas)
    return schemas


def _paths() -> dict[str, Any]:
    return {**_receipt_paths(), **_dossier_paths(), **_service_paths()}


def _receipt_paths() -> dict[str, Any]:
    on_receipt = _by_code("getReceipt", "reissueReceipt", "revokeReceipt", "recordEvent", "dossierStatus")
    return {
        "/api/v1/receipts": {
            "post": {
                **_op("Issue a receipt", "IssueRequest", 201, "issue", answer="Receipt", links=on_receipt),
                "operationId": "issueReceipt",
                "parameters": [IDEMPOTENCY_KEY],
            }
        },
        "/api/v1/receipts/{code}": {
            "get": {
                **_op(
                    "Get a receipt", None, 200, "issue", answer="ReceiptDetails", operation_id="getReceipt"
                ),
                "parameters": CODE,
            }
        },
        "/api/v1/receipts/{code}/reissue": {
            "post": {
                **_op(
                    "Reissue a receipt",
                    "ReissueRequest",
                    200,
                    "issue",
                    answer="ReceiptDetails",
                    operation_id="reissueReceipt",
                    links=_by_code("getReceipt", "revokeReceipt"),
                ),
                "parameters": CODE,
            }
        },
        "/api/v1/receipts/{code}/revoke": {
            "post": {
                **_op(
                    "Revoke a receipt",
                    "RevokeRequest",
                    200,
                    "issue",
                    answer="ReceiptDetails",
                    operation_id="revokeReceipt",
                    links=_by_code("getReceipt", "reissueReceipt"),
                    optional_body=True,
                ),
                "parameters": CODE,
            }
        },
    }


def _dossier_paths() -> dict[str, Any]:
    return {
        "/api/v1/dossiers/{code}/events": {
            "post": {
                **_op(
                    "Record a status change",
                    "EventRequest",
                    200,
                    "update",
                    answer="DossierStatus",
                    operation_id="recordEvent",
                    links=_by_code("recordEvent", "dossierStatus"),
                ),
                "parameters": CODE,
            }
        },
        "/api/v1/dossiers/{code}/extensions": {
            "post": {
                **_op("Extend a late dossier's appointment", "ExtensionRequest", 200, "update"),
                "parameters": CODE,
            }
        },
        "/api/v1/dossiers/{code}": {
            "get": {
                **_op(
                    "A dossier's redacted status",
                    None,
                    200,
                    None,
                    answer="DossierStatus",
                    operation_id="dossierStatus",
                ),
                "parameters": CODE,
            }
        },
        "/api/v1/dossiers/{code}/payments": {
            "post": {
                **_op("Record a payment, idempotent by transaction_id", "PaymentRequest", 200, "update"),
                "parameters": CODE,
            }
        },
    }


def _service_paths() -> dict[str, Any]:
    return {
        "/payments/webhook": {
            "post": {
                **_op("A bank transfer notice", "TransferNotice", 200, None, signed=True),
                "parameters": [SIGNATURE],
            }
        },
        "/api/v1/procedures": {
            "get": {
                **_op("Search procedures", None, 200, None, answer="ProcedurePage", checks_query=True),
                "parameters": SEARCH,
            }
        },
        "/healthz": {"get": _op("Health", None, 200, None, answer="Health")},
        "/readyz": {"get": _op("Readiness of every dependency", None, 200, None, answer="Readiness")},
    }


def _rename_refs(node: Any) -> None:
    names = {m.__name__: n for n, m in {**REQUEST_SCHEMAS, **RESPONSE_SCHEMAS}.items()}
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.rsplit("/", 1)[-1] in names:
            node["$ref"] = "#/components/schemas/" + names[ref.rsplit("/", 1)[-1]]
        for value in node.values():
            _rename_refs(value)
    elif isinstance(node, list):
        for value in node:
            _rename_refs(value)
