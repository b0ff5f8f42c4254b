"""Zalo users who wrote to the OA, and their subscriptions to dossiers; nothing here commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select

from ..extensions import db
from .database import insert
from .models import Receipt, Subscription, ZaloFollower
from .times import aware_local, naive_utc


@dataclass(frozen=True)
class Subscriber:
    """Someone who proved a dossier theirs, and when they last wrote to the OA (None: never)."""

    user_id: str
    last_interaction_at: datetime | None


def touch(user_id: str, now: datetime, codes: tuple[str, ...] = ()) -> None:
    """Record that the user wrote now and, when the message named codes, which ones."""
    values: dict[str, object] = {"user_id": user_id, "last_interaction_at": naive_utc(now)}
    update: dict[str, object] = {"last_interaction_at": naive_utc(now)}
    values["last_codes"] = " ".join(codes)
    if codes:
        update["last_codes"] = values["last_codes"]
    stmt = insert(ZaloFollower).values(**values)
    db.session.execute(stmt.on_conflict_do_update(index_elements=["user_id"], set_=update))


def last_codes(user_id: str) -> tuple[str, ...]:
    """Return the codes the user's last message about dossiers named."""
    found = db.session.get(ZaloFollower, user_id)
    return tuple(found.last_codes.split()) if found else ()


def subscribe(receipt_id: int, user_id: str, proof: str, now: datetime) -> bool:
    """Subscribe the user to a dossier; False if they already were."""
    stmt = (
        insert(Subscription)
        .values(receipt_id=receipt_id, user_id=user_id, proof=proof, created_at=naive_utc(now))
        .on_conflict_do_nothing(index_elements=["receipt_id", "user_id"])
        .returning(Subscription.id)
    )
    return db.session.execute(stmt).scalar() is not None


def unsubscribe(user_id: str, codes: tuple[str, ...] | None) -> list[str]:
    """End the user's subscriptions to `codes` (all of them for None); return the codes ended."""
    query = select(Subscription.id, Receipt.code).join(Receipt, Receipt.id == Subscription.receipt_id)
    query = query.where(Subscription.user_id == user_id)
    if codes is not None:
        query = query.where(Receipt.code.in_(codes))
    rows = db.session.execute(query.order_by(Subscription.id)).all()
    if rows:
        db.session.execute(delete(Subscription).where(Subscription.id.in_([row.id for row in rows])))
    return [row.code for row in rows]


def subscribers(receipt_id: int) -> list[Subscriber]:
    """Return who is subscribed to a dossier, with their last interaction."""
    rows = db.session.execute(
        select(Subscription.user_id, ZaloFollower.last_interaction_at)
        .outerjoin(ZaloFollower, ZaloFollower.user_id == Subscription.user_id)
        .where(Subscription.receipt_id == receipt_id)
        .order_by(Subscription.id)
    ).all()
    return [Subscriber(row.user_id, aware_local(row.last_interaction_at)) for row in rows]
