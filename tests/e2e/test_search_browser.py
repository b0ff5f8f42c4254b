"""An officer in a desktop chromium finds a dossier by the applicant's name typed without diacritics
and opens it, with its history."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import Any

import pytest

from tests.support import make_officer

try:
    from playwright.sync_api import Page, expect
except ImportError:
    if os.environ.get("CI"):
        raise
    pytest.skip(reason="Playwright for Python is not installed", allow_module_level=True)

from .conftest import DESKTOP, LiveServer

pytestmark = pytest.mark.browser

USERNAME = "canbo.timkiem"
PASSWORD = "mat-khau-tim-kiem-1"


@pytest.fixture
def desk(desktop: Page, live_server: LiveServer) -> Page:
    """A desktop page, with an officer of the demo agency on the live server."""
    make_officer(live_server.app, USERNAME, full_name="Lê Thị Tìm", password=PASSWORD)
    return desktop


def test_an_officer_finds_a_dossier_by_a_name_typed_without_diacritics_and_opens_it(
    desk: Page, live_server: LiveServer, issue: Callable[..., dict[str, Any]]
) -> None:
    wanted = issue(applicant={"name": "Đỗ Thị Ngọc Ánh", "phone": "0905 123 456"})["code"]
    issue(applicant={"name": "Đỗ Văn Ánh"})

    desk.goto(live_server.url + "/quay/tim-kiem")
    desk.get_by_label("Tên đăng nhập").fill(USERNAME)
    desk.get_by_label("Mật khẩu").fill(PASSWORD)
    desk.get_by_role("button", name="Đăng nhập").click()

    expect(desk.get_by_role("heading", name="Tìm hồ sơ", exact=True)).to_be_visible()
    box = desk.get_by_role("searchbox")
    expect(box).to_be_focused()
    box.fill("do thi ngoc anh")
    box.press("Enter")

    expect(desk.get_by_role("heading", name="Tìm thấy 1 hồ sơ")).to_be_visible()
    row = desk.get_by_role("row", name=re.compile("Đỗ Thị Ngọc Ánh"))
    expect(row).to_contain_text("0905123456")
    assert desk.evaluate("document.documentElement.scrollWidth") <= DESKTOP["viewport"]["width"]
    row.get_by_role("link", name=wanted).click()

    expect(desk).to_have_url(re.compile(re.escape(f"/quay/ho-so/{wanted}") + "$"))
    expect(desk.locator(".summary .code")).to_have_text(wanted)
    expect(desk.get_by_role("heading", name="Các lần cấp giấy tiếp nhận")).to_be_visible()
    expect(desk.get_by_text("Cấp lần đầu")).to_be_visible()
    expect(desk.get_by_role("heading", name="Nhật ký hồ sơ")).to_be_visible()
