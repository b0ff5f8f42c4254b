"""The rules of records after the receipt: what an event may carry, when an appointment may move and
where to, and how the control sheet judges each hand-over. No Flask, no database."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta

import pytest

from receipts.domain.calendar import WorkingCalendar
from receipts.domain.dossiers import StoredReceipt, redacted
from receipts.domain.errors import InvalidInput
from receipts.domain.events import EXTENSION, HANDOVER, STATUS, STATUS_FORMS, Event, EventDraft
from receipts.domain.extensions import Finished, NotLate, check_extendable, new_due
from receipts.domain.localtime import LOCAL
from receipts.domain.notices import EARLY, LATE, ON_TIME, control_sheet_values, event_values
from receipts.domain.statuses import Status
from receipts.runtime import sample_snapshot

# Weekends only: the rules, not the holidays, are under test here.
CALENDAR = WorkingCalendar(lambda year: ())
SESSIONS = ((time(7, 0), time(11, 30)), (time(13, 30), time(17, 0)))
DUE = datetime(2024, 8, 30, 9, 0, tzinfo=LOCAL)  # a Friday


def stored(status: Status = Status.IN_PROGRESS, **changes: object) -> StoredReceipt:
    snapshot = replace(sample_snapshot(), due_at=DUE)
    return replace(StoredReceipt(1, snapshot.code, status, 1, False, 1, snapshot), **changes)


@pytest.mark.parametrize("status", list(STATUS_FORMS))
def test_items_go_with_the_three_statuses_that_print_a_form(status):
    EventDraft(status, items=("Một",)).check()


@pytest.mark.parametrize("status", [s for s in Status if s not in STATUS_FORMS])
def test_items_with_any_other_status_are_refused(status):
    with pytest.raises(InvalidInput) as error:
        EventDraft(status, items=("Một",)).check()
    assert "items" in error.value.fields


def test_a_draft_records_a_status_or_a_whole_handover():
    EventDraft(None, handover_from="A", handover_to="B").check()
    EventDraft(Status.IN_PROGRESS).check()
    for draft, field in [
        (EventDraft(None), "status"),
        (EventDraft(None, handover_from="A"), "handover.to"),
        (EventDraft(Status.IN_PROGRESS, handover_to="B"), "handover.from"),
    ]:
        with pytest.raises(InvalidInput) as error:
            draft.check()
        assert field in error.value.fields


def test_which_record_prints_which_form():
    at = DUE
    assert Event(1, STATUS, Status.NEEDS_SUPPLEMENT, at).form == "02"
    assert Event(1, STATUS, Status.REJECTED, at).form == "03"
    assert Event(1, EXTENSION, Status.IN_PROGRESS, at).form == "04"
    assert Event(1, STATUS, Status.SUSPENDED, at).form == "05"
    assert Event(1, STATUS, Status.IN_PROGRESS, at).form is None
    assert Event(1, HANDOVER, Status.SUSPENDED, at).form is None, "a hand-over changes no status"
    assert not Event(1, HANDOVER, Status.SUSPENDED, at).for_applicant


def test_an_extension_is_allowed_from_one_working_day_before_the_appointment():
    # Friday's appointment: from Thursday on (one working day before), not on Wednesday.
    check_extendable(stored(), datetime(2024, 8, 29, 7, 0, tzinfo=LOCAL), CALENDAR)
    with pytest.raises(NotLate):
        check_extendable(stored(), datetime(2024, 8, 28, 23, 59, tzinfo=LOCAL), CALENDAR)
    # A Monday appointment may move from the Friday before, across the weekend.
    monday = stored(extended_due_at=datetime(2024, 9, 2, 9, 0, tzinfo=LOCAL))
    check_extendable(monday, datetime(2024, 8, 30, 9, 0, tzinfo=LOCAL), CALENDAR)
    with pytest.raises(NotLate):
        check_extendable(monday, datetime(2024, 8, 29, 17, 0, tzinfo=LOCAL), CALENDAR)


@pytest.mark.parametrize("status", [s for s in Status if s.is_finished])
def test_a_finished_or_revoked_dossier_keeps_its_appointment(status):
    late = DUE + timedelta(days=3)
    with pytest.raises(Finished):
        check_extendable(stored(status), late, CALENDAR)
    with pytest.raises(Finished):
        check_extendable(stored(revoked=True), late, CALENDAR)


def test_working_days_count_from_the_later_of_now_and_the_appointment():
    early = datetime(2024, 8, 29, 10, 0, tzinfo=LOCAL)
    assert new_due(stored(), early, CALENDAR, SESSIONS, working_days=1) == datetime(
        2024, 9, 2, 9, 0, tzinfo=LOCAL
    ), "from Friday's appointment, not from Thursday"
    late = datetime(2024, 9, 3, 15, 0, tzinfo=LOCAL)
    assert new_due(stored(), late, CALENDAR, SESSIONS, working_days=1) == datetime(
        2024, 9, 4, 15, 0, tzinfo=LOCAL
    )


def test_a_new_appointment_given_must_be_later_and_in_office_hours():
    now = datetime(2024, 8, 30, 10, 0, tzinfo=LOCAL)
    good = datetime(2024, 9, 2, 7, 0, tzinfo=LOCAL)
    assert new_due(stored(), now, CALENDAR, SESSIONS, new_due_at=good) == good
    for bad in [
        now,
        DUE,
        datetime(2024, 9, 1, 9, 0, tzinfo=LOCAL),  # Sunday
        datetime(2024, 9, 2, 12, 0, tzinfo=LOCAL),  # lunch
        datetime(2024, 9, 2, 6, 59, tzinfo=LOCAL),
    ]:
        with pytest.raises(InvalidInput):
            new_due(stored(), now, CALENDAR, SESSIONS, new_due_at=bad)


def test_the_extended_appointment_binds_the_status_and_overdue():
    moved = stored(extended_due_at=DUE + timedelta(days=4))
    assert moved.due_at == DUE + timedelta(days=4)
    assert moved.due_text == "Sáng ngày 03/09/2024"
    assert not moved.is_overdue(DUE + timedelta(days=1))
    status = redacted(moved, DUE, ((Status.RECEIVED, DUE - timedelta(days=14)),))
    assert status.due_at == moved.due_at and status.history_lines[0][0] == "Được tiếp nhận"


def test_the_control_sheet_judges_each_handover_against_the_appointment():
    def handover(at: datetime) -> Event:
        return Event(1, HANDOVER, Status.IN_PROGRESS, at, handover_from="A", handover_to="B")

    times = [datetime(2024, 8, 29, 16, 0, tzinfo=LOCAL), DUE, DUE + timedelta(seconds=1)]
    values = control_sheet_values(stored(), [handover(t) for t in times], DUE)
    assert [row["result"] for row in values["rows"]] == ["", EARLY, ON_TIME, LATE]
    assert values["rows"][0]["reception"] and values["place_date"].endswith(" 2024")


def test_an_empty_contact_line_prints_a_dotted_blank():
    values = event_values(stored(), Event(1, STATUS, Status.REJECTED, DUE, items=("Lý do",)))
    assert values["officer"].startswith("…") and values["form"] == "03" and values["items"] == ["Lý do"]
