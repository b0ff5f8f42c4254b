"""How many tries at a dossier's last 4 phone digits anyone gets, and how long they then wait.

Four digits are 10,000 guesses: the limits below keep a guesser far from them. One address gets
a few free tries at a dossier, then a gate that opens 2, 4, 8 … seconds after its last try (a
citizen with a typo waits seconds, never hours); an address gets 30 tries a day across every
dossier, and a dossier 50 a day from every address together, so neither one address walking
through codes nor many addresses on one code come near a full unlock. A dossier whose day's tries
are spent still opens from the QR on its paper.
"""

from __future__ import annotations

DAY = 24 * 60 * 60
FREE_TRIES = 5
MAX_WAIT = 15 * 60
ADDRESS_TRIES = 30
DOSSIER_TRIES = 50


def backoff(step: int) -> int:
    """Return the seconds the gate stays shut after the `step`-th try past the free ones (1, 2, …)."""
    return min(1 << min(max(step, 1), 20), MAX_WAIT)
