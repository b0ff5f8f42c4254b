"""Reading JSON request bodies: size, encoding, shape, then the schema."""

from __future__ import annotations

from typing import TypeVar

from flask import current_app, request

from ..errors import ApiError, json_object
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
    data = json_object(raw)
    try:
        return parse(model, data)
    except RecursionError as error:
        raise ApiError(400, "malformed_body", "Nội dung yêu cầu lồng nhau quá sâu.") from error
