"""The pages the Official Account's menu opens, on a 360 px phone in Zalo's in-app browser."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from typing import Any

import pytest

try:
    from playwright.sync_api import Page, Request, expect
except ImportError:
    if os.environ.get("CI"):
        raise
    pytest.skip(reason="Playwright for Python is not installed", allow_module_level=True)

from receipts.domain.text import fold

from .conftest import PHONE, PROVINCE_SIZE, LiveServer

pytestmark = pytest.mark.browser

WIDTH = PHONE["viewport"]["width"]
FOLD = PHONE["viewport"]["height"]
# Stands in for a phone whose browser has a camera and the BarcodeDetector API: the "camera" is a
# canvas, and the detector reads whatever the test puts in window.__qr.
FAKE_SCANNER = """
window.__qr = null;
window.BarcodeDetector = class {
  static async getSupportedFormats() { return ["qr_code", "ean_13"]; }
  constructor(options) { this.options = options; }
  async detect(source) { return window.__qr === null ? [] : [{ rawValue: window.__qr, format: "qr_code" }]; }
};
Object.defineProperty(navigator, "mediaDevices", { value: { getUserMedia: async () => {
  const canvas = document.createElement("canvas");
  canvas.width = 64; canvas.height = 64;
  canvas.getContext("2d").fillRect(0, 0, 64, 64);
  return canvas.captureStream(5);
} } });
"""


def assert_fits_the_phone(page: Page) -> None:
    """Assert nothing makes the page scroll sideways."""
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH


def assert_tap_targets_are_big_enough(page: Page) -> None:
    """Assert every visible link, button and field is at least 44 × 44 CSS pixels."""
    small = page.evaluate(
        """() => [...document.querySelectorAll("a, button, input, select, summary")]
          .filter((e) => e.getClientRects().length > 0)
          .map((e) => [e.outerHTML.slice(0, 80), e.getBoundingClientRect()])
          .filter(([, r]) => r.width < 44 || r.height < 44)
          .map(([html, r]) => `${html} ${Math.round(r.width)}×${Math.round(r.height)}`)"""
    )
    assert small == [], small


def weight(page: Page, url: str) -> int:
    """Load `url` and return the bytes transferred for it, headers included."""
    finished: list[Request] = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url, wait_until="networkidle")
    return sum(r.sizes()["responseHeadersSize"] + r.sizes()["responseBodySize"] for r in finished)


def test_home_offers_the_three_ways_in_on_the_first_screen(phone: Page, live_server: LiveServer) -> None:
    phone.goto(live_server.url + "/")

    expect(phone.get_by_role("heading", name="Tra cứu hồ sơ hành chính")).to_be_visible()
    for target in [
        phone.get_by_label("Mã hồ sơ"),
        phone.get_by_role("button", name="Tra cứu hồ sơ"),
        phone.get_by_role("link", name="Quét mã QR"),
        phone.get_by_role("link", name="Thủ tục hành chính"),
    ]:
        expect(target).to_be_visible()
        box = target.bounding_box()
        assert box is not None and box["y"] + box["height"] <= FOLD, target
    assert_fits_the_phone(phone)
    assert_tap_targets_are_big_enough(phone)
    assert weight(phone, live_server.url + "/") < 20_000


def test_a_code_pasted_with_its_message_opens_the_dossier(
    phone: Page, live_server: LiveServer, issue: Callable[..., dict[str, Any]]
) -> None:
    code = issue()["code"]
    phone.goto(live_server.url + "/")

    phone.get_by_label("Mã hồ sơ").fill(f"Cho em hỏi hồ sơ #{code.lower().replace('-', ' – ')} ạ")
    phone.get_by_role("button", name="Tra cứu hồ sơ").click()

    expect(phone).to_have_url(f"{live_server.url}/tra-cuu/{code}")
    expect(phone.get_by_role("heading", name="Tình trạng hồ sơ")).to_be_visible()
    # The status, and the first step of the history under it.
    expect(phone.get_by_role("definition").filter(has_text="Được tiếp nhận")).to_be_visible()
    expect(phone.get_by_role("listitem").filter(has_text="Được tiếp nhận")).to_be_visible()


def test_text_without_a_code_keeps_the_text_focused_and_says_why(
    phone: Page, live_server: LiveServer
) -> None:
    phone.goto(live_server.url + "/tra-cuu")
    field = phone.get_by_label("Mã hồ sơ")

    field.fill("0946 911 303")
    response_status = []
    phone.on("response", lambda response: response_status.append(response.status))
    phone.get_by_role("button", name="Tra cứu").click()

    expect(phone.get_by_role("alert")).to_contain_text("Không tìm thấy mã hồ sơ")
    assert 422 in response_status
    expect(field).to_have_value("0946 911 303")
    expect(field).to_be_focused()
    expect(field).to_have_attribute("aria-invalid", "true")
    assert phone.evaluate("document.getElementById('code').getAttribute('aria-describedby')").startswith(
        "code-error"
    )
    assert_fits_the_phone(phone)
    assert_tap_targets_are_big_enough(phone)


def test_wrong_digits_keep_focus_and_the_digits_on_the_field(
    phone: Page, live_server: LiveServer, issue: Callable[..., dict[str, Any]]
) -> None:
    code = issue()["code"]
    phone.goto(f"{live_server.url}/tra-cuu/{code}")
    digits = phone.get_by_label("Nhập 4 số cuối điện thoại")

    digits.fill("0000")
    phone.get_by_role("button", name="Xem giấy tiếp nhận").click()

    expect(phone.get_by_role("alert")).to_have_text("4 số cuối không đúng. Vui lòng kiểm tra lại.")
    expect(digits).to_be_focused()
    expect(digits).to_have_value("0000")
    expect(digits).to_have_accessible_description("4 số cuối không đúng. Vui lòng kiểm tra lại.")
    assert_tap_targets_are_big_enough(phone)


def test_without_a_camera_api_the_scanner_page_says_how_to_scan_with_zalo(
    phone: Page, live_server: LiveServer
) -> None:
    errors: list[str] = []
    phone.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    phone.on("pageerror", lambda error: errors.append(str(error)))

    phone.goto(live_server.url + "/quet", wait_until="networkidle")

    expect(phone.get_by_text("Mở Zalo → biểu tượng mã QR → quét mã trên giấy tiếp nhận")).to_be_visible()
    expect(phone.get_by_role("button", name="Bật máy ảnh để quét")).to_be_hidden()
    assert errors == []
    assert_fits_the_phone(phone)
    assert_tap_targets_are_big_enough(phone)


def test_the_scanner_opens_a_receipt_of_ours(
    phone: Page, live_server: LiveServer, issue: Callable[..., dict[str, Any]]
) -> None:
    receipt = issue()
    phone.add_init_script(FAKE_SCANNER)
    phone.goto(live_server.url + "/quet")

    phone.get_by_role("button", name="Bật máy ảnh để quét").click()
    expect(phone.get_by_role("status")).to_have_text("Đang tìm mã QR…")
    assert_tap_targets_are_big_enough(phone)
    phone.evaluate("(url) => { window.__qr = url; }", receipt["verify_url"])

    expect(phone).to_have_url(receipt["verify_url"])
    expect(phone.get_by_role("heading", name="Giấy tiếp nhận hợp lệ")).to_be_visible()


@pytest.mark.parametrize(
    "foreign",
    [
        "https://lua-dao.example/r/abc",
        "{base}/quay",
        "{base}/r/abc/../../quay",
        "{base}/r/abc?next=https://lua-dao.example",
        "javascript:alert(1)",
        "Chuyển khoản 500.000 đồng",
    ],
)
def test_the_scanner_follows_no_other_qr(phone: Page, live_server: LiveServer, foreign: str) -> None:
    phone.add_init_script(FAKE_SCANNER)
    phone.goto(live_server.url + "/quet")
    phone.get_by_role("button", name="Bật máy ảnh để quét").click()
    expect(phone.get_by_role("status")).to_have_text("Đang tìm mã QR…")

    phone.evaluate("(value) => { window.__qr = value; }", foreign.format(base=live_server.url))

    expect(phone.get_by_role("status")).to_contain_text("không phải mã của giấy tiếp nhận")
    phone.wait_for_timeout(700)
    assert phone.url == live_server.url + "/quet"


def test_a_province_catalogue_is_searched_filtered_and_paged_on_a_phone(
    phone: Page, province_server: LiveServer
) -> None:
    url = province_server.url + "/thu-tuc"
    assert weight(phone, url) < 60_000
    expect(phone.get_by_text(f"Tìm thấy {PROVINCE_SIZE:,} thủ tục".replace(",", "."))).to_be_visible()
    assert_fits_the_phone(phone)
    assert_tap_targets_are_big_enough(phone)

    phone.get_by_label("Tên thủ tục").fill("cap doi giay phep")
    phone.get_by_label("Cấp thực hiện").select_option("province")
    phone.get_by_role("button", name="Tìm thủ tục").click()

    found = phone.get_by_role("status")
    expect(found).to_have_text(re.compile(r"^Tìm thấy \d+ thủ tục$"))
    total = int(found.inner_text().split()[2].replace(".", ""))
    rows = phone.locator("table tbody tr")
    assert 0 < rows.count() == min(total, 50)
    for name in rows.locator("td:nth-child(4)").all_inner_texts():
        assert all(word in fold(name) for word in ["cap", "doi", "giay", "phep"]), name
    expect(phone.get_by_label("Cấp thực hiện")).to_have_value("province")
    selected = phone.get_by_label("Cấp thực hiện").locator("option:checked").inner_text()
    assert selected == f"Cấp tỉnh ({total})"
    assert_fits_the_phone(phone)

    first = rows.first.locator("a")
    name = first.inner_text()
    first.click()
    expect(phone.get_by_role("heading", name=name)).to_be_visible()
    assert_fits_the_phone(phone)
    assert_tap_targets_are_big_enough(phone)


def test_the_catalogues_pages_follow_one_another(phone: Page, province_server: LiveServer) -> None:
    phone.goto(province_server.url + "/thu-tuc")

    phone.get_by_role("link", name="Trang sau").click()

    expect(phone.get_by_role("link", name="Trang 2, trang đang xem")).to_be_visible()
    expect(phone.locator("table tbody tr").first.locator("td").first).to_have_text("51")
    phone.get_by_role("link", name="Trang 100").click()
    expect(phone.locator("table tbody tr").last.locator("td").first).to_have_text(f"{PROVINCE_SIZE}")
    expect(phone.get_by_role("link", name="Trang sau")).to_have_count(0)
