"""When a message is tried again or given up, and when the OA's token is renewed (no Flask, no database)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from receipts.domain.localtime import LOCAL
from receipts.domain.oa_tokens import RENEW_BEFORE, OaCredentials, needs_renewal, usable
from receipts.domain.outbox import MAX_ATTEMPTS, Delivery, Outcome, State, after_attempt, retry_delay

NOW = datetime(2026, 11, 26, 9, 0, 0, tzinfo=LOCAL)


@pytest.mark.parametrize(
    ("attempts", "seconds"),
    [(0, 15), (1, 15), (2, 30), (3, 60), (8, 1920), (9, 3600), (10, 3600), (1000, 3600)],
)
def test_the_wait_doubles_from_15_seconds_up_to_an_hour(attempts, seconds):
    assert retry_delay(attempts) == timedelta(seconds=seconds)


def test_a_message_waits_again_until_its_last_attempt_then_is_given_up():
    busy = Delivery(Outcome.RETRY, "-32")
    assert after_attempt(busy, 1) is State.PENDING
    assert after_attempt(busy, MAX_ATTEMPTS - 1) is State.PENDING
    assert after_attempt(busy, MAX_ATTEMPTS) is State.FAILED


@pytest.mark.parametrize(
    ("outcome", "state"),
    [
        (Outcome.SENT, State.SENT),
        (Outcome.REFUSED, State.FAILED),
        (Outcome.UNAUTHORIZED, State.FAILED),
        (Outcome.RETRY, State.PENDING),
    ],
)
def test_each_outcome_of_a_first_attempt_leads_to_one_state(outcome, state):
    assert after_attempt(Delivery(outcome), 1) is state


def credentials(left: timedelta | None, access: str = "at") -> OaCredentials:
    expires = None if left is None else NOW + left
    return OaCredentials(access, "rt", expires, NOW, "", None)


@pytest.mark.parametrize(
    ("left", "access", "renew"),
    [
        (RENEW_BEFORE, "at", False),
        (RENEW_BEFORE - timedelta(seconds=1), "at", True),
        (timedelta(hours=20), "", True),
        (None, "at", True),
        (-timedelta(hours=1), "at", True),
    ],
)
def test_a_token_is_renewed_with_less_than_an_hour_left_or_none_at_all(left, access, renew):
    assert needs_renewal(credentials(left, access), NOW) is renew


@pytest.mark.parametrize(
    ("left", "access", "ok"),
    [(timedelta(seconds=1), "at", True), (timedelta(0), "at", False), (timedelta(hours=1), "", False)],
)
def test_a_token_is_usable_until_the_moment_it_expires(left, access, ok):
    assert usable(credentials(left, access), NOW) is ok
