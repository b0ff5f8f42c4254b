"""The outbox and the incoming messages already answered.

Every write runs inside the caller's `write_transaction`; nothing here commits. A message is
claimed by one worker at a time: `FOR UPDATE SKIP LOCKED` on PostgreSQL, the write lock that
`BEGIN IMMEDIATE` takes on SQLite; a claim that outlives its lease is taken again.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import case, delete, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..domain.outbox import OutboxCounts, OutgoingMessage, State
from ..extensions import db
from .models import Outbox, ZaloInbound
from .times import aware_local, naive_utc

_PENDING = State.PENDING.value


def add(channel: str, recipient: str, body: dict[str, Any], now: datetime) -> int:
    """Put a message in the outbox, due at once; return its id."""
    row = Outbox(
        channel=channel,
        recipient=recipient,
        body=body,
        status=_PENDING,
        attempts=0,
        next_attempt_at=naive_utc(now),
        created_at=naive_utc(now),
        last_error="",
    )
    db.session.add(row)
    db.session.flush()
    return row.id


def remember_inbound(msg_id: str, user_id: str, now: datetime) -> bool:
    """Record an incoming message as answered; False if it was recorded before."""
    insert = pg_insert if db.engine.dialect.name == "postgresql" else sqlite_insert
    stmt = (
        insert(ZaloInbound)
        .values(msg_id=msg_id, user_id=user_id, received_at=naive_utc(now))
        .on_conflict_do_nothing(index_elements=["msg_id"])
        .returning(ZaloInbound.id)
    )
    return db.session.execute(stmt).scalar() is not None


def was_answered(msg_id: str) -> bool:
    """Tell whether an incoming message was recorded as answered."""
    found = db.session.execute(select(ZaloInbound.id).where(ZaloInbound.msg_id == msg_id)).first()
    db.session.rollback()  # a read that must not hold a snapshot or a lock into the next transaction
    return found is not None


def _claimable(now: datetime) -> Any:
    moment = naive_utc(now)
    return (
        select(Outbox.id)
        .where(
            Outbox.status == _PENDING,
            Outbox.next_attempt_at <= moment,
            or_(Outbox.claimed_until.is_(None), Outbox.claimed_until < moment),
        )
        .order_by(Outbox.next_attempt_at, Outbox.id)
        .limit(1)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )


def claim_next(claim: str, now: datetime, lease: timedelta) -> OutgoingMessage | None:
    """Claim the message due first for `lease`, counting the attempt; None when nothing is due."""
    stmt = (
        update(Outbox)
        .where(Outbox.id == _claimable(now))
        .values(claimed_by=claim, claimed_until=naive_utc(now + lease), attempts=Outbox.attempts + 1)
        .returning(Outbox.id, Outbox.channel, Outbox.recipient, Outbox.body, Outbox.attempts)
    )
    row = db.session.execute(stmt).first()
    if row is None:
        return None
    return OutgoingMessage(row.id, row.channel, row.recipient, row.body, row.attempts, claim)


def _release(message: OutgoingMessage, **values: Any) -> bool:
    stmt = (
        update(Outbox)
        .where(Outbox.id == message.id, Outbox.claimed_by == message.claim)
        .values(claimed_by=None, claimed_until=None, **values)
    )
    return db.session.execute(stmt).rowcount == 1


def mark_sent(message: OutgoingMessage, now: datetime) -> bool:
    """Record a delivered message; False if its claim was lost meanwhile."""
    return _release(message, status=State.SENT.value, sent_at=naive_utc(now), last_error="")


def mark_pending(message: OutgoingMessage, error: str, retry_at: datetime) -> bool:
    """Put a message back to be tried again at `retry_at`; False if its claim was lost meanwhile."""
    return _release(message, next_attempt_at=naive_utc(retry_at), last_error=error[:1000])


def reroute(
    message: OutgoingMessage, channel: str, recipient: str, body: dict[str, Any], error: str, now: datetime
) -> bool:
    """Turn a message into another channel's, due at once with fresh attempts; False if its claim was lost."""
    return _release(
        message,
        channel=channel,
        recipient=recipient,
        body=body,
        attempts=0,
        next_attempt_at=naive_utc(now),
        last_error=error[:1000],
    )


def mark_failed(message: OutgoingMessage, error: str) -> bool:
    """Give a message up with its error; False if its claim was lost meanwhile."""
    return _release(message, status=State.FAILED.value, last_error=error[:1000])


def next_attempt_at() -> datetime | None:
    """Return when the next waiting message falls due (a live claim's lease ending counts), or None."""
    due = case(
        (Outbox.claimed_until > Outbox.next_attempt_at, Outbox.claimed_until),
        else_=Outbox.next_attempt_at,
    )
    value = db.session.execute(select(func.min(due)).where(Outbox.status == _PENDING)).scalar()
    return aware_local(value)


def counts() -> OutboxCounts:
    """Return how many messages wait, how many were given up, and since when the oldest waits."""
    rows = db.session.execute(
        select(Outbox.status, func.count(), func.min(Outbox.created_at)).group_by(Outbox.status)
    ).all()
    by_status = {status: (count, oldest) for status, count, oldest in rows}
    waiting, oldest = by_status.get(_PENDING, (0, None))
    return OutboxCounts(waiting, by_status.get(State.FAILED.value, (0, None))[0], aware_local(oldest))


def prune(answered_before: datetime, sent_before: datetime) -> None:
    """Forget answered incoming messages and sent messages older than the given moments."""
    db.session.execute(delete(ZaloInbound).where(ZaloInbound.received_at < naive_utc(answered_before)))
    db.session.execute(
        delete(Outbox).where(Outbox.status == State.SENT.value, Outbox.sent_at < naive_utc(sent_before))
    )
