"""A process killed (SIGKILL) in the middle of issuing leaves a whole receipt or nothing, and no gap."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from datetime import datetime

from sqlalchemy import func, select

from receipts.extensions import db
from receipts.store.models import DaySequence, Receipt, ReceiptVersion
from tests.support import DEMO_AGENCY, EXAMPLE, FIXED_NOW, base_config, on_both_backends

SPAWN = multiprocessing.get_context("spawn")


def _command():
    from receipts.domain.commands import IssueCommand
    from receipts.domain.receipt import Applicant

    return IssueCommand(
        agency_code=DEMO_AGENCY,
        procedure_code=EXAMPLE["procedure_code"],
        applicant=Applicant(name="Nguyễn Văn Bình"),
        received_at=datetime.fromisoformat(EXAMPLE["received_at"]),
    )


def _issue_then_stop_inside_the_transaction(url: str, before: int, paused) -> None:
    """Issue `before` receipts, then stop for good after writing the next one, before its commit."""
    from receipts import create_app
    from receipts.services import receipts
    from receipts.store import receipts as store

    app = create_app(base_config(url))
    written = store.insert_receipt

    def write_and_stop(*args, **kwargs):
        stored = written(*args, **kwargs)  # number taken, receipt and version flushed, not committed
        paused.set()
        time.sleep(600)
        return stored

    with app.app_context():
        for _ in range(before):
            receipts.issue(_command(), FIXED_NOW)
        store.insert_receipt = write_and_stop
        receipts.issue(_command(), FIXED_NOW)


def _issue_forever(url: str, running) -> None:
    from receipts import create_app
    from receipts.services import receipts

    app = create_app(base_config(url))
    with app.app_context():
        receipts.issue(_command(), FIXED_NOW)
        running.set()
        while True:
            receipts.issue(_command(), FIXED_NOW)


def _kill(process) -> None:
    os.kill(process.pid, signal.SIGKILL)
    process.join(30)
    assert process.exitcode == -signal.SIGKILL


def _assert_whole_and_gapless(app) -> int:
    """Check that every stored receipt has its version and the numbers run 1…n; return n."""
    with app.app_context():
        numbers = db.session.execute(select(Receipt.sequence).order_by(Receipt.sequence)).scalars().all()
        versions = db.session.execute(
            select(func.count()).select_from(ReceiptVersion).where(ReceiptVersion.version == 1)
        ).scalar_one()
        last = db.session.execute(select(DaySequence.last)).scalar_one_or_none()
        db.session.rollback()
    assert numbers == list(range(1, len(numbers) + 1))
    assert versions == len(numbers)
    assert (last or 0) == len(numbers)  # the number the killed process took went back with it
    return len(numbers)


@on_both_backends
def test_a_process_killed_after_taking_a_number_before_committing_leaves_no_trace_and_no_gap(
    app, database_url, issue
):
    paused = SPAWN.Event()
    child = SPAWN.Process(target=_issue_then_stop_inside_the_transaction, args=(database_url, 3, paused))
    child.start()
    try:
        assert paused.wait(120), "the child never reached the commit"
    finally:
        _kill(child)
    assert _assert_whole_and_gapless(app) == 3
    assert issue()["code"] == f"{DEMO_AGENCY}-201125-0004"
    assert _assert_whole_and_gapless(app) == 4


@on_both_backends
def test_processes_killed_at_random_moments_while_issuing_leave_whole_receipts_and_no_gap(
    app, database_url, issue
):
    rng = random.Random(11)
    for _ in range(4):
        running = SPAWN.Event()
        child = SPAWN.Process(target=_issue_forever, args=(database_url, running))
        child.start()
        try:
            assert running.wait(120), "the child never issued"
            time.sleep(rng.uniform(0, 0.3))
        finally:
            _kill(child)
        count = _assert_whole_and_gapless(app)
    assert count >= 4
    assert issue()["code"] == f"{DEMO_AGENCY}-201125-{count + 1:04d}"
