"""The citizen's side of a conversation with the Official Account: who wrote when, and how much."""

from __future__ import annotations

import hashlib
from datetime import datetime

from ..domain.conversation import CODES_PER_HOUR, HOUR
from ..store import counters
from ..store import subscriptions as store
from ..store.database import write_transaction


def remember(user_id: str, now: datetime, codes: tuple[str, ...] = ()) -> None:
    """Record that the user wrote now (Zalo's 7-day window) and which codes they asked about."""
    with write_transaction():
        store.touch(user_id, now, codes)


def codes_allowed(user_id: str, how_many: int, now: datetime) -> bool:
    """Count `how_many` codes asked by the user, before answering; False once the hour's are spent."""
    key = "bot:codes:" + hashlib.sha256(user_id.encode()).hexdigest()
    count = 0
    for _ in range(how_many):
        count = counters.hit(key, HOUR, now)
    return count <= CODES_PER_HOUR
