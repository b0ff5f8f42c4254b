"""The OpenAPI document's parameters: the dossier code in a path, the headers, the catalogue's query."""

from __future__ import annotations

from ..domain.catalogue import LEVELS
from . import examples

CODE = [
    {
        "name": "code",
        "in": "path",
        "required": True,
        "description": "A dossier code; also read however people type it (lower case, spaces around the "
        "separators, other dashes), and an unknown one answers 404.",
        "schema": {
            "type": "string",
            "pattern": r"^[0-9A-Z][0-9A-Z.]{0,38}[0-9A-Z]-[0-9]{6}-[0-9]{4,6}$",
            "maxLength": 60,
        },
        "example": examples.DOSSIER,
    }
]

IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": "Retries with the same key and body get the first receipt back; 1-200 printable ASCII.",
    "schema": {"type": "string", "minLength": 1, "maxLength": 200, "pattern": "^[ -~]{1,200}$"},
    "example": "5d0a6b7e-2f0c-4c61-9d7e-0b1c2d3e4f50",
}

NO_NUL = "^[^\\x00]*$"
SEARCH = [
    {"name": "q", "in": "query", "schema": {"type": "string", "pattern": NO_NUL}, "example": "xe quá tải"},
    {"name": "level", "in": "query", "schema": {"enum": ["", *LEVELS]}, "example": "province"},
    {"name": "field", "in": "query", "schema": {"type": "string", "pattern": NO_NUL}, "example": "Đường bộ"},
    {
        "name": "page",
        "in": "query",
        "schema": {"type": "integer", "minimum": 1, "maximum": 10_000},
        "example": 1,
    },
]

SIGNATURE = {
    "name": "X-Signature",
    "in": "header",
    "required": True,
    "description": "sha256=<hex HMAC-SHA256 of the raw body, keyed by RECEIPTS_PAYMENT_WEBHOOK_SECRET>",
    "schema": {"type": "string", "pattern": "^sha256=[0-9a-f]{64}$"},
    "example": "sha256=" + "0" * 64,
}
