"""/quay: officers log in, issue, print, reprint, correct (reissue) and revoke receipts."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser

import pytest

from receipts.services import receipts
from tests.support import add_agency, local_path, make_officer

AGENCY = "000.00.04.H15"
OTHER_AGENCY = "000.00.05.H15"
OVERLOAD = "1.000028.000.00.00.H15"
LICENCE = "1.002835.000.00.00.H15"
PASSWORD = "mat-khau-dai-123"
CODE = re.compile(r"000\.00\.0[45]\.H15-\d{6}-\d{4}")
PRINT_LINK = re.compile(r'href="(/quay/ho-so/[^"/]+/in)"')
PDF_URL = re.compile(r"(http://localhost/r/([^/]+)\.pdf)")


class _PdfLink:
    """The receipt page's print link goes through the counter (which logs the print) to the PDF."""

    def __init__(self, client) -> None:
        self.client = client

    def search(self, screen: str):
        response = self.client.get(PRINT_LINK.search(screen).group(1))
        assert response.status_code == 302
        return PDF_URL.fullmatch(response.headers["Location"])


class _Forms(HTMLParser):
    """Collect what a browser would submit from each POST form of a page, keyed by its action."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: dict[str, dict[str, str]] = {}
        self._current: dict[str, str] | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._current = {} if a.get("method") == "post" else None
            if self._current is not None:
                self.forms[a.get("action", "")] = self._current
        elif self._current is None:
            return
        elif tag == "input" and "name" in a:
            if a.get("type") != "checkbox" or "checked" in a:
                self._current[a["name"]] = a.get("value", "on" if a.get("type") == "checkbox" else "")
        elif tag == "select":
            self._select = a["name"]
        elif tag == "option" and self._select and ("selected" in a or self._select not in self._current):
            self._current[self._select] = a.get("value", "")
        elif tag == "textarea":
            self._textarea = a["name"]
            self._current[self._textarea] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._current = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._current is not None and self._textarea:
            self._current[self._textarea] += data


def form_of(response, action: str) -> dict[str, str]:
    """Return the fields the POST form with `action` submits as the page shows it."""
    parser = _Forms()
    parser.feed(response.get_data(as_text=True))
    return dict(parser.forms[action])


def add_user(app, username: str, role: str = "officer", agency: str | None = AGENCY, name: str = "") -> None:
    with app.app_context():
        make_officer(app, username, role=role, agency=agency, full_name=name, password=PASSWORD)


def log_in(client, username: str, password: str = PASSWORD):
    return client.post("/quay/dang-nhap", data={"username": username, "password": password})


@pytest.fixture
def officer(app, client):
    """A client logged in as an officer of the demo agency; CSRF off (one test turns it on)."""
    app.config["WTF_CSRF_ENABLED"] = False
    add_user(app, "canbo", name="Nguyễn Văn A")
    assert log_in(client, "canbo").status_code == 303
    return client


@pytest.fixture
def other_agency(app):
    add_agency(app, OTHER_AGENCY)
    return OTHER_AGENCY


def filled_form(client, procedure: str = OVERLOAD, **changes: str | None) -> dict[str, str]:
    """The issue form of `procedure` filled with the guide's applicant; None in `changes` removes a field."""
    data = form_of(client.get("/quay/", query_string={"thu_tuc": procedure}), "/quay/")
    data |= {
        "applicant.name": "Phan Quốc Hậu",
        "applicant.organization": "VNPT",
        "applicant.address": "06 Lê Duẩn, Phường Tân Tiến, Thành phố Buôn Ma Thuột, Tỉnh Đắk Lắk",
        "applicant.phone": "0946911303",
        "received_at": "2020-11-25T16:19",
    }
    for name, value in changes.items():
        if value is None:
            data.pop(name, None)
        else:
            data[name] = value
    return data


def issue_by_form(client, **changes: str | None) -> tuple[str, str]:
    """Issue through the form; return the code and the receipt screen's HTML."""
    response = client.post("/quay/", data=filled_form(client, **changes))
    assert response.status_code == 303, response.get_data(as_text=True)
    screen = client.get(response.headers["Location"])
    assert screen.status_code == 200
    code = response.headers["Location"].rsplit("/", 1)[1]
    return code, screen.get_data(as_text=True)


def stored(app, code: str):
    with app.app_context():
        return receipts.find(code)


def count_receipts(app) -> int:
    with app.app_context():
        return len(receipts.of_day(None, date(2020, 11, 25), 1000))


def test_every_counter_page_sends_a_visitor_to_the_login_form(app, client, issue):
    app.config["WTF_CSRF_ENABLED"] = False
    code = issue()["code"]
    for path in [
        "/quay/",
        f"/quay/ho-so/{code}",
        f"/quay/ho-so/{code}/dieu-chinh",
        f"/quay/ho-so/{code}/thu-hoi",
    ]:
        response = client.get(path)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/quay/dang-nhap?next=")
    assert client.post(f"/quay/ho-so/{code}/thu-hoi", data={"reason": "x"}).status_code == 302
    assert client.post("/quay/", data={}).status_code == 302
    assert not stored(app, code).revoked
    login_page = client.get("/quay/dang-nhap")
    assert login_page.status_code == 200
    assert "Đăng nhập quầy tiếp nhận hồ sơ" in login_page.get_data(as_text=True)


def test_a_wrong_password_or_an_unknown_name_is_refused(app, client):
    app.config["WTF_CSRF_ENABLED"] = False
    add_user(app, "canbo")
    for username, password in [
        ("canbo", "sai-mat-khau"),
        ("khong-co", PASSWORD),
        ("canbo", ""),
        ("\x00", "x"),
    ]:
        response = log_in(client, username, password)
        assert response.status_code == 422
        assert "Tên đăng nhập hoặc mật khẩu không đúng." in response.get_data(as_text=True)
    assert client.get("/quay/").status_code == 302
    assert log_in(client, "canbo").status_code == 303
    assert client.get("/quay/").status_code == 200


def test_a_user_without_an_officer_role_cannot_use_the_counter(app, client):
    app.config["WTF_CSRF_ENABLED"] = False
    add_user(app, "khach", role="viewer")
    assert log_in(client, "khach").status_code == 422
    assert client.get("/quay/").status_code == 302


def test_login_returns_to_the_page_asked_for_but_never_to_another_host(app, client):
    app.config["WTF_CSRF_ENABLED"] = False
    add_user(app, "canbo")
    for target, expected in [
        ("/quay/?thu_tuc=" + LICENCE, "/quay/?thu_tuc=" + LICENCE),
        ("https://evil.example/quay/", "/quay/"),
        ("//evil.example/quay/", "/quay/"),
        ("/quay\\@evil.example", "/quay/"),
        ("/api/v1/receipts", "/quay/"),
    ]:
        response = client.post(
            "/quay/dang-nhap", data={"username": "canbo", "password": PASSWORD, "next": target}
        )
        assert response.headers["Location"] == expected
        client.post("/quay/dang-xuat")


def test_logging_out_ends_the_session(officer):
    response = officer.post("/quay/dang-xuat")
    assert response.status_code == 303
    assert officer.get("/quay/").status_code == 302


@pytest.mark.parametrize(
    "target",
    ["/quay/%0d%0aSet-Cookie:x", "/quay/%0aLocation:%20//evil", "/quay/%09x", "/quay/%7f", "//%5Bx/quay/"],
)
def test_a_next_holding_control_characters_goes_home_never_a_500(app, client, target):
    app.config["WTF_CSRF_ENABLED"] = False
    add_user(app, "canbo")
    page = client.get(f"/quay/dang-nhap?next={target}")
    assert page.status_code == 200
    assert form_of(page, "/quay/dang-nhap")["next"] == "/quay/"
    response = client.post(f"/quay/dang-nhap?next={target}", data={"username": "canbo", "password": PASSWORD})
    assert response.status_code == 303
    assert response.headers["Location"] == "/quay/"
    assert not any(cookie.startswith("x") for cookie in response.headers.getlist("Set-Cookie"))
    signed_in = client.get(f"/quay/dang-nhap?next={target}")
    assert signed_in.status_code == 302
    assert signed_in.headers["Location"] == "/quay/"


def test_posts_need_the_csrf_token_of_the_form(app, client):
    app.config["WTF_CSRF_ENABLED"] = True
    add_user(app, "canbo", name="Nguyễn Văn A")
    assert log_in(client, "canbo").status_code == 400
    login_form = form_of(client.get("/quay/dang-nhap"), "/quay/dang-nhap")
    assert login_form["csrf_token"]
    login_form |= {"username": "canbo", "password": PASSWORD}
    assert client.post("/quay/dang-nhap", data=login_form).status_code == 303

    data = filled_form(client)
    assert data["csrf_token"]
    without = {k: v for k, v in data.items() if k != "csrf_token"}
    assert client.post("/quay/", data=without).status_code == 400
    assert client.post("/quay/", data=without | {"csrf_token": "forged"}).status_code == 400
    assert count_receipts(app) == 0
    response = client.post("/quay/", data=data)
    assert response.status_code == 303
    assert count_receipts(app) == 1


def test_the_procedure_search_finds_giay_phep_lai_xe_without_diacritics(officer):
    page = officer.get("/quay/", query_string={"q": "giay phep lai xe"})
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Cấp đổi Giấy phép lái xe do ngành Giao thông vận tải cấp" in text
    assert f'href="/quay/?thu_tuc={LICENCE}"' in text
    assert "lưu hành xe quá tải trọng" not in text
    by_code = officer.get("/quay/", query_string={"q": LICENCE.lower()}).get_data(as_text=True)
    assert f'href="/quay/?thu_tuc={LICENCE}"' in by_code
    nothing = officer.get("/quay/", query_string={"q": "khong co thu tuc nay"}).get_data(as_text=True)
    assert "Không tìm thấy thủ tục nào" in nothing


def test_picking_a_procedure_lists_its_documents_ticked_and_the_officer_as_receiver(officer):
    form = form_of(officer.get("/quay/", query_string={"thu_tuc": LICENCE}), "/quay/")
    assert form["procedure_code"] == LICENCE
    assert [form[f"documents.{i}.name"] for i in range(3)] == [
        "Đơn đề nghị đổi giấy phép lái xe theo mẫu",
        "Giấy khám sức khỏe của người lái xe do cơ sở y tế có thẩm quyền cấp",
        "Giấy phép lái xe",
    ]
    assert all(form[f"documents.{i}.on"] == "1" for i in range(3))
    assert form["officer_name"] == "Nguyễn Văn A"
    assert form["sets"] == "1" and form["delivery"] == "counter" and form["received_at"] == ""


def test_issuing_stores_only_the_ticked_documents_and_shows_the_code_the_appointment_and_the_pdf(
    app, officer
):
    code, screen = issue_by_form(
        officer,
        **{"documents.2.on": None, "documents.4.name": "Giấy ủy quyền", "documents.4.form": "Bản sao"},
    )

    assert CODE.fullmatch(code) and code.startswith("000.00.04.H15-201125-")
    assert code in screen
    assert "Chiều ngày 09/12/2020" in screen
    snap = stored(app, code).snapshot
    assert [d.name for d in snap.documents] == [
        "Đơn đề nghị cấp giấy phép lưu hành xe quá tải trọng, xe quá khổ giới hạn",
        "Giấy chứng nhận đăng ký xe hoặc giấy đăng ký tạm thời",
        "Phương án vận chuyển",
        "Giấy ủy quyền",
    ]
    assert snap.documents[3].form == "Bản sao" and snap.documents[3].copies == 1
    assert snap.applicant.name == "Phan Quốc Hậu" and snap.officer_name == "Nguyễn Văn A"
    assert "Giấy chứng nhận kiểm định" not in screen
    pdf_url, _ = _PdfLink(officer).search(screen).groups()
    pdf = officer.get(local_path(pdf_url))
    assert pdf.status_code == 200
    assert pdf.headers["Content-Type"] == "application/pdf"
    assert pdf.data.startswith(b"%PDF-")


def test_received_at_defaults_to_now_and_the_receipt_appears_in_todays_list(app, officer):
    from receipts.clock import now_local

    before = now_local()
    code, _ = issue_by_form(officer, received_at="")
    received = stored(app, code).snapshot.received_at
    assert before.replace(microsecond=0) <= received <= now_local()
    home = officer.get("/quay/").get_data(as_text=True)
    assert f'href="/quay/ho-so/{code}"' in home
    assert "Phan Quốc Hậu" in home and "In lại (PDF)" in home


def test_invalid_input_shows_a_message_at_each_field_keeps_the_values_and_creates_nothing(app, officer):
    data = filled_form(
        officer,
        **{
            "applicant.name": "   ",
            "applicant.phone": "09-abc",
            "applicant.email": "khong-phai-email",
            "applicant.address": "12 Phan Chu Trinh",
            "documents.1.copies": "hai",
            "sets": "0",
            "received_at": "25/11/2020",
            "delivery": "drone",
        },
    )
    response = officer.post("/quay/", data=data)
    text = response.get_data(as_text=True)

    assert response.status_code == 422
    form = form_of(response, "/quay/")
    for field, message in [
        ("applicant-name", "Không được để trống."),
        ("applicant-phone", "Số điện thoại không hợp lệ."),
        ("applicant-email", "Địa chỉ email không hợp lệ."),
        ("documents-1-copies", "Phải là số nguyên."),
        ("sets", "Giá trị quá nhỏ."),
        ("received_at", "Nhập theo dạng ngày/tháng/năm giờ:phút, ví dụ 25/11/2020 16:19."),
        ("delivery", "Giá trị không nằm trong danh sách cho phép."),
    ]:
        assert f'<p class="error" id="e-{field}">{message}</p>' in text, field
    assert form["applicant.address"] == "12 Phan Chu Trinh"
    assert form["documents.1.copies"] == "hai"
    assert count_receipts(app) == 0
    code, _ = issue_by_form(officer)
    assert code.endswith("-0001"), "a refused form used up no number"


def test_a_form_with_no_document_ticked_or_an_unknown_procedure_is_refused(app, officer):
    data = filled_form(officer)
    no_documents = {k: v for k, v in data.items() if not k.endswith(".on")}
    response = officer.post("/quay/", data=no_documents)
    assert response.status_code == 422
    assert "Đánh dấu ít nhất một giấy tờ đã nhận." in response.get_data(as_text=True)
    unknown = officer.post("/quay/", data=data | {"procedure_code": "9.999999.000.00.00.H15"})
    assert unknown.status_code == 422
    assert "Mã thủ tục không tồn tại." in unknown.get_data(as_text=True)
    assert count_receipts(app) == 0


@pytest.mark.parametrize(
    "value", ["\x00", "\u202e", "x" * 5000, "<script>alert(1)</script>", "１", "-1", "1e3", "", "99999999999"]
)
def test_no_value_in_any_field_gives_a_500(app, officer, value):
    data = filled_form(officer)
    for name in list(data):
        if name == "csrf_token":
            continue
        response = officer.post("/quay/", data=data | {name: value})
        assert response.status_code in {303, 422}, (name, response.status_code)
        assert "<script>alert" not in response.get_data(as_text=True)
    for path in ["/quay/", f"/quay/ho-so/{value}", f"/quay/ho-so/{value}/dieu-chinh"]:
        assert officer.get(path, query_string={"q": value, "thu_tuc": value}).status_code in {
            200,
            308,
            400,
            404,
        }


def test_reissue_makes_version_2_and_the_old_qr_then_shows_superseded(app, officer):
    code, screen = issue_by_form(officer)
    old_pdf, old_token = _PdfLink(officer).search(screen).groups()
    received = stored(app, code).snapshot.received_at
    form = form_of(officer.get(f"/quay/ho-so/{code}/dieu-chinh"), f"/quay/ho-so/{code}/dieu-chinh")
    assert form["applicant.phone"] == "0946911303" and form["applicant.name"] == "Phan Quốc Hậu"

    response = officer.post(f"/quay/ho-so/{code}/dieu-chinh", data=form | {"applicant.phone": "0912345678"})

    assert response.status_code == 303
    assert response.headers["Location"] == f"/quay/ho-so/{code}"
    current = stored(app, code)
    assert current.current_version == 2
    assert current.snapshot.applicant.phone == "0912345678"
    assert current.snapshot.received_at == received
    new_screen = officer.get(f"/quay/ho-so/{code}").get_data(as_text=True)
    assert "Điều chỉnh lần 1" in new_screen and "0912345678" in new_screen
    assert old_pdf not in new_screen
    old_page = officer.get(f"/r/{old_token}").get_data(as_text=True)
    assert "Giấy tiếp nhận đã được thay thế" in old_page


def test_a_reissue_that_changes_nothing_is_refused(app, officer):
    code, _ = issue_by_form(officer)
    path = f"/quay/ho-so/{code}/dieu-chinh"
    response = officer.post(path, data=form_of(officer.get(path), path))
    assert response.status_code == 422
    assert "Không có nội dung nào thay đổi" in response.get_data(as_text=True)
    assert stored(app, code).current_version == 1


def test_a_reissue_can_change_the_procedure_and_its_documents(app, officer):
    code, _ = issue_by_form(officer)
    path = f"/quay/ho-so/{code}/dieu-chinh"
    found = officer.get(path, query_string={"q": "giay phep lai xe"}).get_data(as_text=True)
    assert f'href="{path}?thu_tuc={LICENCE}"' in found
    form = form_of(officer.get(path, query_string={"thu_tuc": LICENCE}), path)
    assert form["procedure_code"] == LICENCE
    assert officer.post(path, data=form).status_code == 303
    snap = stored(app, code).snapshot
    assert snap.procedure.code == LICENCE
    assert [d.name for d in snap.documents][-1] == "Giấy phép lái xe"


def test_revoking_needs_a_reason_and_then_the_qr_shows_revoked(app, officer):
    code, screen = issue_by_form(officer)
    _, token = _PdfLink(officer).search(screen).groups()
    path = f"/quay/ho-so/{code}/thu-hoi"
    empty = officer.post(path, data={"reason": "  "})
    assert empty.status_code == 422
    assert "Nhập lý do thu hồi." in empty.get_data(as_text=True)
    assert not stored(app, code).revoked

    response = officer.post(path, data={"reason": "Nhập nhầm người nộp"})

    assert response.status_code == 303
    assert stored(app, code).revoked
    assert "Giấy tiếp nhận đã bị thu hồi" in officer.get(f"/r/{token}").get_data(as_text=True)
    after = officer.get(f"/quay/ho-so/{code}").get_data(as_text=True)
    assert "Giấy tiếp nhận đã bị thu hồi" in after and "dieu-chinh" not in after
    assert officer.get(f"/quay/ho-so/{code}/dieu-chinh").status_code == 302
    assert officer.post(f"/quay/ho-so/{code}/dieu-chinh", data={}).status_code == 302
    assert stored(app, code).current_version == 1


def test_an_officer_of_another_agency_can_neither_see_nor_change_the_receipt(
    app, client, issue, other_agency
):
    app.config["WTF_CSRF_ENABLED"] = False
    code = issue()["code"]
    add_user(app, "khac", agency=other_agency)
    assert log_in(client, "khac").status_code == 303

    assert client.get(f"/quay/ho-so/{code}").status_code == 404
    assert client.get(f"/quay/ho-so/{code}/dieu-chinh").status_code == 404
    assert client.post(f"/quay/ho-so/{code}/dieu-chinh", data={"applicant.name": "X"}).status_code == 404
    assert client.get(f"/quay/ho-so/{code}/thu-hoi").status_code == 404
    assert client.post(f"/quay/ho-so/{code}/thu-hoi", data={"reason": "thử"}).status_code == 404
    home = client.get("/quay/").get_data(as_text=True)
    assert code not in home and "Phan Quốc Hậu" not in home
    receipt = stored(app, code)
    assert receipt.current_version == 1 and not receipt.revoked


def test_an_officer_issues_only_for_their_own_agency(app, client, other_agency):
    app.config["WTF_CSRF_ENABLED"] = False
    add_user(app, "khac", agency=other_agency)
    log_in(client, "khac")
    data = filled_form(client, agency_code=AGENCY)
    response = client.post("/quay/", data=data)
    assert response.status_code == 303
    assert "000.00.05.H15-201125-0001" in response.headers["Location"]


def test_a_centre_administrator_acts_on_every_agency_and_issues_for_the_agency_typed(app, client, issue):
    app.config["WTF_CSRF_ENABLED"] = False
    code = issue()["code"]
    add_user(app, "quantri", role="centre_admin", agency=None, name="Quản trị")
    log_in(client, "quantri")
    assert code in client.get(f"/quay/ho-so/{code}").get_data(as_text=True)
    data = filled_form(client)
    missing = client.post("/quay/", data=data)
    assert missing.status_code == 422
    assert '<p class="error" id="e-agency_code">' in missing.get_data(as_text=True)
    response = client.post("/quay/", data=data | {"agency_code": AGENCY})
    assert response.status_code == 303
    assert client.post(f"/quay/ho-so/{code}/thu-hoi", data={"reason": "Kiểm tra"}).status_code == 303
    assert stored(app, code).revoked


def test_counter_pages_are_never_cached(officer):
    assert officer.get("/quay/").headers["Cache-Control"] == "no-store"
