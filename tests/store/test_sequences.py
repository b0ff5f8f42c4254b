"""Dossier numbers: never two alike, never one skipped, with several processes writing at once."""

from __future__ import annotations

import multiprocessing
from datetime import datetime

from tests.support import EXAMPLE, FIXED_NOW, base_config, on_both_backends, run_together


def _issue_many(url: str, count: int, start: multiprocessing.Event, out: multiprocessing.Queue) -> None:
    from receipts import create_app
    from receipts.domain.commands import IssueCommand
    from receipts.domain.receipt import Applicant
    from receipts.services import receipts

    app = create_app(base_config(url))
    codes = []
    with app.app_context():
        start.wait(30)
        for _ in range(count):
            cmd = IssueCommand(
                agency_code="000.00.04.H15",
                procedure_code="1.000028.000.00.00.H15",
                applicant=Applicant(name="Nguyễn Văn Bình"),
                received_at=datetime.fromisoformat(EXAMPLE["received_at"]),
            )
            codes.append(receipts.issue(cmd, FIXED_NOW).code)
    out.put(codes)


@on_both_backends
def test_processes_issuing_at_once_get_every_number_once(app, database_url):
    processes, per_process = 4, 15
    results = run_together(_issue_many, (database_url, per_process), processes)
    codes = [code for batch in results for code in batch]
    expected = {f"000.00.04.H15-201125-{n:04d}" for n in range(1, processes * per_process + 1)}
    assert sorted(codes) == sorted(expected)


@on_both_backends
def test_a_refused_request_uses_up_no_number(client, auth, issue):
    assert issue()["code"].endswith("-0001")
    bad = {**EXAMPLE, "procedure_code": "9.999999.000.00.00.H15"}
    response = client.post("/api/v1/receipts", json=bad, headers=auth)
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "unknown_procedure"
    assert issue()["code"].endswith("-0002")


@on_both_backends
def test_the_example_flow_works_on_each_backend(client, auth, issue):
    body = issue()
    assert body["code"] == "000.00.04.H15-201125-0001"
    assert body["due_at"] == "2020-12-09T16:19:50+07:00"
    assert (
        client.get(f"/api/v1/receipts/{body['code']}", headers=auth).get_json()["applicant"]["name"]
        == "Phan Quốc Hậu"
    )
    page = client.get("/" + body["verify_url"].split("/", 3)[3])
    assert page.status_code == 200
