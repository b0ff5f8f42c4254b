"""The people at the counter."""

from __future__ import annotations

from dataclasses import dataclass

ROLES = ("officer", "admin")


@dataclass(frozen=True)
class Officer:
    """A counter officer (bound to one agency) or an administrator (any agency when it has none)."""

    id: int
    username: str
    role: str
    agency_code: str | None
    full_name: str

    def may_act_on(self, agency_code: str) -> bool:
        """Tell whether this officer may see and act on a receipt of `agency_code`."""
        return self.role == "admin" or self.agency_code == agency_code
