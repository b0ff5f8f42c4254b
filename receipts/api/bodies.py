"""Reading JSON request bodies: size, encoding, shape, then the schema."""

from __future__ import annotations

import json
from typing import TypeVar

from flask import current_app, request

from ..errors import ApiError
from ..schemas.validation import BaseModel, parse

M = TypeVar("M", bound=BaseModel)


def read_body(model: type[M], *, optional: bool = False) -> M:
    """Parse and validate the JSON body; raise ApiError 400/413, or InvalidInput (422) per field."""
    raw = request.get_data(cache=True)
    limit = current_app.config["MAX_CONTENT_LENGTH"]
    if limit and len(raw) >= limit:
        # A chunked body has no Content-Length for Werkzeug to refuse: it arrives cut at the limit.
        raise ApiError(413, "too_large", "Nội dung yêu cầu quá lớn.")
    if not raw.strip() and optional:
        return model()
    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise ApiError(400, "malformed_body", "Nội dung yêu cầu không phải JSON hợp lệ (UTF-8).") from error
    if not isinstance(data, dict):
        raise ApiError(400, "malformed_body", "Nội dung yêu cầu phải là một đối tượng JSON.")
    try:
        return parse(model, data)
    except RecursionError as error:
        raise ApiError(400, "malformed_body", "Nội dung yêu cầu lồng nhau quá sâu.") from error


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")
