"""Checking values against a schema, with a Vietnamese message per field for people and machines."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..domain.errors import InvalidInput

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
    "string_unicode": "Có ký tự không hợp lệ (nửa cặp UTF-16).",
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
    "too long": "Quá dài.",
}


def parse(model: type[M], data: Any) -> M:
    """Return `data` validated by `model`; raise InvalidInput with a message per field path."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise InvalidInput("Dữ liệu không hợp lệ.", field_messages(error)) from error


def field_messages(error: ValidationError) -> dict[str, str]:
    """Return a Vietnamese message per field path ("applicant.phone") of a validation error."""
    fields: dict[str, str] = {}
    for item in error.errors(include_url=False, include_input=False):
        key = ".".join(str(part) for part in item["loc"]) or "body"
        reason = str(item.get("ctx", {}).get("error", "")) if item.get("ctx") else ""
        message = VALUE_MESSAGES.get(reason) or FIELD_MESSAGES.get(item["type"], "Giá trị không hợp lệ.")
        fields.setdefault(key, message)
    return fields
