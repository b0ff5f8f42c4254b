"""Domain errors, each with a stable code that the API and the web map to their own answers."""

from __future__ import annotations


class DomainError(Exception):
    """A rule of the domain was broken; `code` is stable, `message` is Vietnamese."""

    code = "domain_error"
    status = 422

    def __init__(self, message: str, fields: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields or {}


class InvalidInput(DomainError):
    """Values that do not satisfy the rules."""

    code = "invalid_values"


class UnknownAgency(DomainError):
    """The agency code names no agency."""

    code = "unknown_agency"


class UnknownProcedure(DomainError):
    """The procedure code names no procedure."""

    code = "unknown_procedure"


class Forbidden(DomainError):
    """The caller may not do this (an agency's API key issuing for another agency)."""

    code = "forbidden"
    status = 403


class NotFound(DomainError):
    """Nothing is known under that identifier."""

    code = "not_found"
    status = 404


class Conflict(DomainError):
    """The request conflicts with the current state."""

    code = "conflict"
    status = 409


class BadTransition(Conflict):
    """A status change that the dossier's life cycle does not allow."""

    code = "bad_transition"


class IdempotencyConflict(Conflict):
    """An idempotency key reused for a different request."""

    code = "idempotency_conflict"


class NothingToChange(DomainError):
    """A correction that corrects nothing."""

    code = "nothing_to_change"


class TooLarge(DomainError):
    """Something too big to make: a form that would print too many pages or take too long."""

    code = "too_large"
    status = 422


class Busy(DomainError):
    """The service is at capacity for this kind of work; the client may retry shortly."""

    code = "busy"
    status = 503
    retry_after = 5


class NotConnected(DomainError):
    """The OA has no stored refresh token: `flask zalo connect` has not been run."""

    code = "zalo_not_connected"
    status = 503


class RenewalFailed(DomainError):
    """Zalo did not renew the OA's access token."""

    code = "zalo_renewal_failed"
    status = 502
