"""How many login tries a username and an address get before they must wait, and how long."""

from __future__ import annotations

# The first tries on a name reach the password check at once; after that each try waits for a
# gate that opens 2, 4, 8 … seconds after the last one let through, never longer than MAX_WAIT,
# so a forgotten password slows a person down but never locks them out for good.
FREE_TRIES = 5
MAX_WAIT = 15 * 60
NAME_WINDOW = 24 * 60 * 60
# One address (a whole office behind one NAT) gets more, counted across every name it tries.
ADDRESS_TRIES = 50
ADDRESS_WINDOW = 15 * 60


def backoff(step: int) -> int:
    """Return the seconds the gate stays shut after the `step`-th try past the free ones (1, 2, …)."""
    return min(1 << min(max(step, 1), 20), MAX_WAIT)
