"""The pages the Official Account's menu opens: home, the code form, the scanner, and the lookup's form."""

from __future__ import annotations

import re

import pytest

from receipts import create_app
from receipts.web.headers import PAGE_POLICY, SCAN_POLICY
from tests.support import base_config

CODE = "000.00.04.H15-201125-0001"


def directives(policy: str) -> dict[str, str]:
    """Return a Content-Security-Policy as {directive: sources}."""
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


def test_home_says_what_this_is_and_links_the_three_ways_in(client):
    page = client.get("/")
    text = page.get_data(as_text=True)

    assert page.status_code == 200
    assert "<h1>Tra cứu hồ sơ hành chính</h1>" in text
    assert 'action="/tra-cuu"' in text and 'name="code"' in text
    assert 'href="/quet"' in text and 'href="/thu-tuc"' in text
    assert "zalo-platform-site-verification" not in text
    assert page.headers["Content-Security-Policy"] == PAGE_POLICY


def test_home_carries_zalos_verification_tag_when_the_setting_is_given(database_url, monkeypatch):
    monkeypatch.setenv("RECEIPTS_ZALO_SITE_VERIFICATION", 'Abc123"<x>')
    text = create_app(base_config(database_url)).test_client().get("/").get_data(as_text=True)

    assert '<meta name="zalo-platform-site-verification" content="Abc123&#34;&lt;x&gt;">' in text
    assert text.count("zalo-platform-site-verification") == 1


def test_the_lookup_form_asks_for_a_code(client):
    page = client.get("/tra-cuu")
    text = page.get_data(as_text=True)

    assert page.status_code == 200
    assert '<label class="field-label" for="code">Mã hồ sơ</label>' in text
    field = re.search(r"<input id=\"code\"[^>]*>", text)
    assert field is not None and "aria-invalid" not in field[0] and 'role="alert"' not in text


@pytest.mark.parametrize(
    "typed",
    [
        CODE,
        "#" + CODE.lower(),
        "000.00.04.H15 – 201125 – 0001",
        "＃０００．００．０４．Ｈ１５－２０１１２５－０００１",
        f"cho em hỏi hồ sơ {CODE} với ạ 🙏",
        f"{CODE} và 000.00.04.H15-201126-0002",
    ],
)
def test_a_code_typed_any_way_goes_to_its_page(client, typed):
    response = client.get("/tra-cuu", query_string={"code": typed})

    assert response.status_code == 303
    assert response.headers["Location"] == f"http://localhost/tra-cuu/{CODE}"


def test_the_redirect_uses_the_public_url_when_configured(make_app):
    client = make_app(PUBLIC_URL="https://dvc.example.gov.vn/bien-nhan").test_client()

    response = client.get("/tra-cuu", query_string={"code": CODE})

    assert response.headers["Location"] == f"https://dvc.example.gov.vn/bien-nhan/tra-cuu/{CODE}"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("0946911303", "Không tìm thấy mã hồ sơ trong nội dung đã nhập."),
        ("1.000028.000.00.00.H15", "Không tìm thấy mã hồ sơ trong nội dung đã nhập."),
        ("<b>xin chào</b>", "Không tìm thấy mã hồ sơ trong nội dung đã nhập."),
        ("   ", "Vui lòng nhập mã hồ sơ in trên giấy tiếp nhận."),
    ],
)
def test_text_without_a_code_gets_the_form_again_with_the_text_kept_and_a_clear_error(client, typed, message):
    response = client.get("/tra-cuu", query_string={"code": typed})
    text = response.get_data(as_text=True)

    assert response.status_code == 422
    assert f'<p id="code-error" class="error" role="alert">{message}' in text
    assert 'aria-invalid="true"' in text and 'aria-describedby="code-error code-hint"' in text
    field = re.search(r"<input id=\"code\"[^>]*>", text)
    assert field is not None and " autofocus" in field[0]
    assert "<b>xin chào</b>" not in text
    if typed.strip():
        assert f'value="{typed}"' in text.replace("&lt;", "<").replace("&gt;", ">")


def test_the_scanner_page_loads_its_one_script_from_this_server_and_says_how_to_scan_with_zalo(client):
    page = client.get("/quet")
    text = page.get_data(as_text=True)

    assert page.status_code == 200
    # Its own policy alone: a second one (the pages') would be enforced beside it and block the script.
    assert page.headers.getlist("Content-Security-Policy") == [SCAN_POLICY]
    scan, others = directives(SCAN_POLICY), directives(PAGE_POLICY)
    assert scan.pop("script-src") == "'self'"
    others.pop("script-src")
    assert scan == others
    assert re.findall(r"<script[^>]*>", text) == ['<script src="/static/quet.js" defer>']
    assert 'data-accept="http://localhost/r/"' in text
    assert "Mở Zalo → biểu tượng mã QR → quét mã trên giấy tiếp nhận" in text
    with client.get("/static/quet.js") as script:
        assert script.status_code == 200
        assert script.mimetype in {"text/javascript", "application/javascript"}
        assert script.headers["X-Content-Type-Options"] == "nosniff"


def test_no_other_page_may_run_a_script_from_this_server(client):
    for path in ["/", "/tra-cuu", "/thu-tuc", f"/tra-cuu/{CODE}"]:
        policy = client.get(path).headers["Content-Security-Policy"]
        assert "'self'" not in policy.split("script-src", 1)[1].split(";", 1)[0], path


def test_wrong_digits_keep_the_field_tied_to_the_message_and_focused(client, issue):
    code = issue()["code"]

    response = client.post(f"/tra-cuu/{code}", data={"digits": "1234"})
    text = response.get_data(as_text=True)

    assert response.status_code == 422
    assert "<h1>Tình trạng hồ sơ</h1>" in text
    field = re.search(r"<input id=\"digits\"[^>]*>", text)
    assert field is not None
    for attribute in ['value="1234"', 'aria-invalid="true"', 'aria-describedby="digits-error"', " autofocus"]:
        assert attribute in field[0]
    assert '<p id="digits-error" class="error" role="alert">4 số cuối không đúng.' in text


def test_the_lookup_page_has_a_heading_and_nothing_marked_wrong_at_first(client, issue):
    text = client.get(f"/tra-cuu/{issue()['code']}").get_data(as_text=True)

    assert "<h1>Tình trạng hồ sơ</h1>" in text
    field = re.search(r"<input id=\"digits\"[^>]*>", text)
    assert field is not None and "aria-invalid" not in field[0] and "autofocus" not in field[0]


def test_nav_holds_links_only(client, issue):
    body = issue()
    for path in [
        "/",
        "/tra-cuu",
        "/quet",
        "/thu-tuc",
        "/thu-tuc/1.004088.000.00.00.H15",
        f"/tra-cuu/{body['code']}",
    ]:
        text = client.get(path).get_data(as_text=True)
        for nav in re.findall(r"<nav.*?</nav>", text, re.S):
            assert "<button" not in nav and "<input" not in nav, (path, nav)
    page = client.get("/" + body["verify_url"].split("/", 3)[3]).get_data(as_text=True)
    assert "<nav" not in page
