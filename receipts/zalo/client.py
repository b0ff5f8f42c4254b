"""Calls to Zalo over HTTP: send a message to a follower, renew the OA's access token.

Zalo answers most refusals with HTTP 200 and a negative `error` in the JSON body; the codes
below decide whether a message is tried again, given up, or sent again after a token renewal.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

from ..domain.errors import RenewalFailed
from ..domain.oa_tokens import TokenPair
from ..domain.outbox import ZALO_CS, ZALO_ZNS, Delivery, Outcome, OutgoingMessage

TOKEN_INVALID = -216  # the access token is invalid or has expired
RATE_LIMITED = -32  # too many requests in the minute
# When a renewal's expires_in cannot be read: short, so that the pair is renewed again soon.
FALLBACK_EXPIRES_IN = 2 * 3600
# Everything else negative is a refusal for good: -213 not a follower, -230 no interaction
# within 7 days, -201 bad parameters, …


class _Unreachable(Exception):
    """No HTTP answer: refused connection, timeout, broken connection."""


@dataclass(frozen=True)
class ZaloClient:
    """Zalo's endpoints and the app's credentials, as the operator configured them."""

    api_base: str
    oauth_base: str
    app_id: str
    app_secret: str
    timeout: float
    zns_base: str = ""
    zns_template_id: str = ""

    def send(self, access_token: str, message: OutgoingMessage) -> Delivery:
        """Send one message of the outbox; never raise, say how it ended."""
        if message.channel == ZALO_CS:
            url = f"{self.api_base}/v3.0/oa/message/cs"
            payload: dict[str, Any] = {
                "recipient": {"user_id": message.recipient},
                "message": {"text": message.body.get("text", "")},
            }
        elif message.channel == ZALO_ZNS:
            if not self.zns_template_id:
                return Delivery(Outcome.REFUSED, "no ZNS template: set RECEIPTS_ZALO_ZNS_TEMPLATE_ID")
            url = f"{self.zns_base}/message/template"
            payload = {
                "phone": message.recipient,
                "template_id": self.zns_template_id,
                "template_data": message.body.get("template_data", {}),
                "tracking_id": str(message.id),
            }
        else:
            return Delivery(Outcome.REFUSED, f"unknown channel {message.channel}")
        data = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json", "access_token": access_token}
        try:
            status, answer = _post(url, data, headers, self.timeout)
        except _Unreachable as error:
            return Delivery(Outcome.RETRY, str(error))
        return _delivery(status, answer)

    def renew(self, refresh_token: str) -> TokenPair:
        """Spend the refresh token for a new pair; raise RenewalFailed saying why."""
        if not self.app_id or not self.app_secret:
            raise RenewalFailed("RECEIPTS_ZALO_APP_ID and RECEIPTS_ZALO_APP_SECRET must be set to renew")
        form = {"refresh_token": refresh_token, "app_id": self.app_id, "grant_type": "refresh_token"}
        headers = {"Content-Type": "application/x-www-form-urlencoded", "secret_key": self.app_secret}
        data = urllib.parse.urlencode(form).encode("ascii")
        try:
            status, answer = _post(f"{self.oauth_base}/v4/oa/access_token", data, headers, self.timeout)
        except _Unreachable as error:
            raise RenewalFailed(f"Zalo OAuth did not answer: {error}") from error
        return _token_pair(status, answer)


def _post(url: str, data: bytes, headers: dict[str, str], timeout: float) -> tuple[int, Any]:
    if not url.startswith(("https://", "http://")):
        raise _Unreachable(f"not an HTTP address: {url[:80]}")
    request = urllib.request.Request(url, data=data, headers=headers, method="POST")  # noqa: S310 - checked
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - checked above
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    except (OSError, ValueError) as error:  # URLError, timeouts, resets; ValueError: a bad base URL
        raise _Unreachable(getattr(error, "reason", None) or str(error) or type(error).__name__) from error
    try:
        return status, json.loads(raw or b"null")
    except ValueError:
        return status, None


def _error_text(answer: dict[str, Any]) -> str:
    detail = answer.get("message") or answer.get("error_description") or answer.get("error_name") or ""
    return f"{answer.get('error')} {detail}".strip()


def _delivery(status: int, answer: Any) -> Delivery:
    if not 200 <= status < 300:
        # Zalo refuses a message in a JSON body with HTTP 200; any other status is the way there
        # (a proxy, an outage, a wrong base URL), which may heal: the message waits.
        return Delivery(Outcome.RETRY, f"HTTP {status}")
    if not isinstance(answer, dict):
        return Delivery(Outcome.RETRY, "unreadable answer")
    try:
        code = int(answer.get("error") or 0)
    except (TypeError, ValueError):
        return Delivery(Outcome.RETRY, "unreadable answer")
    if code == 0:
        return Delivery(Outcome.SENT)
    error = _error_text(answer)
    if code == TOKEN_INVALID:
        return Delivery(Outcome.UNAUTHORIZED, error, code)
    if code == RATE_LIMITED:
        return Delivery(Outcome.RETRY, error, code)
    return Delivery(Outcome.REFUSED, error, code)


def _token_pair(status: int, answer: Any) -> TokenPair:
    if not isinstance(answer, dict):
        raise RenewalFailed(f"Zalo OAuth gave an unreadable answer (HTTP {status})")
    access, refresh = answer.get("access_token"), answer.get("refresh_token")
    if not isinstance(access, str) or not isinstance(refresh, str) or not access or not refresh:
        raise RenewalFailed(f"Zalo refused the renewal: {_error_text(answer) or f'HTTP {status}'}")
    try:
        expires_in = int(str(answer.get("expires_in", "")).strip())
    except ValueError:
        expires_in = 0
    # The old refresh token is spent now: keep the new pair even with an odd expiry.
    return TokenPair(access, refresh, expires_in if expires_in > 0 else FALLBACK_EXPIRES_IN)
