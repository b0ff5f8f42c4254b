"""An officer at the counter, in a desktop chromium: log in, find the procedure, issue, print."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from receipts.services import receipts
from tests.support import make_officer

try:
    from playwright.sync_api import Page, expect
except ImportError:
    if os.environ.get("CI"):
        raise
    pytest.skip(reason="Playwright for Python is not installed", allow_module_level=True)

from .conftest import LiveServer

pytestmark = pytest.mark.browser

DESKTOP = {
    "viewport": {"width": 1366, "height": 768},
    "locale": "vi-VN",
    "timezone_id": "Asia/Ho_Chi_Minh",
}
USERNAME = "canbo.quay"
PASSWORD = "mat-khau-quay-123"
UNTICKED = "Giấy khám sức khỏe của người lái xe do cơ sở y tế có thẩm quyền cấp"


@pytest.fixture
def desk(browser: Any, live_server: LiveServer) -> Iterator[Page]:
    """A desktop page, with an officer of the demo agency on the live server."""
    make_officer(live_server.app, USERNAME, full_name="Nguyễn Thị Quầy", password=PASSWORD)
    context = browser.new_context(**DESKTOP)
    context.set_default_timeout(10_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_an_officer_logs_in_finds_the_procedure_without_diacritics_issues_and_opens_the_pdf(
    desk: Page, live_server: LiveServer, tmp_path: Path
) -> None:
    refused: list[str] = []
    desk.on("console", lambda message: refused.append(message.text) if "Refused" in message.text else None)

    desk.goto(live_server.url + "/quay/")
    expect(desk.get_by_role("heading", name="Đăng nhập quầy tiếp nhận hồ sơ")).to_be_visible()
    desk.get_by_label("Tên đăng nhập").fill(USERNAME)
    desk.get_by_label("Mật khẩu").fill(PASSWORD)
    desk.get_by_role("button", name="Đăng nhập").click()

    expect(desk.get_by_role("heading", name="Tiếp nhận hồ sơ mới")).to_be_visible()
    search = desk.get_by_role("searchbox")
    expect(search).to_be_focused()
    search.fill("giay phep lai xe")
    search.press("Enter")
    desk.get_by_role("link", name=re.compile("Cấp đổi Giấy phép lái xe")).click()

    expect(desk.get_by_label("Họ và tên người nộp")).to_be_focused()
    desk.get_by_label("Họ và tên người nộp").fill("Phan Quốc Hậu")
    desk.get_by_label("Số điện thoại").fill("0946 911 303")
    desk.get_by_label("Địa chỉ").fill("06 Lê Duẩn, Phường Tân Tiến, Thành phố Buôn Ma Thuột, Tỉnh Đắk Lắk")
    expect(desk.get_by_label("Cán bộ tiếp nhận")).to_have_value("Nguyễn Thị Quầy")
    desk.get_by_label(UNTICKED).uncheck()
    assert desk.evaluate("document.documentElement.scrollWidth") <= DESKTOP["viewport"]["width"]
    desk.screenshot(path=tmp_path / "counter-issue.png", full_page=True)
    desk.get_by_role("button", name="Lưu và cấp giấy tiếp nhận").click()

    expect(desk.get_by_role("status")).to_contain_text("Đã tiếp nhận hồ sơ 000.00.04.H15-")
    code = desk.locator(".summary .code").inner_text()
    assert re.fullmatch(r"000\.00\.04\.H15-\d{6}-\d{4}", code)
    with live_server.app.app_context():
        snap = receipts.find(code).snapshot
    expect(desk.locator(".summary .due")).to_have_text(snap.due_text)
    expect(desk.locator("main")).not_to_contain_text(UNTICKED)
    assert [d.name for d in snap.documents] == [
        "Đơn đề nghị đổi giấy phép lái xe theo mẫu",
        "Giấy phép lái xe",
    ]
    assert snap.applicant.phone == "0946911303"
    desk.screenshot(path=tmp_path / "counter-receipt.png", full_page=True)

    link = desk.get_by_role("link", name="In giấy tiếp nhận (PDF, 2 liên)")
    with desk.context.expect_page() as opened:
        link.click()  # through the counter, which logs the print, to the PDF
    href = opened.value.url
    assert re.fullmatch(re.escape(live_server.url) + r"/r/[^/]+\.pdf", href)
    opened.value.close()
    pdf = desk.request.get(href)
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF-")
    expect(desk.locator(".today")).to_contain_text(code)
    assert refused == [], "the Content-Security-Policy blocked something"
