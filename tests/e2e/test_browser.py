"""What a citizen sees after scanning the QR in Zalo's in-app browser on a cheap phone."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.support import EXAMPLE

try:
    from playwright.sync_api import Locator, Page, Request, expect
except ImportError:
    if os.environ.get("CI"):
        raise
    pytest.skip(reason="Playwright for Python is not installed", allow_module_level=True)

from .conftest import PHONE, LiveServer

pytestmark = pytest.mark.browser

FOLD = PHONE["viewport"]["height"]
FORM_TITLE = "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
PERSONAL = [
    EXAMPLE["applicant"]["name"],
    EXAMPLE["applicant"]["name"].upper(),
    EXAMPLE["applicant"]["phone"],
    EXAMPLE["applicant"]["address"],
]


def fact(page: Page, label: str) -> Locator:
    """Return the value shown next to `label` in the page's summary of the receipt."""
    return page.locator("dt", has_text=label).locator("xpath=following-sibling::dd[1]")


def assert_above_the_fold(locator: Locator) -> None:
    """Assert the element is visible without scrolling on the phone's first screen."""
    expect(locator).to_be_visible()
    box = locator.bounding_box()
    assert box is not None
    assert box["y"] >= 0, (locator, box)
    assert box["y"] + box["height"] <= FOLD, (locator, box)


def forge(token: str) -> str:
    """Change one character of the token's signature."""
    index = len(token) - 5
    return token[:index] + ("A" if token[index] != "A" else "B") + token[index + 1 :]


def test_scanning_the_qr_shows_the_verdict_the_code_the_status_and_the_appointment_at_once(
    phone: Page, issue: Callable[..., dict[str, Any]], tmp_path: Path
) -> None:
    receipt = issue()

    response = phone.goto(receipt["verify_url"])

    assert response is not None
    assert response.status == 200
    assert_above_the_fold(phone.get_by_role("heading", name="Giấy tiếp nhận hợp lệ"))
    assert_above_the_fold(fact(phone, "Mã hồ sơ"))
    expect(fact(phone, "Mã hồ sơ")).to_have_text(receipt["code"])
    assert_above_the_fold(fact(phone, "Trạng thái"))
    expect(fact(phone, "Trạng thái")).to_contain_text("Được tiếp nhận")
    assert_above_the_fold(fact(phone, "Hẹn trả kết quả"))
    expect(fact(phone, "Hẹn trả kết quả")).to_have_text("Chiều ngày 09/12/2020")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"]
    phone.screenshot(path=tmp_path / "phone.png")
    phone.screenshot(path=tmp_path / "phone-full.png", full_page=True)
    assert_above_the_fold(phone.get_by_role("link", name="Mở bản PDF"))


def test_the_pdf_link_on_the_page_answers_a_pdf(phone: Page, issue: Callable[..., dict[str, Any]]) -> None:
    receipt = issue()
    phone.goto(receipt["verify_url"])

    link = phone.get_by_role("link", name="Mở bản PDF")
    href = link.get_attribute("href")
    pdf = phone.request.get(href)

    # The citizen's link: the same PDF with their copy (Liên 2) first.
    assert href == receipt["pdf_url"] + "?copy=citizen"
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF-")


def test_the_page_asks_nothing_of_any_host_but_the_server(
    phone: Page, issue: Callable[..., dict[str, Any]], live_server: LiveServer
) -> None:
    receipt = issue()
    requested: list[str] = []
    phone.on("request", lambda request: requested.append(request.url))

    phone.goto(receipt["verify_url"], wait_until="networkidle")

    assert requested, "the browser recorded no request at all"
    assert {urlsplit(url).netloc for url in requested} == {live_server.host}, requested


def test_the_page_weighs_little_on_a_slow_connection(
    phone: Page, issue: Callable[..., dict[str, Any]]
) -> None:
    receipt = issue()
    finished: list[Request] = []
    phone.on("requestfinished", lambda request: finished.append(request))

    phone.goto(receipt["verify_url"], wait_until="networkidle")

    sizes = [request.sizes() for request in finished]
    weight = sum(size["responseHeadersSize"] + size["responseBodySize"] for size in sizes)
    assert 0 < weight < 60_000, [(request.url, size) for request, size in zip(finished, sizes, strict=True)]


def test_an_old_qr_after_a_reissue_says_superseded_and_links_to_the_current_version(
    phone: Page, issue: Callable[..., dict[str, Any]], live_server: LiveServer
) -> None:
    first = issue()
    status, current = live_server.post(
        f"/api/v1/receipts/{first['code']}/reissue", {"officer_name": "Trần Thị Bình"}
    )
    assert status == 200, current

    phone.goto(first["verify_url"])

    expect(phone.get_by_role("heading", name="Giấy tiếp nhận đã được thay thế")).to_be_visible()
    expect(phone.get_by_role("heading", name="Giấy tiếp nhận hợp lệ")).to_have_count(0)
    phone.get_by_role("link", name="Xem giấy tiếp nhận hiện hành").click()
    expect(phone).to_have_url(current["verify_url"])
    expect(phone.get_by_role("heading", name="Giấy tiếp nhận hợp lệ")).to_be_visible()
    expect(fact(phone, "Mã hồ sơ")).to_have_text(first["code"])
    expect(phone.get_by_text("Trần Thị Bình")).to_be_visible()


def test_a_revoked_receipt_says_revoked(
    phone: Page, issue: Callable[..., dict[str, Any]], live_server: LiveServer
) -> None:
    receipt = issue()
    status, body = live_server.post(f"/api/v1/receipts/{receipt['code']}/revoke", {"reason": "Nhập sai"})
    assert status == 200, body

    phone.goto(receipt["verify_url"])

    assert_above_the_fold(phone.get_by_role("heading", name="Giấy tiếp nhận đã bị thu hồi"))
    expect(phone.get_by_role("heading", name="Giấy tiếp nhận hợp lệ")).to_have_count(0)


@pytest.mark.parametrize(
    "tamper",
    [pytest.param(forge, id="one-character-changed"), pytest.param(lambda _: "not-a-token", id="garbage")],
)
def test_a_forged_token_shows_the_not_verified_page_and_no_personal_data(
    phone: Page, issue: Callable[..., dict[str, Any]], tamper: Callable[[str], str]
) -> None:
    receipt = issue()
    base, token = receipt["verify_url"].rsplit("/", 1)

    response = phone.goto(f"{base}/{tamper(token)}")

    assert response is not None
    assert response.status == 404
    expect(phone.get_by_role("heading", name="Không xác thực được giấy tiếp nhận")).to_be_visible()
    shown = phone.locator("body").inner_text()
    source = phone.content()
    for secret in [*PERSONAL, receipt["code"]]:
        assert secret not in shown
        assert secret not in source


@pytest.mark.parametrize(
    "payload", ['<img src=x onerror="window.__pwned=1">', "<script>window.__pwned=1</script>"]
)
def test_html_typed_as_the_applicant_name_is_shown_as_text_and_never_runs(
    phone: Page, issue: Callable[..., dict[str, Any]], payload: str
) -> None:
    applicant = {**EXAMPLE["applicant"], "name": payload, "organization": payload, "address": payload}
    receipt = issue(applicant=applicant)

    phone.goto(receipt["verify_url"])

    expect(fact(phone, "Người nộp hồ sơ")).to_have_text(re.compile(re.escape(payload), re.IGNORECASE))
    expect(phone.get_by_text(f"Địa chỉ: {payload}", exact=True)).to_be_visible()
    assert phone.evaluate("typeof window.__pwned") == "undefined"
    assert phone.locator("script, img").count() == 0


def test_printing_the_page_keeps_the_form_and_hides_the_banner_and_buttons(
    phone: Page, issue: Callable[..., dict[str, Any]]
) -> None:
    receipt = issue()
    phone.goto(receipt["verify_url"])

    phone.emulate_media(media="print")

    expect(phone.get_by_role("heading", name="Giấy tiếp nhận hợp lệ")).to_be_hidden()
    expect(phone.get_by_role("link", name="Mở bản PDF")).to_be_hidden()
    expect(phone.get_by_role("button", name="In giấy tiếp nhận")).to_be_hidden()
    expect(phone.get_by_role("heading", name=FORM_TITLE)).to_be_visible()
    expect(phone.get_by_text(f"Mã hồ sơ: {receipt['code']}")).to_be_visible()


@pytest.mark.parametrize(
    ("action", "verdict", "stamp"),
    [
        ("revoke", "Giấy tiếp nhận đã bị thu hồi", "ĐÃ THU HỒI"),
        ("reissue", "đã được thay thế", "ĐÃ ĐƯỢC THAY THẾ"),
    ],
)
def test_printing_a_revoked_or_replaced_receipts_page_prints_its_stamp_and_verdict(
    phone: Page, issue: Callable[..., dict[str, Any]], live_server: LiveServer, action, verdict, stamp
) -> None:
    from io import BytesIO

    from pypdf import PdfReader

    receipt = issue()
    body = {"reason": "Nhập nhầm"} if action == "revoke" else {"sets": 2}
    status, _ = live_server.post(f"/api/v1/receipts/{receipt['code']}/{action}", body)
    assert status == 200
    phone.goto(receipt["verify_url"])
    printed = " ".join(page.extract_text() for page in PdfReader(BytesIO(phone.pdf())).pages)
    assert stamp in printed and verdict in printed and FORM_TITLE in printed
    phone.goto(issue()["verify_url"])
    clean = " ".join(page.extract_text() for page in PdfReader(BytesIO(phone.pdf())).pages)
    assert FORM_TITLE in clean and "ĐÃ THU HỒI" not in clean and "Giấy tiếp nhận hợp lệ" not in clean
