"""The counter from the keyboard alone: log in, find, fill, see the appointment first, issue, print."""

from __future__ import annotations

import os
import re
from datetime import date
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

USERNAME = "canbo.banphim"
PASSWORD = "mat-khau-ban-phim-1"


@pytest.fixture
def keyboard_desk(desktop: Page, live_server: LiveServer) -> Page:
    """A desktop page, with an officer of the demo agency on the live server."""
    make_officer(live_server.app, USERNAME, full_name="Phạm Bàn Phím", password=PASSWORD)
    return desktop


def focused(page: Page) -> str:
    """Describe the focused element: its tag, id or name, and its text."""
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " const name = e.id || e.name || '';"
        " return `${e.tagName.toLowerCase()}#${name} ${(e.textContent || '').trim().slice(0, 60)}`; }"
    )


def _stored_on_the_day(server: LiveServer) -> int:
    with server.app.app_context():
        return len(receipts.of_day(None, date(2020, 11, 25), 1000))


def log_in(page: Page, url: str) -> None:
    """Log in by typing only: the name field has the focus, Tab to the password, Enter."""
    page.goto(url + "/quay/")
    # The focus lands after the load event now and then: typing before it lost the first letter.
    expect(page.get_by_label("Tên đăng nhập")).to_be_focused()
    page.keyboard.type(USERNAME)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Tiếp nhận hồ sơ mới")).to_be_visible()


def test_an_officer_issues_and_prints_without_the_mouse_seeing_the_appointment_first(
    keyboard_desk: Page, live_server: LiveServer
) -> None:
    page = keyboard_desk
    stored_before = _stored_on_the_day(live_server)
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text) if "Refused" in message.text else None)
    log_in(page, live_server.url)

    expect(page.get_by_role("searchbox")).to_be_focused()
    page.keyboard.type("cap doi giay phep lai xe")
    page.keyboard.press("Enter")
    expect(page.get_by_role("link", name=re.compile("Cấp đổi Giấy phép lái xe"))).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.get_by_label("Họ và tên người nộp")).to_be_focused()
    expect(page.locator("#preview")).to_contain_text("Hẹn trả kết quả nếu nhận ngay bây giờ")
    expect(page.locator("#preview")).to_contain_text("135.000 đồng")
    page.keyboard.type("Phan Quốc Hậu")
    page.keyboard.press("Tab")
    page.keyboard.type("0946911303")
    # The received time: reached from the officer's name in one Tab, left to the note in one Tab.
    page.get_by_label("Cán bộ tiếp nhận").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Tiếp nhận lúc (trống: bây giờ)")).to_be_focused()
    page.keyboard.type("25/11/2020 16:19")
    expect(page.locator("#preview-due")).to_have_text("Chiều ngày 02/12/2020")
    expect(page.locator("#preview")).not_to_contain_text("nếu nhận ngay bây giờ")
    assert _stored_on_the_day(live_server) == stored_before, "the preview stored nothing"
    page.keyboard.press("Tab")
    expect(page.get_by_label("Ghi chú")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.get_by_role("status").first).to_contain_text("Đã tiếp nhận hồ sơ 000.00.04.H15-201125-")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Giấy tiếp nhận hồ sơ 000.00.04.H15-201125-")
    expect(page.locator(".summary .due")).to_have_text("Chiều ngày 02/12/2020")
    printing = page.get_by_role("link", name="In giấy tiếp nhận (PDF, 2 liên)")
    expect(printing).to_be_focused()
    expect(page.locator("main")).to_contain_text("Alt + P")
    with page.context.expect_page() as opened:
        page.keyboard.press("Alt+P")
    pdf = opened.value
    # The link records the print in the audit log, then leads to the receipt's PDF.
    assert (printing.get_attribute("href") or "").endswith("/in") and pdf.url.endswith(".pdf")
    pdf.close()
    assert refused == [], "the Content-Security-Policy blocked something"


def test_a_search_under_another_procedure_puts_the_focus_on_the_first_result(
    keyboard_desk: Page, live_server: LiveServer, issue: Any
) -> None:
    code = issue()["code"]
    log_in(keyboard_desk, live_server.url)

    keyboard_desk.goto(f"{live_server.url}/quay/ho-so/{code}/dieu-chinh")
    keyboard_desk.get_by_text("Đổi thủ tục khác").press("Enter")
    keyboard_desk.get_by_role("searchbox").fill("trich luc ho tich")
    keyboard_desk.get_by_role("searchbox").press("Enter")

    expect(keyboard_desk.locator(".results a").first).to_be_focused()
    assert not focused(keyboard_desk).startswith("body")


def test_a_refused_revoke_puts_the_focus_on_what_to_fix(
    keyboard_desk: Page, live_server: LiveServer, issue: Any
) -> None:
    code = issue()["code"]
    log_in(keyboard_desk, live_server.url)

    keyboard_desk.goto(f"{live_server.url}/quay/ho-so/{code}/thu-hoi")
    keyboard_desk.get_by_label("Lý do thu hồi").fill("   ")
    keyboard_desk.get_by_label("Lý do thu hồi").press("Tab")
    keyboard_desk.keyboard.press("Enter")
    expect(keyboard_desk.get_by_label("Lý do thu hồi")).to_be_focused()
    expect(keyboard_desk.get_by_text("Nhập lý do thu hồi.")).to_be_visible()

    keyboard_desk.keyboard.type("Nhập nhầm người nộp")
    keyboard_desk.keyboard.press("Tab")
    keyboard_desk.keyboard.press("Enter")
    expect(keyboard_desk.get_by_role("status").first).to_contain_text("Đã thu hồi")
    keyboard_desk.goto(f"{live_server.url}/quay/ho-so/{code}/thu-hoi")

    expect(keyboard_desk.get_by_role("alert")).to_be_focused()
    expect(keyboard_desk.get_by_role("alert")).to_have_text("Giấy tiếp nhận này đã bị thu hồi trước đó.")
