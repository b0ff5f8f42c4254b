"""The statistics, grouped in SQL, agree with a brute-force count over the same rows, on both databases."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from receipts.domain.commands import IssueCommand
from receipts.domain.localtime import LOCAL
from receipts.domain.receipt import DELIVERIES, Applicant
from receipts.domain.statistics import FINISHED, RESULT_STATUSES, DateRange, days_late
from receipts.domain.statuses import Status
from receipts.extensions import db
from receipts.services import dossiers, receipts, statistics
from receipts.store.models import Agency, DossierEvent, Procedure, Receipt, ReceiptVersion
from receipts.store.times import aware_local, naive_utc
from tests.support import DEMO_AGENCY, add_agency, on_both_backends

OTHER, EMPTY = "000.00.05.H15", "000.00.06.H15"
PROCEDURES = ("1.000028.000.00.00.H15", "1.002835.000.00.00.H15", "1.004088.000.00.00.H15")
START = datetime(2026, 3, 1, tzinfo=LOCAL)
NOW = datetime(2026, 4, 1, 10, 0, tzinfo=LOCAL)
# What happens to a dossier after its receipt.
FATES = ("none", "revoked", "working", "result", "result_returned", "result_at_due", "rejected")

receipt_specs = st.fixed_dictionaries(
    {
        "agency": st.sampled_from((DEMO_AGENCY, OTHER)),
        "procedure": st.sampled_from(PROCEDURES),
        # Any hour of the day: 00:00–06:59 local is the day before in UTC.
        "minutes": st.integers(0, 20 * 24 * 60),
        "delivery": st.sampled_from(DELIVERIES),
        "officer": st.sampled_from(("", "Nguyễn Văn A", "Trần Thị Bích")),
        "fate": st.sampled_from(FATES),
        "hours_to_result": st.integers(0, 40 * 24),
        # "Returned" may be dated before "result ready" was: the first result is the earlier.
        "returned_shift": st.integers(-72, 72),
    }
)


def _apply(spec: dict) -> None:
    received = START + timedelta(minutes=spec["minutes"])
    cmd = IssueCommand(
        spec["agency"],
        spec["procedure"],
        Applicant("Lê Văn Đức"),
        received_at=received,
        delivery=spec["delivery"],
        officer_name=spec["officer"],
    )
    stored = receipts.issue(cmd, received)
    code, fate = stored.code, spec["fate"]
    # On the dot of the appointment is still on time.
    later = (
        stored.snapshot.due_at
        if fate == "result_at_due"
        else received + timedelta(hours=spec["hours_to_result"])
    )
    if fate == "revoked":
        receipts.revoke(code, "Nhập nhầm", received)
    elif fate == "rejected":
        dossiers.record_event(code, Status.REJECTED, "", later, later)
    elif fate != "none":
        dossiers.record_event(code, Status.IN_PROGRESS, "", received, received)
        if fate.startswith("result"):
            dossiers.record_event(code, Status.RESULT_READY, "", later, later)
        if fate == "result_returned":
            returned = later + timedelta(hours=spec["returned_shift"])
            dossiers.record_event(code, Status.RETURNED, "", returned, later)


def _brute(period: DateRange, scope: str | None) -> dict:
    """Count by walking every row in Python: the answer the GROUP BYs must give."""
    rows = db.session.execute(
        select(Receipt, ReceiptVersion.snapshot, Procedure.field, Procedure.name)
        .join(
            ReceiptVersion,
            (ReceiptVersion.receipt_id == Receipt.id) & (ReceiptVersion.version == Receipt.current_version),
        )
        .join(Procedure, Procedure.code == Receipt.procedure_code)
    ).all()
    first_result: dict[int, datetime] = {}
    for receipt_id, status, at in db.session.execute(
        select(DossierEvent.receipt_id, DossierEvent.status, DossierEvent.at)
    ):
        if status in RESULT_STATUSES and (receipt_id not in first_result or at < first_result[receipt_id]):
            first_result[receipt_id] = at
    mine = [row for row in rows if scope is None or row[0].agency_code == scope]
    valid = [row for row in mine if row[0].revoked_at is None and period.start <= row[0].day <= period.end]
    on_time: dict[str, list[int]] = {}
    for r, *_ in valid:
        counts = on_time.setdefault(r.agency_code, [0, 0])
        if r.id in first_result:
            counts[0] += 1
            counts[1] += first_result[r.id] <= r.due_at
    overdue = sorted(
        (r.due_at, r.code)
        for r, *_ in mine
        if r.revoked_at is None and r.status not in FINISHED and r.due_at < naive_utc(NOW)
    )
    agencies = [a for a in db.session.scalars(select(Agency.code)) if scope is None or a == scope]
    return {
        "day": Counter(r.day for r, *_ in valid),
        "agency": {a: sum(r.agency_code == a for r, *_ in valid) for a in agencies},
        "field": Counter(field or "Chưa phân loại" for _, _, field, _ in valid),
        "procedure": Counter(r.procedure_code for r, *_ in valid),
        "channel": Counter(snapshot["delivery"] for _, snapshot, *_ in valid),
        "on_time": {a: tuple(c) for a, c in on_time.items()},
        "overdue": overdue,
    }


@on_both_backends
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    batch=st.lists(receipt_specs, max_size=10),
    first=st.integers(0, 25),
    length=st.integers(1, 40),
    scope=st.sampled_from((None, DEMO_AGENCY, OTHER, EMPTY)),
)
def test_every_count_agrees_with_a_brute_force_count_of_the_same_rows(app, batch, first, length, scope):
    if not app.config.get("_agencies_added"):
        add_agency(app, OTHER)
        add_agency(app, EMPTY)
        app.config["_agencies_added"] = True
    period = DateRange(
        date(2026, 2, 25) + timedelta(days=first), date(2026, 2, 25) + timedelta(days=first + length - 1)
    )
    with app.app_context():
        for spec in batch:
            _apply(spec)
        got = statistics.centre(scope, period, NOW, overdue_limit=10_000)
        want = _brute(period, scope)

    assert {date.fromisoformat(c.key): c.count for c in got.per_day} == {
        d: want["day"][d] for d in period.days
    }
    assert got.total == sum(want["day"].values())
    assert sum(c.count for c in got.per_week) == got.total
    assert {c.key: c.count for c in got.per_agency} == want["agency"]
    assert {c.label: c.count for c in got.per_field} == dict(want["field"])
    assert {c.key: c.count for c in got.per_procedure} == dict(want["procedure"])
    assert {c.key: c.count for c in got.per_channel} == {k: want["channel"][k] for k in DELIVERIES}
    assert {o.agency_code: (o.with_result, o.on_time) for o in got.on_time} == want["on_time"]
    assert got.overdue_total == len(want["overdue"])
    assert [o.code for o in got.overdue] == [code for _, code in want["overdue"]]
    for item, (due, _) in zip(got.overdue, want["overdue"], strict=True):
        assert item.days_overdue == days_late(aware_local(due), NOW) >= 0


@pytest.mark.parametrize(
    ("due", "days"),
    [
        (datetime(2026, 4, 1, 9, 59, tzinfo=LOCAL), 0),
        (datetime(2026, 3, 31, 23, 59, tzinfo=LOCAL), 1),
        (datetime(2026, 3, 1, 0, 0, tzinfo=LOCAL), 31),
    ],
)
def test_days_overdue_count_local_calendar_days_since_the_appointment(due, days):
    assert days_late(due, NOW) == days


@on_both_backends
def test_a_result_recorded_later_but_dated_earlier_is_the_first_result(app):
    received = datetime(2026, 3, 2, 9, 0, tzinfo=LOCAL)
    period = DateRange(date(2026, 3, 2), date(2026, 3, 2))
    with app.app_context():
        stored = receipts.issue(
            IssueCommand(DEMO_AGENCY, PROCEDURES[0], Applicant("Lê Văn Đức"), received_at=received), received
        )
        due = stored.snapshot.due_at
        dossiers.record_event(stored.code, Status.RESULT_READY, "", due + timedelta(days=3), NOW)
        late = statistics.centre(DEMO_AGENCY, period, NOW).on_time_total
        dossiers.record_event(stored.code, Status.RETURNED, "", due - timedelta(hours=1), NOW)
        on_time = statistics.centre(DEMO_AGENCY, period, NOW).on_time_total

    assert (late.with_result, late.on_time) == (1, 0)
    assert (on_time.with_result, on_time.on_time) == (1, 1)


def test_the_overdue_index_names_exactly_the_finished_statuses():
    import re

    from receipts.store.models import OPEN

    assert set(re.findall(r"'(\w+)'", OPEN)) == set(FINISHED)
