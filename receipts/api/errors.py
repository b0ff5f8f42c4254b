"""Every API error as `{"error": {"code", "message", "fields"}}`."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from flask import Response, current_app, jsonify, request
from pydantic import BaseModel, ValidationError

from ..domain.errors import DomainError

M = TypeVar("M", bound=BaseModel)

FIELD_MESSAGES = {
    "missing": "Bắt buộc phải có.",
    "string_too_long": "Quá dài.",
    "string_too_short": "Quá ngắn.",
    "too_long": "Quá nhiều mục.",
    "int_type": "Phải là số nguyên.",
    "int_parsing": "Phải là số nguyên.",
    "greater_than_equal": "Giá trị quá nhỏ.",
    "less_than_equal": "Giá trị quá lớn.",
    "literal_error": "Giá trị không nằm trong danh sách cho phép.",
    "enum": "Giá trị không nằm trong danh sách cho phép.",
    "string_type": "Phải là chuỗi ký tự.",
    "model_type": "Phải là một đối tượng JSON.",
    "list_type": "Phải là một danh sách.",
}
VALUE_MESSAGES = {
    "control characters are not allowed": "Có ký tự điều khiển không hợp lệ.",
    "must not be empty": "Không được để trống.",
    "not a phone number": "Số điện thoại không hợp lệ.",
    "not an email address": "Địa chỉ email không hợp lệ.",
    "not a code": "Mã không đúng định dạng.",
    "must be an ISO 8601 date and time": "Thời gian phải theo định dạng ISO 8601.",
    "out of range": "Thời gian nằm ngoài khoảng cho phép.",
}


class ApiError(Exception):
    """An error answered as JSON."""

    def __init__(self, status: int, code: str, message: str, fields: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.fields = status, code, message, fields or {}


def error_response(status: int, code: str, message: str, fields: dict[str, str] | None = None) -> Response:
    """Return the JSON error response."""
    body: dict[str, Any] = {"code": code, "message": message}
    if fields:
        body["fields"] = fields
    response = jsonify({"error": body})
    response.status_code = status
    return response


def from_domain(error: DomainError) -> Response:
    """Map a domain error to its JSON response."""
    return error_response(error.status, error.code, error.message, error.fields)


def read_body(model: type[M], *, optional: bool = False) -> M:
    """Parse and validate the JSON body; raise ApiError 400 or 422 with per-field messages."""
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
        return model.model_validate(data)
    except ValidationError as error:
        raise ApiError(422, "invalid_values", "Dữ liệu không hợp lệ.", field_messages(error)) from error
    except RecursionError as error:
        raise ApiError(400, "malformed_body", "Nội dung yêu cầu lồng nhau quá sâu.") from error


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def field_messages(error: ValidationError) -> dict[str, str]:
    """Return a Vietnamese message per field path ("applicant.phone") of a validation error."""
    fields: dict[str, str] = {}
    for item in error.errors(include_url=False, include_input=False):
        key = ".".join(str(part) for part in item["loc"]) or "body"
        reason = str(item.get("ctx", {}).get("error", "")) if item.get("ctx") else ""
        message = VALUE_MESSAGES.get(reason) or FIELD_MESSAGES.get(item["type"], "Giá trị không hợp lệ.")
        fields.setdefault(key, message)
    return fields
