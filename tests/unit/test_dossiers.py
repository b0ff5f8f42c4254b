"""A stored dossier: when it is overdue, what its QR proves, what a stranger may see."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from receipts.domain.dossiers import REVOKED, SUPERSEDED, VALID, StoredReceipt, redacted
from receipts.domain.statuses import Status
from receipts.runtime import sample_snapshot

FINISHED = [Status.RESULT_READY, Status.RETURNED, Status.REJECTED, Status.WITHDRAWN]
UNFINISHED = [s for s in Status if s not in FINISHED]


def stored(status: Status = Status.RECEIVED, **changes: object) -> StoredReceipt:
    snapshot = replace(sample_snapshot(), due_at=sample_snapshot().received_at + timedelta(days=14))
    base = StoredReceipt(1, snapshot.code, status, 1, False, 1, snapshot)
    return replace(base, **changes)


@pytest.mark.parametrize("status", UNFINISHED)
def test_a_dossier_still_being_handled_is_overdue_from_the_second_after_its_appointment(status):
    dossier = stored(status)
    due = dossier.snapshot.due_at
    assert not dossier.is_overdue(due - timedelta(seconds=1))
    assert not dossier.is_overdue(due)
    assert dossier.is_overdue(due + timedelta(seconds=1))


@pytest.mark.parametrize("status", FINISHED)
def test_a_finished_dossier_is_never_overdue_however_late(status):
    dossier = stored(status)
    assert not dossier.is_overdue(dossier.snapshot.due_at + timedelta(days=3650))


def test_finished_means_exactly_the_four_end_states():
    assert {s for s in Status if s.is_finished} == set(FINISHED)


def test_the_verdict_is_revoked_before_superseded_before_valid():
    assert stored().verdict == VALID
    assert stored(current_version=2).verdict == SUPERSEDED
    assert stored(revoked=True).verdict == REVOKED
    assert stored(current_version=2, revoked=True).verdict == REVOKED


def test_the_redacted_status_carries_no_personal_data():
    dossier = stored(Status.IN_PROGRESS)
    view = redacted(dossier, dossier.snapshot.due_at + timedelta(hours=1))
    applicant = dossier.snapshot.applicant
    text = repr(view)
    for private in (applicant.name, applicant.address, applicant.phone, applicant.email):
        assert private not in text
    assert view.applicant == "N*** V*** Ấ***"
    assert (view.status_text, view.dvc_status, view.overdue) == ("Đang xử lý", 4, True)
