"""The use cases called as plain functions, with a fixed clock and no request."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from receipts.domain.commands import Correction, IssueCommand
from receipts.domain.errors import Conflict, InvalidInput, NotFound, NothingToChange
from receipts.domain.receipt import Applicant
from receipts.domain.statuses import Status
from receipts.runtime import signer
from receipts.services import dossiers, lookup, receipts, verification
from tests.support import DEMO_AGENCY, FIXED_NOW

COMMAND = IssueCommand(
    agency_code=DEMO_AGENCY,
    procedure_code="1.000028.000.00.00.H15",
    applicant=Applicant(name="Phan Quốc Hậu", phone="0946911303"),
)


@pytest.fixture
def context(app):
    with app.app_context():
        yield app


def test_without_a_reception_time_the_clock_given_is_the_reception_time(context):
    stored = receipts.issue(COMMAND, FIXED_NOW)
    assert stored.code == "000.00.04.H15-201125-0001"
    assert stored.snapshot.received_at == FIXED_NOW
    assert stored.snapshot.due_text == "Chiều ngày 09/12/2020"


def test_a_reception_time_outside_the_codes_years_is_refused(context):
    with pytest.raises(InvalidInput):
        receipts.issue(replace(COMMAND, received_at=FIXED_NOW.replace(year=1999)), FIXED_NOW)


def test_a_correction_keeps_the_code_and_supersedes_the_old_qr(context):
    first = receipts.issue(COMMAND, FIXED_NOW)
    token = verification.token_for(first, signer())
    later = FIXED_NOW + timedelta(hours=1)
    second = receipts.reissue(first.code, Correction(applicant={"phone": "0912345678"}), later)
    assert (second.code, second.snapshot.version) == (first.code, 2)
    assert second.snapshot.applicant == replace(first.snapshot.applicant, phone="0912345678")
    checked = verification.verify(token, signer())
    assert checked is not None and checked.verdict == "superseded"
    assert verification.verify(checked.current_token, signer()).receipt.version_id == second.version_id
    with pytest.raises(NothingToChange):
        receipts.reissue(first.code, Correction(applicant={"phone": "0912345678"}), later)


def test_a_revoked_receipt_takes_no_correction_and_no_event(context):
    stored = receipts.issue(COMMAND, FIXED_NOW)
    receipts.revoke(stored.code, "Nhập nhầm", FIXED_NOW)
    assert receipts.revoke(stored.code, "lần nữa", FIXED_NOW).revoked  # revoking again changes nothing
    with pytest.raises(Conflict):
        receipts.reissue(stored.code, Correction(sets=2), FIXED_NOW)
    with pytest.raises(Conflict):
        dossiers.record_event(stored.code, Status.IN_PROGRESS, "", None, FIXED_NOW)


def test_an_event_is_dated_by_the_clock_unless_it_says_when(context):
    stored = receipts.issue(COMMAND, FIXED_NOW)
    moved = dossiers.record_event(stored.code.lower(), Status.IN_PROGRESS, "", None, FIXED_NOW)
    assert moved.status is Status.IN_PROGRESS
    late = stored.snapshot.due_at + timedelta(seconds=1)
    assert dossiers.status(stored.code, late).overdue
    dossiers.record_event(stored.code, Status.RESULT_READY, "", None, late)
    assert not dossiers.status(stored.code, late + timedelta(days=30)).overdue


def test_only_the_last_four_digits_of_the_applicants_phone_unlock_the_receipt(context):
    stored = receipts.issue(COMMAND, FIXED_NOW)
    token = verification.token_for(stored, signer())
    assert lookup.unlock(stored.code, "1303", "10.0.0.1", FIXED_NOW, signer()).token == token
    for n, wrong in enumerate(("1304", "303", "91303", "")):
        result = lookup.unlock(stored.code, wrong, f"10.0.0.{n + 2}", FIXED_NOW, signer())
        assert result == lookup.Unlock(None, 0)
    with pytest.raises(NotFound):
        lookup.unlock("000.00.04.H15-201125-0999", "1303", "10.0.0.1", FIXED_NOW, signer())
