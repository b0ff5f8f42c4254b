"""Error answers: JSON under /api/, a Vietnamese page elsewhere; never a bare 500."""

from __future__ import annotations

import json
import logging
from typing import Any

from flask import Flask, Response, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from .domain.errors import DomainError
from .logs import request_id
from .store.counters import CountersUnavailable
from .store.database import DatabaseUnavailable

log = logging.getLogger(__name__)

CODES = {
    400: ("bad_request", "Yêu cầu không hợp lệ."),
    401: ("unauthorized", "Thiếu khóa API hoặc khóa API không hợp lệ."),
    403: ("forbidden", "Không có quyền thực hiện."),
    404: ("not_found", "Không tìm thấy."),
    405: ("method_not_allowed", "Phương thức không được hỗ trợ."),
    409: ("conflict", "Xung đột với trạng thái hiện tại."),
    413: ("too_large", "Nội dung yêu cầu quá lớn."),
    415: ("unsupported_media_type", "Kiểu nội dung không được hỗ trợ."),
    422: ("invalid_values", "Dữ liệu không hợp lệ."),
    429: ("rate_limited", "Quá nhiều yêu cầu, vui lòng thử lại sau."),
    500: ("internal_error", "Đã có lỗi xảy ra, vui lòng thử lại sau."),
    503: ("unavailable", "Dịch vụ tạm thời không sẵn sàng."),
}


class ApiError(Exception):
    """An error answered as JSON to a machine (an API client, Zalo)."""

    def __init__(self, status: int, code: str, message: str, fields: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.fields = status, code, message, fields or {}


def json_object(raw: bytes) -> dict[str, Any]:
    """Return a request body's JSON object; raise ApiError 400 for anything else (NaN included)."""
    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError, RecursionError) as error:
        raise ApiError(400, "malformed_body", "Nội dung yêu cầu không phải JSON hợp lệ (UTF-8).") from error
    if not isinstance(data, dict):
        raise ApiError(400, "malformed_body", "Nội dung yêu cầu phải là một đối tượng JSON.")
    return data


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def error_response(status: int, code: str, message: str, fields: dict[str, str] | None = None) -> Response:
    """Return the JSON error answer `{"error": {"code", "message", "fields"?, "request_id"}}`."""
    body: dict[str, Any] = {"code": code, "message": message}
    if fields:
        body["fields"] = fields
    # What an operator searches the logs for when a client reports the error.
    body["request_id"] = request_id()
    response = jsonify({"error": body})
    response.status_code = status
    return response


def _wants_json() -> bool:
    return request.path.startswith(("/api/", "/zalo/", "/payments/")) or request.path in {
        "/healthz",
        "/readyz",
    }


def _answer(
    status: int, code: str | None = None, message: str | None = None, fields: dict | None = None
) -> Response:
    default_code, default_message = CODES.get(status, CODES[500] if status >= 500 else CODES[400])
    if _wants_json():
        return error_response(status, code or default_code, message or default_message, fields)
    page = render_template("error.html", title=default_message, message=message or default_message)
    return Response(page, status=status, mimetype="text/html")


def _refuse_nul() -> Response | None:
    # No text column stores NUL (PostgreSQL refuses it outright): stop it at the door. A query
    # string can only hold one escaped (%00) or raw: the arguments are parsed only then.
    query = request.query_string
    suspect = b"%00" in query or b"\x00" in query
    if "\x00" in request.path or (suspect and any("\x00" in v for v in request.args.values())):
        return _answer(400, "bad_request", "Địa chỉ yêu cầu chứa ký tự không hợp lệ.")
    return None


def _database_down(error: Exception) -> Response:
    log.error("database unavailable: %s", error)
    return _answer(503)


def _counters_down(error: CountersUnavailable) -> Response:
    # Limits that cannot be counted let nothing through: 503, never a login without a count.
    log.error("counters unavailable: %s", error)
    return _answer(503)


def _api_error(error: ApiError) -> Response:
    return error_response(error.status, error.code, error.message, error.fields)


def _domain_error(error: DomainError) -> Response:
    if _wants_json():
        response = error_response(error.status, error.code, error.message, error.fields)
    else:
        response = _answer(error.status, error.code, error.message)
    retry_after = getattr(error, "retry_after", None)
    if retry_after:
        response.headers["Retry-After"] = str(retry_after)
    return response


def _http_error(error: HTTPException) -> Response:
    status = error.code or 500
    response = _answer(status)
    valid_methods = getattr(error, "valid_methods", None)
    if status == 405 and valid_methods:
        response.headers["Allow"] = ", ".join(valid_methods)
    if status == 429:
        response.headers["Retry-After"] = "60"
    return response


def _unexpected(error: Exception) -> Response:
    log.exception("unexpected error", exc_info=error)
    return _answer(500)


def register(app: Flask) -> None:
    """Install the error handlers."""
    app.before_request(_refuse_nul)
    for kind in DatabaseUnavailable:
        app.register_error_handler(kind, _database_down)
    app.register_error_handler(CountersUnavailable, _counters_down)
    app.register_error_handler(ApiError, _api_error)
    app.register_error_handler(DomainError, _domain_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)
