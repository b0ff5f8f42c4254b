"""Machine clients' API keys: what a key may do, and for which agency."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

SCOPES = ("issue", "update")
# Writing the last use on every request would make every API call a write; once a minute is enough.
LAST_USE_PRECISION = timedelta(minutes=1)


@dataclass(frozen=True)
class ApiKey:
    """A stored key (never the key itself): its scopes, its agency (None: every agency) and its use."""

    id: int
    name: str
    scopes: tuple[str, ...]
    agency_code: str | None
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None

    def may_act_on(self, agency_code: str) -> bool:
        """Tell whether the key serves receipts of `agency_code`."""
        return self.agency_code is None or self.agency_code == agency_code

    def use_worth_recording(self, now: datetime) -> bool:
        """Tell whether a use at `now` should be written down (at most once a minute)."""
        return self.last_used_at is None or now - self.last_used_at >= LAST_USE_PRECISION
