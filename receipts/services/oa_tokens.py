"""The Official Account's tokens: connect once, then renew before expiry and when Zalo rejects one.

Zalo's refresh token can be spent only once, so it is spent under a lock on the stored row, and a
process that waited for the lock first looks whether another one has renewed meanwhile.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Protocol

from ..domain.errors import InvalidInput, NotConnected, RenewalFailed
from ..domain.oa_tokens import OaCredentials, TokenPair, needs_renewal, usable
from ..store import oa_tokens as store
from ..store.database import write_transaction

log = logging.getLogger(__name__)
MAX_TOKEN = 2000


class Renewer(Protocol):
    """What renews the OA's tokens (Zalo's OAuth API, or a stand-in)."""

    def renew(self, refresh_token: str) -> TokenPair:
        """Spend a refresh token for a new pair; raise RenewalFailed."""
        ...


def connect(renewer: Renewer, refresh_token: str, now: datetime) -> OaCredentials:
    """Store the OA's first refresh token and renew the access token at once."""
    token = refresh_token.strip()
    if not token or len(token) > MAX_TOKEN or any(ch.isspace() for ch in token):
        raise InvalidInput("the refresh token is one line of 1 to 2000 characters without spaces")
    with write_transaction():
        store.save_refresh_token(token)
    return renew(renewer, now, force=True)


def status() -> OaCredentials | None:
    """Return the stored tokens, or None when the OA was never connected."""
    return store.credentials()


def access_token(renewer: Renewer, bootstrap: str | None, now: datetime) -> str | None:
    """Return an access token to send with, renewed first if it is close to expiry; None if none."""
    credentials = store.credentials()
    if credentials is None:
        return bootstrap
    if not needs_renewal(credentials, now):
        return credentials.access_token
    try:
        return renew(renewer, now).access_token
    except (RenewalFailed, NotConnected):
        return credentials.access_token if usable(credentials, now) else None


def renew_rejected(renewer: Renewer, rejected: str, now: datetime) -> str:
    """Return a new access token after Zalo rejected `rejected`; raise RenewalFailed or NotConnected."""
    return renew(renewer, now, rejected=rejected).access_token


def keep_fresh(renewer: Renewer, now: datetime) -> None:
    """Renew the tokens if they are close to expiry, even with nothing to send (errors are logged)."""
    credentials = store.credentials()
    if credentials is None or not credentials.refresh_token or not needs_renewal(credentials, now):
        return
    try:
        renew(renewer, now)
    except (RenewalFailed, NotConnected):
        pass  # renew() logged it and stored it for `zalo status`


def renew(
    renewer: Renewer, now: datetime, *, force: bool = False, rejected: str | None = None
) -> OaCredentials:
    """Spend the refresh token for a new pair, unless another process renewed while this one waited."""
    with write_transaction():
        credentials = store.credentials(for_update=True)
        if credentials is None or not credentials.refresh_token:
            raise NotConnected("the Zalo OA is not connected: run `flask --app wsgi zalo connect`")
        if not force and _renewed_meanwhile(credentials, now, rejected):
            return credentials
        try:
            return store.save_renewal(renewer.renew(credentials.refresh_token), now)
        except RenewalFailed as error:
            store.save_error(error.message, now)
            failure = error
    log.error("Zalo OA token renewal failed: %s", failure.message)
    raise failure


def _renewed_meanwhile(credentials: OaCredentials, now: datetime, rejected: str | None) -> bool:
    if rejected is not None:
        return bool(credentials.access_token) and credentials.access_token != rejected
    return not needs_renewal(credentials, now)
