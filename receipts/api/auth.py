"""API keys and scopes."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import request

from ..errors import ApiError
from ..services import access


def presented_key() -> str | None:
    """Return the key from `Authorization: Bearer …` or `X-API-Key`, if any."""
    header = request.headers.get("Authorization", "")
    if header[:7].lower() == "bearer ":
        return header[7:].strip() or None
    return request.headers.get("X-API-Key", "").strip() or None


def holds_key() -> bool:
    """Tell whether the request carries a live API key (of any scope)."""
    key = presented_key()
    return bool(key) and access.key_scopes(key) is not None


def require_scope(scope: str) -> Callable:
    """Refuse the request with 401 (no or bad key) or 403 (key without `scope`)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            key = presented_key()
            scopes = access.key_scopes(key) if key else None
            if scopes is None:
                raise ApiError(401, "unauthorized", "Thiếu khóa API hoặc khóa API không hợp lệ.")
            if scope not in scopes:
                raise ApiError(403, "forbidden", f"Khóa API không có quyền “{scope}”.")
            return view(*args, **kwargs)

        return wrapped

    return decorator
