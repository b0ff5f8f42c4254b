"""Subscriptions to a dossier's status changes, for Zalo users who proved the dossier theirs.

A user proves a dossier with the last 4 digits of the applicant's phone, counted and compared
exactly as `/tra-cuu` does (services.lookup), or by sharing, through Zalo, the applicant's phone.
Each status change, and each new appointment of a late dossier (Mẫu 04), writes one notice per
subscriber to the outbox in the transaction that records it: a consultation message inside Zalo's
7-day window (with the ZNS template to fall back on when Zalo answers -230), a ZNS template message
to the applicant's phone outside it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum
from typing import Protocol

from ..domain.conversation import CS_WINDOW_DAYS, international_phone, same_phone
from ..domain.dossiers import StoredReceipt
from ..domain.errors import NotFound
from ..domain.guidance import ExtensionNotice, StatusNotice
from ..domain.outbox import ZALO_CS, ZALO_ZNS
from ..store import outbox
from ..store import subscriptions as store
from ..store.database import write_transaction
from .lookup import prove
from .receipts import find

DIGITS, PHONE = "digits", "phone"


class Notice(Protocol):
    """What a subscriber is told: a consultation message's text, the ZNS template's parameters."""

    def text(self) -> str:
        """Return the consultation message."""
        ...

    def template_data(self) -> dict[str, str]:
        """Return the ZNS template's parameters."""
        ...


class Outcome(Enum):
    """How a try to subscribe ended."""

    SUBSCRIBED = "subscribed"
    ALREADY = "already"
    WRONG_DIGITS = "wrong_digits"
    WAIT = "wait"
    REVOKED = "revoked"


@dataclass(frozen=True)
class Subscribing:
    """A try to subscribe: how it ended, the dossier's code, the seconds to wait when refused so."""

    outcome: Outcome
    code: str
    wait: int = 0


def with_digits(code: str, digits: str, user_id: str, now: datetime) -> Subscribing:
    """Count the try as `/tra-cuu` does, then subscribe the user if the digits are the phone's last 4."""
    proof = prove(code, digits, _address(user_id), now)
    stored = proof.stored
    if proof.wait:
        return Subscribing(Outcome.WAIT, stored.code, proof.wait)
    if not proof.proven:
        return Subscribing(Outcome.WRONG_DIGITS, stored.code)
    return _subscribe(stored, user_id, DIGITS, now)


def with_phone(user_id: str, phone: str, now: datetime) -> list[Subscribing]:
    """Subscribe the user to the dossiers they last asked about whose applicant's phone is `phone`."""
    with write_transaction():
        codes = store.last_codes(user_id)
    done = []
    for code in codes:
        try:
            stored = find(code)
        except NotFound:
            continue
        if same_phone(stored.snapshot.applicant.phone, phone):
            done.append(_subscribe(stored, user_id, PHONE, now))
    return done


def _subscribe(stored: StoredReceipt, user_id: str, proof: str, now: datetime) -> Subscribing:
    if stored.revoked:
        return Subscribing(Outcome.REVOKED, stored.code)
    with write_transaction():
        added = store.subscribe(stored.id, user_id, proof, now)
    return Subscribing(Outcome.SUBSCRIBED if added else Outcome.ALREADY, stored.code)


def end(user_id: str, codes: tuple[str, ...] | None) -> list[str]:
    """End the user's subscriptions to `codes` (every one for None); return the codes ended."""
    with write_transaction():
        return store.unsubscribe(user_id, codes)


def notify_in_transaction(stored: StoredReceipt, lookup_url: str, now: datetime) -> int:
    """Write the notice of the dossier's new status for each subscriber; return how many were written.

    Runs inside the caller's write transaction (the one recording the event), so that a notice
    exists exactly when its event does.
    """
    return _write(stored, StatusNotice(stored.code, stored.status, stored.due_text, lookup_url), now)


def notify_extension_in_transaction(
    stored: StoredReceipt, reason: str, lookup_url: str, now: datetime
) -> int:
    """Write the apology, the reason and the new appointment for each subscriber; return how many.

    `stored` carries the new appointment. Runs inside the caller's write transaction (the one
    recording the extension), so that a notice exists exactly when its extension does.
    """
    return _write(stored, ExtensionNotice(stored.code, reason, stored.due_line, lookup_url), now)


def _write(stored: StoredReceipt, notice: Notice, now: datetime) -> int:
    if stored.revoked:
        return 0
    phone = international_phone(stored.snapshot.applicant.phone)
    zns = {"template_data": notice.template_data()}
    written, zns_sent = 0, False
    for subscriber in store.subscribers(stored.id):
        last = subscriber.last_interaction_at
        if last is not None and now - last < timedelta(days=CS_WINDOW_DAYS):
            body: dict[str, object] = {"text": notice.text()}
            if phone:
                body["zns"] = {"phone": phone, **zns}
            outbox.add(ZALO_CS, subscriber.user_id, body, now)
        elif phone and not zns_sent:
            # Outside the window the notice goes to the applicant's phone: once, however many subscribe.
            outbox.add(ZALO_ZNS, phone, zns, now)
            zns_sent = True
        else:
            continue
        written += 1
    return written


def _address(user_id: str) -> str:
    # The lookup limits count per address; a Zalo user is one, whatever network they write from.
    return f"zalo:{user_id}"
