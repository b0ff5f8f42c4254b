"""Messages to citizens through an outbox: written in the transaction that caused them, then
delivered by the worker one claim at a time, retried with backoff, never sent by two workers.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Protocol

from ..domain.errors import NotConnected, RenewalFailed
from ..domain.outbox import (
    OUTSIDE_WINDOW,
    ZALO_CS,
    ZALO_ZNS,
    Delivery,
    OutboxCounts,
    Outcome,
    OutgoingMessage,
    State,
    after_attempt,
    retry_delay,
)
from ..store import outbox as store
from ..store.database import write_transaction
from . import oa_tokens

log = logging.getLogger(__name__)
# Zalo redelivers a webhook for hours and the webhook drops events older than a day.
KEEP_ANSWERED = timedelta(days=2)
KEEP_SENT = timedelta(days=30)


class Gateway(oa_tokens.Renewer, Protocol):
    """What sends messages and renews tokens (Zalo's HTTP APIs, or a stand-in)."""

    @property
    def timeout(self) -> float:
        """Seconds to wait for Zalo."""
        ...

    def send(self, access_token: str, message: OutgoingMessage) -> Delivery:
        """Send one message and say how it ended, without raising."""
        ...


def queue_reply(msg_id: str, user_id: str, text: str, now: datetime) -> bool:
    """Queue the answer to an incoming message, once: False if that message was answered before."""
    with write_transaction():
        if not store.remember_inbound(msg_id, user_id, now):
            return False
        store.add(ZALO_CS, user_id, {"text": text}, now)
    return True


def receive(msg_id: str, user_id: str, now: datetime) -> bool:
    """Record an incoming message that the worker answers later, once: False if it was recorded before."""
    with write_transaction():
        return store.remember_inbound(msg_id, user_id, now)


def answered(msg_id: str) -> bool:
    """Tell whether an incoming message was answered already (Zalo redelivers for hours)."""
    return store.was_answered(msg_id)


def lease(gateway: Gateway) -> timedelta:
    """Return how long a claim lasts: a send, a renewal and the send again, with room to spare."""
    return timedelta(seconds=5 * gateway.timeout)


def deliver_next(gateway: Gateway, bootstrap: str | None, worker: str, now: datetime) -> Delivery | None:
    """Claim the message due first, send it and record the outcome; None when nothing is due."""
    with write_transaction():
        message = store.claim_next(worker, now, lease(gateway))
    if message is None:
        return None
    delivery = _attempt(gateway, bootstrap, message, now)
    state = after_attempt(delivery, message.attempts)
    fallback = message.body.get("zns") if delivery.zalo_error == OUTSIDE_WINDOW else None
    with write_transaction():
        if isinstance(fallback, dict) and fallback.get("phone"):
            # Outside Zalo's 7-day window: the same notice goes as a ZNS template to the phone.
            zns = {"template_data": fallback.get("template_data", {})}
            kept = store.reroute(message, ZALO_ZNS, str(fallback["phone"]), zns, delivery.error, now)
            state = State.PENDING
        elif state is State.SENT:
            kept = store.mark_sent(message, now)
        elif state is State.PENDING:
            kept = store.mark_pending(message, delivery.error, now + retry_delay(message.attempts))
        else:
            kept = store.mark_failed(message, delivery.error or f"gave up after {message.attempts} attempts")
    if not kept:
        log.warning("outbox message %s: the claim expired while it was being sent", message.id)
    if state is State.FAILED:
        log.warning("outbox message %s given up: %s", message.id, delivery.error)
    return delivery


def _attempt(gateway: Gateway, bootstrap: str | None, message: OutgoingMessage, now: datetime) -> Delivery:
    token = oa_tokens.access_token(gateway, bootstrap, now)
    if not token:
        return Delivery(Outcome.RETRY, "no usable access token (see `flask --app wsgi zalo status`)")
    delivery = gateway.send(token, message)
    if delivery.outcome is not Outcome.UNAUTHORIZED:
        return delivery
    try:
        token = oa_tokens.renew_rejected(gateway, token, now)
    except (RenewalFailed, NotConnected) as error:
        return Delivery(Outcome.RETRY, f"{delivery.error}; {error.message}")
    delivery = gateway.send(token, message)  # once: a second rejection waits for the next attempt
    if delivery.outcome is Outcome.UNAUTHORIZED:
        return Delivery(Outcome.RETRY, delivery.error)
    return delivery


def next_attempt_at() -> datetime | None:
    """Return when the next waiting message falls due, or None when none waits."""
    return store.next_attempt_at()


def counts() -> OutboxCounts:
    """Return how many messages wait and how many were given up."""
    return store.counts()


def prune(now: datetime) -> None:
    """Forget old answered incoming messages and old sent messages."""
    with write_transaction():
        store.prune(now - KEEP_ANSWERED, now - KEEP_SENT)
