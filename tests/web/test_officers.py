"""/quay/can-bo: administrators create officers, reset passwords and disable accounts; officers given
a temporary password choose their own before anything else; passwords meet the policy."""

from __future__ import annotations

import re

import pytest

from receipts.domain.officers import password_problem
from tests.support import DEMO_AGENCY, add_agency, make_officer

PASSWORD = "mat-khau-dai-123"
OTHER = "000.00.05.H15"
ONCE = re.compile(r'<span class="once">([^<]+)</span>')


def sign_in(client, name: str, password: str = PASSWORD):
    return client.post("/quay/dang-nhap", data={"username": name, "password": password})


@pytest.fixture
def admin(app, client):
    """A client signed in as the demo agency's administrator (CSRF off)."""
    app.config["WTF_CSRF_ENABLED"] = False
    add_agency(app, OTHER)
    make_officer(app, "truongphong", role="admin", password=PASSWORD)
    assert sign_in(client, "truongphong").status_code == 303
    return client


def officer_id(page: str, username: str) -> int:
    match = re.search(rf"<td>{re.escape(username)}</td>.*?/quay/can-bo/(\d+)/mat-khau", page, re.S)
    assert match, f"{username} is listed with its actions"
    return int(match.group(1))


def test_a_new_officer_signs_in_with_the_temporary_password_and_must_choose_their_own(app, admin):
    created = admin.post("/quay/can-bo", data={"username": " LanAnh ", "full_name": "Trần  Lan Anh"})
    assert created.status_code == 201
    temporary = ONCE.search(created.get_data(as_text=True)).group(1)
    assert password_problem(temporary, "lananh") is None
    listed = admin.get("/quay/can-bo").get_data(as_text=True)
    assert "<td>lananh</td><td>Trần Lan Anh</td><td>Cán bộ</td><td>000.00.04.H15</td>" in listed
    assert "Chờ đổi mật khẩu" in listed and temporary not in listed, "the password is shown once"

    desk = app.test_client()
    assert sign_in(desk, "lananh", temporary).status_code == 303
    for path in ("/quay/", "/quay/tim-kiem", "/quay/can-bo"):
        response = desk.get(path)
        assert response.status_code == 302 and response.headers["Location"] == "/quay/doi-mat-khau"
    form = {"current": temporary, "new": "lan-anh-2020-quay", "repeated": "lan-anh-2020-quay"}
    for change, field, message in [
        ({"current": "sai"}, "current", "Mật khẩu hiện tại không đúng."),
        ({"new": "ngan-1", "repeated": "ngan-1"}, "new", "Mật khẩu cần ít nhất 10 ký tự."),
        ({"new": "1234567890", "repeated": "1234567890"}, "new", "Mật khẩu này quá dễ đoán."),
        ({"new": "aaaaaaaaaaaa", "repeated": "aaaaaaaaaaaa"}, "new", "Mật khẩu này quá dễ đoán."),
        (
            {"new": "lananh-2020-x", "repeated": "lananh-2020-x"},
            "new",
            "Mật khẩu không được chứa tên đăng nhập.",
        ),
        ({"repeated": "lan-anh-2020-quay!"}, "repeated", "Hai lần nhập mật khẩu mới không giống nhau."),
        ({"new": temporary, "repeated": temporary}, "new", "Mật khẩu mới phải khác mật khẩu hiện tại."),
    ]:
        refused = desk.post("/quay/doi-mat-khau", data=form | change)
        assert refused.status_code == 422
        assert f'<p class="error" id="e-{field}">{message}</p>' in refused.get_data(as_text=True)
    assert desk.post("/quay/doi-mat-khau", data=form).status_code == 303
    assert desk.get("/quay/").status_code == 200, "the new session goes on"
    fresh = app.test_client()
    assert sign_in(fresh, "lananh", temporary).status_code == 422
    assert sign_in(fresh, "lananh", "lan-anh-2020-quay").status_code == 303
    assert fresh.get("/quay/").status_code == 200


def test_a_reset_ends_the_officers_sessions_and_asks_for_a_new_password(app, admin):
    make_officer(app, "canbo", password=PASSWORD)
    desk = app.test_client()
    assert sign_in(desk, "canbo").status_code == 303
    reset = admin.post(
        f"/quay/can-bo/{officer_id(admin.get('/quay/can-bo').get_data(True), 'canbo')}/mat-khau"
    )
    assert reset.status_code == 200
    temporary = ONCE.search(reset.get_data(as_text=True)).group(1)
    assert desk.get("/quay/").status_code == 302, "the session ended"
    assert sign_in(desk, "canbo").status_code == 422, "the old password is gone"
    assert sign_in(desk, "canbo", temporary).status_code == 303
    assert desk.get("/quay/").headers["Location"] == "/quay/doi-mat-khau"


def test_a_disabled_officer_is_signed_out_at_once_until_enabled(app, admin):
    make_officer(app, "canbo", password=PASSWORD)
    desk = app.test_client()
    sign_in(desk, "canbo")
    number = officer_id(admin.get("/quay/can-bo").get_data(as_text=True), "canbo")
    assert admin.post(f"/quay/can-bo/{number}/khoa").status_code == 303
    assert "Đã khóa" in admin.get("/quay/can-bo").get_data(as_text=True)
    assert desk.get("/quay/").status_code == 302
    assert sign_in(desk, "canbo").status_code == 422
    assert admin.post(f"/quay/can-bo/{number}/mo-khoa").status_code == 303
    assert sign_in(desk, "canbo").status_code == 303


def test_an_agency_administrator_manages_only_their_agencys_officers(app, admin):
    make_officer(app, "khac", agency=OTHER, password=PASSWORD)
    listed = admin.get("/quay/can-bo").get_data(as_text=True)
    assert "khac" not in listed and "truongphong" in listed
    assert 'action="/quay/can-bo/1/khoa"' not in listed, "no buttons against oneself"
    for data, field in [
        ({"username": "moi", "role": "admin"}, "role"),
        ({"username": "moi", "role": "centre_admin"}, "role"),
        ({"username": "moi", "agency_code": OTHER}, "agency_code"),
        ({"username": "co khoang trang"}, "username"),
        ({"username": "truongphong"}, "username"),
    ]:
        refused = admin.post("/quay/can-bo", data=data)
        assert refused.status_code == 422, data
        assert "error" in refused.get_data(as_text=True), field
    assert admin.post("/quay/can-bo/1/khoa").status_code == 403, "not oneself"
    assert admin.post("/quay/can-bo/999/khoa").status_code == 404


def test_a_centre_administrator_creates_accounts_for_any_agency_and_other_centre_administrators(app, client):
    app.config["WTF_CSRF_ENABLED"] = False
    add_agency(app, OTHER)
    make_officer(app, "giamdoc", role="centre_admin", agency=None, password=PASSWORD)
    sign_in(client, "giamdoc")
    made = client.post("/quay/can-bo", data={"username": "b", "agency_code": OTHER.lower(), "role": "admin"})
    assert made.status_code == 201
    made = client.post("/quay/can-bo", data={"username": "c", "role": "centre_admin", "agency_code": OTHER})
    assert made.status_code == 201
    listed = client.get("/quay/can-bo").get_data(as_text=True)
    assert "<td>b</td><td>—</td><td>Quản trị cơ quan</td><td>000.00.05.H15</td>" in listed
    assert "<td>c</td><td>—</td><td>Quản trị trung tâm</td><td>Tất cả</td>" in listed
    missing = client.post("/quay/can-bo", data={"username": "d", "agency_code": "000.00.99.H99"})
    assert missing.status_code == 422 and "Không có cơ quan này." in missing.get_data(as_text=True)
    assert client.post("/quay/can-bo", data={"username": "e"}).status_code == 422, (
        "an officer needs an agency"
    )


def test_the_command_line_knows_centre_administrators_and_the_password_policy(app, runner):
    args = ["user", "create", "giamdoc", "--role", "centre_admin", "--password-stdin"]
    assert runner.invoke(args=args, input="mat-khau-trung-tam\n").exit_code == 0
    admin = ["user", "create", "x", "--role", "admin", "--password-stdin"]
    result = runner.invoke(args=admin, input="mat-khau-trung-tam\n")
    assert result.exit_code != 0 and "--role centre_admin" in result.output
    officer = ["user", "create", "y", "--role", "officer", "--agency", DEMO_AGENCY, "--password-stdin"]
    weak = runner.invoke(args=officer, input="1234567890\n")
    assert weak.exit_code != 0 and "quá dễ đoán" in weak.output
