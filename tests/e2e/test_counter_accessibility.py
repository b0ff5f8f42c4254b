"""Every counter page passes axe-core's WCAG 2.1 AA rules and none scrolls sideways, at 360 and 1366 px."""

from __future__ import annotations

import os
from typing import Any

import pytest

from tests.support import make_officer

try:
    from playwright.sync_api import Page, expect
except ImportError:
    if os.environ.get("CI"):
        raise
    pytest.skip(reason="Playwright for Python is not installed", allow_module_level=True)

from .conftest import LiveServer
from .test_accessibility import audited, violations  # noqa: F401  (the fixture, sized by its parameter)

pytestmark = pytest.mark.browser

PASSWORD = "mat-khau-a11y-quay-1"
LICENCE = "1.002835.000.00.00.H15"


def _audit(page: Page, found: dict[str, list[str]], name: str) -> None:
    """Record the page's axe violations, and a sideways scroll as one more."""
    problems = violations(page)
    width = page.viewport_size["width"] if page.viewport_size else 0
    scroll = page.evaluate("document.documentElement.scrollWidth")
    if scroll > width:
        problems.append(f"scrolls sideways: {scroll} px wide at {width} px")
    found[name] = problems


def _visit(page: Page, url: str, found: dict[str, list[str]], name: str, status: int = 200) -> None:
    response = page.goto(url)
    assert response is not None and response.status == status, url
    _audit(page, found, name)


def _log_in(page: Page, url: str, username: str) -> None:
    page.goto(url + "/quay/dang-nhap")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()


def test_every_counter_page_an_officer_opens(audited: Page, live_server: LiveServer, issue: Any) -> None:  # noqa: F811
    make_officer(live_server.app, "canbo.a11y", full_name="Đỗ Thị Truy Cập", password=PASSWORD)
    code, gone = issue()["code"], issue()["code"]
    status, _ = live_server.post(f"/api/v1/receipts/{gone}/revoke", {"reason": "Nhập nhầm"})
    assert status == 200
    base, found = live_server.url, {}
    _visit(audited, base + "/quay/dang-nhap", found, "login")
    _log_in(audited, base, "canbo.a11y")
    _audit(audited, found, "issue, empty")
    _visit(audited, base + "/quay/?q=giay+phep", found, "issue, results")
    _visit(audited, base + "/quay/?q=zzzz", found, "issue, no result")
    _visit(audited, f"{base}/quay/?thu_tuc={LICENCE}", found, "issue form with its preview")
    audited.get_by_label("Họ và tên người nộp").fill("Phan Quốc Hậu")
    audited.get_by_label("Tiếp nhận lúc (trống: bây giờ)").fill("25/11/2020")
    audited.get_by_role("button", name="Lưu và cấp giấy tiếp nhận").click()
    expect(audited.get_by_role("alert").first).to_be_visible()
    _audit(audited, found, "issue form refused")
    audited.get_by_label("Tiếp nhận lúc (trống: bây giờ)").fill("25/11/2020 16:19")
    audited.get_by_role("button", name="Lưu và cấp giấy tiếp nhận").click()
    expect(audited.get_by_role("link", name="In giấy tiếp nhận (PDF, 2 liên)")).to_be_focused()
    _audit(audited, found, "receipt just issued")
    _visit(audited, f"{base}/quay/ho-so/{code}", found, "receipt")
    _visit(audited, f"{base}/quay/ho-so/{gone}", found, "revoked receipt")
    _visit(audited, f"{base}/quay/ho-so/{gone}/thu-hoi", found, "refused revoke (flash)")
    _visit(audited, f"{base}/quay/ho-so/{code}/dieu-chinh", found, "reissue form")
    _visit(audited, f"{base}/quay/ho-so/{code}/dieu-chinh?q=trich+luc", found, "reissue, another procedure")
    _visit(audited, f"{base}/quay/ho-so/{code}/thu-hoi", found, "revoke form")
    audited.get_by_label("Lý do thu hồi").fill("  ")
    audited.get_by_role("button", name="Thu hồi giấy tiếp nhận").click()
    expect(audited.get_by_text("Nhập lý do thu hồi.")).to_be_visible()
    _audit(audited, found, "revoke refused")
    _visit(audited, f"{base}/quay/thong-ke?tu=2020-11-01&den=2020-11-30", found, "statistics")
    _visit(audited, f"{base}/quay/thong-ke?tu=2020-13-01", found, "statistics, bad range", 422)
    _visit(audited, f"{base}/quay/ho-so/000.00.04.H15-991231-9999", found, "unknown dossier", 404)

    assert {name: problems for name, problems in found.items() if problems} == {}


def test_the_centres_statistics_for_every_agency(audited: Page, live_server: LiveServer, issue: Any) -> None:  # noqa: F811
    make_officer(live_server.app, "truong.trung.tam", role="admin", agency=None, password=PASSWORD)
    issue(delivery="post")
    _log_in(audited, live_server.url, "truong.trung.tam")
    found: dict[str, list[str]] = {}

    _visit(audited, live_server.url + "/quay/thong-ke?tu=2020-11-01&den=2020-12-31", found, "statistics")
    _visit(
        audited, live_server.url + "/quay/thong-ke?tu=2030-01-01&den=2030-01-02", found, "statistics, empty"
    )

    assert {name: problems for name, problems in found.items() if problems} == {}


def test_on_a_phone_the_documents_names_take_the_width_of_the_form(
    phone: Page, live_server: LiveServer
) -> None:
    make_officer(live_server.app, "canbo.dien.thoai", password=PASSWORD)
    _log_in(phone, live_server.url, "canbo.dien.thoai")
    phone.goto(f"{live_server.url}/quay/?thu_tuc={LICENCE}")

    widths = phone.locator(".docs-in label").evaluate_all(
        "els => els.map(e => e.parentElement.getBoundingClientRect().width)"
    )

    assert widths and min(widths) > 200, widths  # it was 50 px before the table became cards
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
