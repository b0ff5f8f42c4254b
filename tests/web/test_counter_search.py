"""/quay/tim-kiem: any dossier of the agency, by code however typed, by name with or without
diacritics, by phone, by procedure and dates, a page at a time — on SQLite and PostgreSQL alike."""

from __future__ import annotations

import re

import pytest

from tests.support import DEMO_AGENCY, make_officer, on_both_backends

PASSWORD = "mat-khau-dai-123"
LICENCE = "1.002835.000.00.00.H15"
RESULT = re.compile(r'<a class="code" href="/quay/ho-so/([^"]+)">')
PEOPLE = [
    ("Phan Quốc Hậu", "0946911303", "2020-11-25T08:10:00+07:00"),
    ("Đặng Thị Lan", "0912 000 111", "2020-11-26T09:00:00+07:00"),
    ("Nguyễn Văn Hậu", "+84 988 777 666", "2020-11-27T10:00:00+07:00"),
    ("Lê Thị Hoa", "", "2020-12-01T14:00:00+07:00"),
]


@pytest.fixture
def desk(app, client, issue):
    """An officer logged in, and four receipts of the demo agency; returns (client, codes by name)."""
    app.config["WTF_CSRF_ENABLED"] = False
    codes = {}
    for name, phone, at in PEOPLE:
        codes[name] = issue(applicant={"name": name, "phone": phone}, received_at=at)["code"]
    make_officer(app, "canbo", password=PASSWORD)
    assert client.post("/quay/dang-nhap", data={"username": "canbo", "password": PASSWORD}).status_code == 303
    return client, codes


def found(client, **args: str) -> list[str]:
    response = client.get("/quay/tim-kiem", query_string=args)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return RESULT.findall(response.get_data(as_text=True))


@on_both_backends
@pytest.mark.parametrize(
    ("typed", "names"),
    [
        ("phan quoc hau", ["Phan Quốc Hậu"]),
        ("PHAN QUOC HAU", ["Phan Quốc Hậu"]),
        ("Phan Quốc Hậu", ["Phan Quốc Hậu"]),
        ("hau", ["Nguyễn Văn Hậu", "Phan Quốc Hậu"]),
        ("dang thi lan", ["Đặng Thị Lan"]),
        ("ĐẶNG", ["Đặng Thị Lan"]),
        ("  thi   lan ", ["Đặng Thị Lan"]),
        ("thi", ["Lê Thị Hoa", "Đặng Thị Lan"]),
        ("hau phan", ["Phan Quốc Hậu"]),
        ("nguyen hoa", []),
        ("%", []),
        ("_", []),
    ],
)
def test_a_name_is_found_with_or_without_diacritics_newest_first(desk, backend, typed, names):
    client, codes = desk
    assert found(client, q=typed) == [codes[name] for name in names]


@on_both_backends
@pytest.mark.parametrize(
    "typed", ["0946911303", "0946 911 303", "0946.911.303", "+84 946 911 303", "84946911303"]
)
def test_a_phone_is_found_however_it_is_written(desk, backend, typed):
    client, codes = desk
    assert found(client, q=typed) == [codes["Phan Quốc Hậu"]]
    assert found(client, q="+84988777666") == [codes["Nguyễn Văn Hậu"]]
    assert found(client, q="0988 777 66") == []  # a digit short is no phone of ours


@on_both_backends
def test_a_code_is_found_however_it_is_typed(desk, backend):
    client, codes = desk
    code = codes["Đặng Thị Lan"]
    full_width = code.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789.-H"})
    for typed in [code, code.lower(), f"#{code}", f"  {code.replace('-', ' – ')} ", full_width]:
        assert found(client, q=typed) == [code], typed


@on_both_backends
def test_results_come_a_page_at_a_time_without_overlap(app, client, issue, backend):
    app.config["WTF_CSRF_ENABLED"] = False
    codes = [issue(applicant={"name": f"Trần Văn Bình {n}"})["code"] for n in range(45)]
    make_officer(app, "canbo", password=PASSWORD)
    client.post("/quay/dang-nhap", data={"username": "canbo", "password": PASSWORD})
    first = client.get("/quay/tim-kiem?q=tran+van+binh").get_data(as_text=True)
    assert "Tìm thấy 45 hồ sơ" in first and "Trang 1 / 3" in first
    assert 'href="/quay/tim-kiem?trang=2&amp;q=tran+van+binh"' in first
    pages = [found(client, q="tran van binh", trang=str(n)) for n in (1, 2, 3)]
    assert [len(p) for p in pages] == [20, 20, 5]
    assert pages[0] + pages[1] + pages[2] == list(reversed(codes))
    assert found(client, q="tran van binh", trang="4") == []


@on_both_backends
def test_procedure_and_dates_narrow_the_results(desk, issue, backend):
    client, codes = desk
    other = issue(
        applicant={"name": "Phan Thị Hậu"}, procedure_code=LICENCE, received_at="2020-11-25T09:00:00+07:00"
    )
    assert found(client, q="hau", thu_tuc=LICENCE) == [other["code"]]
    assert found(client, q="hau", thu_tuc=LICENCE.lower()) == [other["code"]]
    assert found(client, tu_ngay="2020-11-26", den_ngay="2020-11-27") == [
        codes["Nguyễn Văn Hậu"],
        codes["Đặng Thị Lan"],
    ]
    assert found(client, tu_ngay="2020-12-01") == [codes["Lê Thị Hoa"]]
    assert found(client, den_ngay="2020-11-25", q="phan") == [other["code"], codes["Phan Quốc Hậu"]]


def test_a_corrected_name_is_found_by_its_new_spelling_only(desk, issue, auth):
    client, codes = desk
    code = codes["Lê Thị Hoa"]
    body = {"applicant": {"name": "Lê Thị Hồng", "phone": "0909 123 456"}}
    assert client.post(f"/api/v1/receipts/{code}/reissue", json=body, headers=auth).status_code == 200
    assert found(client, q="le thi hong") == [code]
    assert found(client, q="0909123456") == [code]
    assert found(client, q="le thi hoa") == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"tu_ngay": "25/11/2020"}, "Ngày không hợp lệ."),
        ({"den_ngay": "2020-02-30"}, "Ngày không hợp lệ."),
        ({"tu_ngay": "2020-12-02", "den_ngay": "2020-12-01"}, "Ngày kết thúc phải sau ngày bắt đầu."),
        ({"trang": "0"}, "Số trang không hợp lệ."),
        ({"trang": "x"}, "Số trang không hợp lệ."),
        ({"trang": "99999999999999999999"}, "Số trang không hợp lệ."),
    ],
)
def test_a_bad_filter_gets_the_form_back_with_what_to_fix(desk, args, message):
    client, _ = desk
    response = client.get("/quay/tim-kiem", query_string=args)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert RESULT.findall(response.get_data(as_text=True)) == []


def test_a_result_opens_the_dossier_with_its_versions_events_and_log(desk, auth):
    client, codes = desk
    code = codes["Phan Quốc Hậu"]
    client.post(f"/api/v1/receipts/{code}/reissue", json={"applicant": {"phone": "0911222333"}}, headers=auth)
    client.post(
        f"/api/v1/dossiers/{code}/events",
        json={"status": "in_progress", "note": "Chuyển phòng"},
        headers=auth,
    )
    page = client.get(f"/quay/ho-so/{code}").get_data(as_text=True)
    assert "Cấp lần đầu" in page and "Điều chỉnh lần 1" in page
    assert "Đang xử lý · Chuyển phòng" in page
    assert "Điều chỉnh, cấp lại · test" in page  # the audit entry names the key that acted
    assert "Số điện thoại: 0946911303 → 0911222333" in page


def test_the_search_page_reads_in_vietnamese_and_keeps_what_was_typed(desk):
    client, _ = desk
    page = client.get("/quay/tim-kiem?q=%3Cb%3Eh%C3%A2u").get_data(as_text=True)
    assert 'value="&lt;b&gt;hâu"' in page
    assert "Không có hồ sơ nào khớp" in page
    assert DEMO_AGENCY not in RESULT.findall(page)
