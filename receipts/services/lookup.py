"""Unlock a dossier's full receipt with the last 4 digits of the applicant's phone.

Every try is counted (per address, per address and dossier, per dossier) in the shared counters
BEFORE the digits are compared, so that parallel guesses cannot slip under a limit, in any
number of workers or servers.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from ..domain.dossiers import StoredReceipt
from ..domain.unlocks import ADDRESS_TRIES, DAY, DOSSIER_TRIES, FREE_TRIES, backoff
from ..store import counters
from .receipts import find

if TYPE_CHECKING:
    from ..signing.tokens import TokenSigner


@dataclass(frozen=True)
class Unlock:
    """What a try came to: the QR token of the current version, or none, with the seconds to wait."""

    token: str | None
    wait: int = 0


@dataclass(frozen=True)
class Proof:
    """Whether a try proved the dossier the caller's: `wait` seconds when it was refused uncounted."""

    stored: StoredReceipt
    proven: bool
    wait: int = 0


def unlock(code: str, last_digits: str, address: str, now: datetime, signer: TokenSigner) -> Unlock:
    """Count the try, then return the current version's token if the digits are the phone's last 4."""
    proof = prove(code, last_digits, address, now)
    if not proof.proven:
        return Unlock(None, proof.wait)
    return Unlock(signer.sign(proof.stored.version_id))


def prove(code: str, last_digits: str, address: str, now: datetime) -> Proof:
    """Count a try from `address` (a web client, a Zalo user), then compare the phone's last 4 digits."""
    stored = find(code)
    wait = _wait_before_check(stored.code, address, now)
    if wait:
        return Proof(stored, False, wait)
    phone = "".join(ch for ch in stored.snapshot.applicant.phone if ch.isdigit())
    given = "".join(ch for ch in last_digits if ch.isdigit())
    if len(phone) < 4 or len(given) != 4 or not hmac.compare_digest(phone[-4:], given):
        return Proof(stored, False)
    counters.reset(_key("pair", address, stored.code))
    counters.reset(_key("gate", address, stored.code))
    return Proof(stored, True)


def _wait_before_check(code: str, address: str, now: datetime) -> int:
    """Count a try at `code` from `address`; return 0 to let it through, else the seconds to wait."""
    if counters.hit(_key("address", address), DAY, now) > ADDRESS_TRIES:
        return DAY
    if counters.hit(_key("dossier", code), DAY, now) > DOSSIER_TRIES:
        return DAY
    tries = counters.hit(_key("pair", address, code), DAY, now)
    if tries <= FREE_TRIES:
        return 0
    # Past the free tries a gate lets one try through and stays shut for the backoff; of
    # parallel tries only the one that opens it (count 1) goes on.
    wait = backoff(tries - FREE_TRIES)
    return 0 if counters.hit(_key("gate", address, code), wait, now) == 1 else wait


def _key(kind: str, *parts: str) -> str:
    # Hashed: the counters' store never holds an address or a dossier code in clear.
    return f"unlock:{kind}:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
