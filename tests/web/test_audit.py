"""The audit log: who did what, when and from where; append-only; per dossier, filtered and as CSV."""

from __future__ import annotations

import csv
import io
import json

import pytest
from sqlalchemy import text

from receipts.domain.audit import AuditFilter
from receipts.extensions import db
from receipts.services import audit
from receipts.store import people
from tests.support import DEMO, DEMO_AGENCY, EXAMPLE, add_agency, make_officer, on_both_backends

PASSWORD = "mat-khau-dai-123"
OTHER = "000.00.05.H15"
HOME = {"REMOTE_ADDR": "198.51.100.7"}


def entries(app, **where):
    """Every entry, oldest first, as a centre administrator reads them."""
    with app.app_context():
        head = people.find_login("giamdoc")
        assert head is not None
        return list(audit.export(head[0], AuditFilter(**where)))


@pytest.fixture
def staff(app, client):
    """A centre administrator (for reading the log), and an officer logged in from HOME."""
    app.config["WTF_CSRF_ENABLED"] = False
    make_officer(app, "giamdoc", role="centre_admin", agency=None, password=PASSWORD)
    make_officer(app, "canbo", password=PASSWORD, full_name="Nguyễn Văn A")
    login = client.post(
        "/quay/dang-nhap", data={"username": "canbo", "password": PASSWORD}, environ_base=HOME
    )
    assert login.status_code == 303
    return client


def sign_in_as(client, name: str) -> None:
    assert client.post("/quay/dang-nhap", data={"username": name, "password": PASSWORD}).status_code == 303


@on_both_backends
def test_every_use_case_leaves_an_entry_naming_who_when_and_from_where(app, staff, auth, runner, backend):
    api = {"headers": auth, "environ_base": {"REMOTE_ADDR": "203.0.113.50"}}
    code = staff.post("/api/v1/receipts", json=EXAMPLE, **api).get_json()["code"]
    staff.post(f"/api/v1/dossiers/{code}/events", json={"status": "in_progress"}, **api)
    assert staff.get(f"/quay/ho-so/{code}/in", environ_base=HOME).status_code == 302
    reason = {"reason": "Nhập sai thủ tục"}
    assert staff.post(f"/quay/ho-so/{code}/thu-hoi", data=reason, environ_base=HOME).status_code == 303
    wrong = {"username": "canbo", "password": "sai-mat-khau"}
    assert (
        staff.post("/quay/dang-nhap", data=wrong, environ_base={"REMOTE_ADDR": "192.0.2.66"}).status_code
        == 422
    )
    assert runner.invoke(args=["agencies", "import", str(DEMO / "agencies.json")]).exit_code == 0

    seen = [(e.action, e.actor.kind, e.actor.name, e.actor.address, e.dossier_code) for e in entries(app)]
    assert seen == [
        ("login", "officer", "canbo", "198.51.100.7", None),
        ("api_key_used", "api_key", "test", "203.0.113.50", None),
        ("issue", "api_key", "test", "203.0.113.50", code),
        ("status", "api_key", "test", "203.0.113.50", code),
        ("print", "officer", "canbo", "198.51.100.7", code),
        ("revoke", "officer", "canbo", "198.51.100.7", code),
        ("login_failed", "officer", "canbo", "192.0.2.66", None),
        ("import", "cli", seen[-1][2], "cli", None),
    ]
    log = entries(app)
    assert log[3].details == {"status": "in_progress", "note": ""}
    assert log[5].details == {"reason": "Nhập sai thủ tục"} and log[5].agency_code == DEMO_AGENCY
    assert log[6].agency_code == DEMO_AGENCY, "a failed login is shown to the account's agency"
    assert log[7].details == {"data": "agencies", "rows": 1, "file": "agencies.json"}


@on_both_backends
def test_a_reissue_entry_names_each_field_it_changed_and_nothing_else(app, staff, issue, backend):
    code = issue()["code"]
    form = {
        "procedure_code": "1.000028.000.00.00.H15",
        "applicant.name": "Phan Quốc Hậu",
        "applicant.organization": "VNPT Đắk Lắk",
        "applicant.address": EXAMPLE["applicant"]["address"],
        "applicant.phone": "0911 222 333",
        "documents.0.name": "Đơn đề nghị",
        "documents.0.copies": "2",
        "documents.0.form": "Bản chính",
        "sets": "1",
        "delivery": "post",
        "officer_name": "Nguyễn Văn A",
        "received_at": "2020-11-25T16:19",
    }
    response = staff.post(f"/quay/ho-so/{code}/dieu-chinh", data=form, environ_base=HOME)
    assert response.status_code == 303, response.get_data(as_text=True)[:800]
    (entry,) = entries(app, action="reissue")
    assert entry.actor.name == "canbo" and entry.actor.address == "198.51.100.7"
    assert entry.details["version"] == 2
    changed = entry.details["fields"]
    assert list(changed) == ["applicant.organization", "applicant.phone", "documents", "delivery"]
    assert changed["applicant.organization"] == ["VNPT", "VNPT Đắk Lắk"]
    assert changed["applicant.phone"] == ["0946911303", "0911222333"]
    assert changed["delivery"] == ["counter", "post"]
    assert changed["documents"][1] == ["Đơn đề nghị (Bản chính, 2)"]
    page = staff.get(f"/quay/ho-so/{code}").get_data(as_text=True)
    assert "Số điện thoại: 0946911303 → 0911222333" in page


def _rows(app) -> list[tuple]:
    with app.app_context():
        rows = db.session.execute(text("SELECT * FROM audit_log ORDER BY id")).all()
        db.session.rollback()
        return [tuple(json.dumps(v, sort_keys=True) if isinstance(v, dict) else v for v in r) for r in rows]


def test_no_route_changes_or_removes_an_entry_of_the_log(app, client, issue, staff):
    code = issue()["code"]
    staff.get(f"/quay/ho-so/{code}/in")
    sign_in_as(staff, "giamdoc")
    before = _rows(app)
    assert len(before) >= 4
    first = before[0][0]
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "counter.logout":
            continue  # the rest is tried as the centre administrator
        path = rule.rule
        for name in rule.arguments:
            path = path.replace(f"<{name}>", code if name == "code" else str(first))
            path = path.replace(f"<int:{name}>", str(first)).replace(f"<path:{name}>", "x")
        for method in ("POST", "PUT", "PATCH", "DELETE"):
            staff.open(path, method=method, data={"id": first, "action": "x", "details": "{}"})
    after = _rows(app)
    assert after[: len(before)] == before, "every earlier entry is still there, unchanged"
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        for path in ("/quay/nhat-ky", "/quay/nhat-ky.csv", f"/quay/nhat-ky/{first}"):
            assert staff.open(path, method=method).status_code in (404, 405)


@pytest.mark.postgres
@pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
def test_postgresql_itself_refuses_to_update_or_delete_an_entry(app, staff, backend):
    assert _rows(app)
    with app.app_context():
        for statement in ("UPDATE audit_log SET actor_name = 'ai khac'", "DELETE FROM audit_log"):
            with pytest.raises(Exception, match="append-only"):
                db.session.execute(text(statement))
            db.session.rollback()
    assert [r[4] for r in _rows(app)] == ["canbo"]


def test_an_agency_administrator_reads_only_their_agency_and_filters_narrow_it(app, client, issue, auth):
    app.config["WTF_CSRF_ENABLED"] = False
    add_agency(app, OTHER)
    own = issue()["code"]
    other = issue(agency_code=OTHER)["code"]
    make_officer(app, "truongphong", role="admin", password=PASSWORD)
    sign_in_as(client, "truongphong")
    page = client.get("/quay/nhat-ky").get_data(as_text=True)
    assert own in page and other not in page
    asked = client.get("/quay/nhat-ky", query_string={"co_quan": OTHER}).get_data(as_text=True)
    assert other not in asked.split("<tbody>")[-1] and own in asked, "an agency's administrator sees only it"
    only_issue = client.get("/quay/nhat-ky", query_string={"hanh_dong": "login"}).get_data(as_text=True)
    assert own not in only_issue and "truongphong" in only_issue
    by_code = client.get("/quay/nhat-ky", query_string={"ma": own.lower()}).get_data(as_text=True)
    assert own in by_code and "Đăng nhập" not in by_code.split("<tbody>")[1]
    assert '<h2 id="log-title">0 mục</h2>' in client.get(
        "/quay/nhat-ky", query_string={"ma": other}
    ).get_data(True)
    later = client.get("/quay/nhat-ky", query_string={"tu_ngay": "2099-01-01"}).get_data(as_text=True)
    assert "Không có mục nào." in later
    for bad in ({"hanh_dong": "drop"}, {"ma": "abc"}, {"tu_ngay": "01/01/2020"}, {"trang": "-1"}):
        assert client.get("/quay/nhat-ky", query_string=bad).status_code == 422
        assert client.get("/quay/nhat-ky.csv", query_string=bad).status_code == 422


def test_a_centre_administrator_narrows_the_log_to_one_agency(app, client, issue):
    app.config["WTF_CSRF_ENABLED"] = False
    add_agency(app, OTHER)
    own, other = issue()["code"], issue(agency_code=OTHER)["code"]
    make_officer(app, "giamdoc", role="centre_admin", agency=None, password=PASSWORD)
    sign_in_as(client, "giamdoc")
    everything = client.get("/quay/nhat-ky").get_data(as_text=True)
    assert own in everything and other in everything
    narrowed = client.get("/quay/nhat-ky", query_string={"co_quan": OTHER.lower()}).get_data(as_text=True)
    assert other in narrowed and own not in narrowed
    rows = client.get("/quay/nhat-ky.csv", query_string={"co_quan": OTHER}).get_data(as_text=True)
    assert other in rows and own not in rows


def test_the_log_exports_as_csv_that_spreadsheets_open_safely(app, client, issue):
    app.config["WTF_CSRF_ENABLED"] = False
    code = issue(applicant={"name": '=HYPERLINK("http://x")'})["code"]
    make_officer(app, "giamdoc", role="centre_admin", agency=None, password=PASSWORD)
    sign_in_as(client, "giamdoc")
    response = client.get("/quay/nhat-ky.csv", query_string={"ma": code})
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    body = response.get_data(as_text=True)
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0][:3] == ["thời điểm", "hành động", "người thực hiện"]
    assert [r[1] for r in rows[1:]] == ["Tiếp nhận, cấp giấy"]
    assert rows[1][6] == code and rows[1][2] == "test"
    assert all(not cell.startswith("=") for row in rows for cell in row)
