"""The PDF a citizen opens from the receipt page: their copy first, the same QR, its size said beforehand."""

from __future__ import annotations

import re

import pypdfium2 as pdfium

from receipts.domain.text import approx_size
from tests.support import local_path
from tests.web.test_pdf import decode_qr, pdf_text

PDF_LINK = re.compile(r'<a href="([^"]+)">Mở bản PDF \((khoảng [0-9,]+ [KM]B)\)</a>')


def test_the_page_links_the_pdf_with_the_citizens_copy_first_and_the_same_qr_on_both(issue, client):
    body = issue()
    href, _ = PDF_LINK.search(client.get(local_path(body["verify_url"])).get_data(as_text=True)).groups()

    data = client.get(local_path(href)).data

    assert href == body["pdf_url"] + "?copy=citizen"
    first, second = pdf_text(data)
    assert "Liên 2: Giao người nộp hồ sơ" in first and "Liên 1: Lưu" not in first
    assert "Liên 1: Lưu" in second
    assert len(pdfium.PdfDocument(data)) == 2
    for page_index in range(2):
        assert decode_qr(data, page_index) == [body["verify_url"]]


def test_the_counters_pdf_keeps_liên_1_first(issue, client):
    body = issue()

    first, second = pdf_text(client.get(local_path(body["pdf_url"])).data)

    assert "Liên 1: Lưu" in first and "Liên 2: Giao người nộp hồ sơ" in second


def test_the_link_says_an_estimate_before_the_pdf_is_made_and_its_exact_size_after(issue, client):
    body = issue()
    page = local_path(body["verify_url"])
    _, estimate = PDF_LINK.search(client.get(page).get_data(as_text=True)).groups()

    data = client.get(local_path(body["pdf_url"] + "?copy=citizen")).data
    _, said = PDF_LINK.search(client.get(page).get_data(as_text=True)).groups()

    assert said == approx_size(len(data))
    # The estimate is the same round figure as the real one for the guide's example.
    assert estimate == said == "khoảng 30 KB"


def test_sizes_read_as_people_say_them():
    assert approx_size(1) == "khoảng 1 KB"
    assert approx_size(9_000) == "khoảng 9 KB"
    assert approx_size(9_001) == "khoảng 10 KB"
    assert approx_size(27_465) == "khoảng 30 KB"
    assert approx_size(60_000) == "khoảng 60 KB"
    assert approx_size(60_001) == "khoảng 70 KB"
    assert approx_size(990_000) == "khoảng 990 KB"
    assert approx_size(990_001) == "khoảng 1,0 MB"
    assert approx_size(1_200_000) == "khoảng 1,2 MB"
