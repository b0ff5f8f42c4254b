"""A page seen before asks the database nothing while its dossier's change mark stays the same
(store/marks.py, store/live.KeptStates), and shows every change at the next view, whichever process
on the machine made it."""

from __future__ import annotations

import re
from contextlib import ExitStack

import pytest
from sqlalchemy import create_engine, text

from receipts.extensions import db
from receipts.store import live, marks
from tests.servers import call, gunicorn
from tests.support import BACKENDS, EXAMPLE, counted_queries, local_path, make_key, move

pytestmark = pytest.mark.parametrize("backend", BACKENDS, indirect=True)


def test_a_page_seen_twice_asks_nothing_until_its_dossier_changes(app, client, auth, issue):
    body = issue()
    other = issue()
    path = local_path(body["verify_url"])
    client.get(path)  # learns which dossier the version is
    client.get(path)  # reads its live state after its mark
    with counted_queries(app) as kept:
        assert "Được tiếp nhận" in client.get(path).get_data(as_text=True)
    assert kept == []
    move(client, auth, body["code"], "in_progress")
    with counted_queries(app) as changed:
        assert "Đang xử lý" in client.get(path).get_data(as_text=True)
    assert len(changed) == 2  # the live state, then the timeline its new record changed
    with counted_queries(app) as kept_again:
        client.get(path)
    assert kept_again == []
    # Another dossier's change leaves this page's mark alone (two dossiers in a row never share a slot).
    move(client, auth, other["code"], "in_progress")
    with counted_queries(app) as unrelated:
        client.get(path)
    assert unrelated == []


def test_the_lookup_and_the_pdf_are_kept_and_follow_changes_too(app, client, auth, issue):
    body = issue()
    lookup, pdf = f"/tra-cuu/{body['code']}", local_path(body["pdf_url"])
    for _ in range(2):
        client.get(lookup)
        client.get(pdf)
    with counted_queries(app) as kept:
        assert client.get(lookup).status_code == 200
        assert client.get(pdf).status_code == 200
    assert kept == []
    revoked = client.post(
        f"/api/v1/receipts/{body['code']}/revoke", json={"reason": "Nhập sai"}, headers=auth
    )
    assert revoked.status_code == 200
    with counted_queries(app) as after:
        assert "THU HỒI" in client.get(lookup).get_data(as_text=True).upper()
    assert len(after) >= 1


def test_a_change_that_skips_the_marks_shows_once_the_trust_runs_out(app, client, issue, monkeypatch):
    body = issue()
    path = local_path(body["verify_url"])
    client.get(path)
    client.get(path)
    # An edit by hand: straight into the database, past every service (and so past the marks).
    with app.app_context():
        url = db.engine.url
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(
            text("UPDATE receipts SET status = 'in_progress' WHERE code = :c"), {"c": body["code"]}
        )
    engine.dispose()
    assert "Được tiếp nhận" in client.get(path).get_data(as_text=True)
    later = live.time.monotonic() + app.config["LIVE_TRUST_SECONDS"] + 0.01
    monkeypatch.setattr(live.time, "monotonic", lambda: later)
    assert "Đang xử lý" in client.get(path).get_data(as_text=True)


def test_with_no_trust_every_view_asks(make_app, issue, client, auth):
    body = issue()
    path = local_path(body["verify_url"])
    strict = make_app(LIVE_TRUST_SECONDS=0)
    viewer = strict.test_client()
    viewer.get(path)  # its first view also reads the snapshot and the timeline
    for _ in range(3):
        with counted_queries(strict) as each:
            assert viewer.get(path).status_code == 200
        assert len(each) == 1


def test_a_rolled_back_change_leaves_the_marks_alone(app, issue):
    body = issue()
    with app.app_context():
        kept = marks.of(db.engine)
        receipt_id = db.session.execute(
            text("SELECT id FROM receipts WHERE code = :c"), {"c": body["code"]}
        ).scalar_one()
        before = kept.mark(receipt_id)
        marks.changed(receipt_id)
        db.session.rollback()
        db.session.commit()
        assert kept.mark(receipt_id) == before
        marks.changed(receipt_id)
        db.session.commit()
        assert kept.mark(receipt_id) != before


def test_two_servers_on_one_machine_show_each_others_changes_at_once(app, database_url):
    """Two gunicorn servers on the same database: a status recorded on one shows on the other's
    very next view, though that one kept the page (a change mark shared through the file)."""
    key = make_key(app, "issue", "update")
    settings = {"SECRET_KEYS": "khoa-chung-1", "RATELIMIT_ENABLED": "false", "LIVE_TRUST_SECONDS": "30"}
    with ExitStack() as stack:
        writer, reader = (
            stack.enter_context(gunicorn(database_url, workers=1, **settings)) for _ in range(2)
        )
        status, body = call(writer + "/api/v1/receipts", EXAMPLE, key)
        assert status == 201, body
        page = reader + local_path(body["verify_url"])
        for status_name, shown in (("in_progress", "Đang xử lý"), ("needs_supplement", "Yêu cầu bổ sung")):
            for _ in range(3):  # the reader keeps the page's live state
                call(page)
            hits = _kept_hits(reader)
            assert hits > 0
            answer = call(f"{writer}/api/v1/dossiers/{body['code']}/events", {"status": status_name}, key)
            assert answer[0] == 200, answer
            assert shown in call(page)[1]
            call(page)
            assert _kept_hits(reader) > hits  # kept again once read anew


def _kept_hits(server: str) -> float:
    status, exposition = call(server + "/metrics")
    assert status == 200
    found = re.search(
        r'receipts_cache_lookups_total\{cache="live_state",result="hit"\} ([\d.e+]+)', exposition
    )
    return float(found.group(1)) if found else 0.0
