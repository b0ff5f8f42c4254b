"""API keys: scopes, the agency a key serves, and its last use."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import g, request

from .. import clock
from ..domain.api_keys import ApiKey
from ..domain.audit import Actor
from ..domain.codes import parse_dossier_code
from ..errors import ApiError
from ..services import access


def presented_key() -> str | None:
    """Return the key from `Authorization: Bearer …` or `X-API-Key`, if any."""
    header = request.headers.get("Authorization", "")
    if header[:7].lower() == "bearer ":
        return header[7:].strip() or None
    return request.headers.get("X-API-Key", "").strip() or None


def live_key() -> ApiKey | None:
    """Return the live key the request presents (looked up, and its use recorded, once), or None."""
    if "api_key" not in g:
        key = presented_key()
        # Read through the module, so that tests can stop the clock.
        g.api_key = access.api_key(key, clock.now_local(), request.remote_addr or "") if key else None
    found: ApiKey | None = g.api_key
    return found


def actor() -> Actor:
    """Return who acts in this request, as the audit log names them: the key's name and the address."""
    found = live_key()
    name = found.name if found else "?"
    return Actor("api_key", name, request.remote_addr or "", found.agency_code if found else None)


def key_agency() -> str | None:
    """Return the agency the request's key is bound to; None when it serves every agency."""
    found = live_key()
    return found.agency_code if found else None


def holds_key() -> bool:
    """Tell whether the request carries a live key that serves the dossier asked about."""
    found = live_key()
    if found is None:
        return False
    code = parse_dossier_code(str((request.view_args or {}).get("code", "")))
    # Another agency's dossier is read as any citizen reads it: limited by address.
    return code is None or found.may_act_on(code.agency_code)


def require_scope(scope: str) -> Callable:
    """Refuse the request with 401 (no, bad or revoked key) or 403 (key without `scope`)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            found = live_key()
            if found is None:
                raise ApiError(401, "unauthorized", "Thiếu khóa API hoặc khóa API không hợp lệ.")
            if scope not in found.scopes:
                raise ApiError(403, "forbidden", f"Khóa API không có quyền “{scope}”.")
            return view(*args, **kwargs)

        return wrapped

    return decorator
