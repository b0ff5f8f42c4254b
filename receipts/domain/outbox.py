"""Outgoing messages: how a delivery attempt can end, and when a message is tried again."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum
from typing import Any

# A consultation message to a follower through the OA message API (inside Zalo's 7-day window).
ZALO_CS = "zalo_cs"
# A ZNS template message to a phone number (outside the window, or when Zalo answers -230).
ZALO_ZNS = "zalo_zns"
# Zalo's answer when the user has not interacted within 7 days: no consultation message.
OUTSIDE_WINDOW = -230
MAX_ATTEMPTS = 10
FIRST_RETRY = timedelta(seconds=15)
LONGEST_WAIT = timedelta(hours=1)


class Outcome(Enum):
    """How one attempt to deliver a message ended."""

    SENT = "sent"
    RETRY = "retry"  # rate limited, server error, timeout, no usable token: try again later
    REFUSED = "refused"  # refused for good (not a follower, outside the 7-day window, …)
    UNAUTHORIZED = "unauthorized"  # the access token was rejected: renew it and send once more


class State(Enum):
    """Where a message of the outbox stands."""

    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


@dataclass(frozen=True)
class Delivery:
    """The result of one attempt, with the other side's error when there was one."""

    outcome: Outcome
    error: str = ""
    zalo_error: int = 0  # Zalo's own error code, when it answered one


@dataclass(frozen=True)
class OutgoingMessage:
    """A message of the outbox as a worker holds it while its claim lasts."""

    id: int
    channel: str
    recipient: str
    body: dict[str, Any] = field(hash=False)
    attempts: int
    claim: str


@dataclass(frozen=True)
class OutboxCounts:
    """What the outbox holds: messages waiting to be sent and messages given up."""

    waiting: int
    failed: int
    oldest_waiting: datetime | None


def retry_delay(attempts: int) -> timedelta:
    """Return the wait after the `attempts`-th failed attempt: 15 s, 30 s, 1 min, … at most 1 hour."""
    doublings = min(max(attempts, 1) - 1, 20)
    return min(FIRST_RETRY * (1 << doublings), LONGEST_WAIT)


def after_attempt(delivery: Delivery, attempts: int) -> State:
    """Return where a message stands after its `attempts`-th attempt ended in `delivery`."""
    if delivery.outcome is Outcome.SENT:
        return State.SENT
    if delivery.outcome is Outcome.RETRY and attempts < MAX_ATTEMPTS:
        return State.PENDING
    return State.FAILED
