"""The Official Account's tokens: a short-lived access token and a single-use refresh token."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

# Zalo's access tokens live about 25 hours; renewing with an hour left leaves room for a failure.
RENEW_BEFORE = timedelta(hours=1)


@dataclass(frozen=True)
class TokenPair:
    """What a renewal returns: a new access token, a new refresh token, and the access token's life."""

    access_token: str
    refresh_token: str
    expires_in: int


@dataclass(frozen=True)
class OaCredentials:
    """The OA's stored tokens, when they were last renewed and the last renewal error."""

    access_token: str
    refresh_token: str
    expires_at: datetime | None
    renewed_at: datetime | None
    last_error: str
    last_error_at: datetime | None


def needs_renewal(credentials: OaCredentials, now: datetime) -> bool:
    """Tell whether the access token is missing or has less than RENEW_BEFORE left."""
    expires_at = credentials.expires_at
    return not credentials.access_token or expires_at is None or expires_at - now < RENEW_BEFORE


def usable(credentials: OaCredentials, now: datetime) -> bool:
    """Tell whether the access token may still be sent (it has not expired)."""
    expires_at = credentials.expires_at
    return bool(credentials.access_token) and expires_at is not None and now < expires_at
