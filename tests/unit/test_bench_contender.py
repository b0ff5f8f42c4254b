"""The benchmark's ReportLab contender prints every line the receipt template prints, so it cannot drift."""

from __future__ import annotations

import dataclasses
import io
import re

import pytest
from pypdf import PdfReader

from benchmarks.reportlab_receipt import fixed_strings, reportlab_pdf
from receipts.config import ROOT
from receipts.domain.receipt import COPIES, DocumentItem, ReceiptSnapshot
from receipts.render.labels import form_labels, printed_lines
from receipts.runtime import sample_snapshot

FORM = (ROOT / "templates" / "receipt" / "_form.html").read_text(encoding="utf-8")
# The template prints its fixed words from the form's data file.
HEADER = (ROOT / "templates" / "forms" / "_header.html").read_text(encoding="utf-8")
WORDS = " ".join([FORM, HEADER, *printed_lines(form_labels("01"))])


def _words(text: str) -> str:
    return " ".join(text.replace("&nbsp;", " ").split())


def _printed_keys(loop_variable: str) -> set[str]:
    """Return the keys the form prints as `{{ var.key }}`; `r.version` and `r.paper` only steer it."""
    return set(re.findall(r"\{\{\s*" + loop_variable + r"\.(\w+)\s*\}\}", FORM))


def _every_line() -> ReceiptSnapshot:
    """Return the sample with every optional line set: organization, fee, note, officer, a correction."""
    sample = sample_snapshot()
    return dataclasses.replace(
        sample,
        version=3,
        applicant=dataclasses.replace(sample.applicant, organization="Công ty Cổ phần Ấn Độ"),
        procedure=dataclasses.replace(sample.procedure, fee=150000),
        documents=(*sample.documents, DocumentItem("Bản sao giấy khai sinh", 2, "Bản sao")),
        delivery="post",
        book="07/2020",
        number=42,
        officer_name="Trần Thị Bình",
        note="Bổ sung ảnh 3x4 khi nhận kết quả",
    )


def _text(snapshot: ReceiptSnapshot) -> list[str]:
    pdf = reportlab_pdf(snapshot.form_lines(), COPIES, "https://example.invalid/r/x")
    return [_words(page.extract_text()) for page in PdfReader(io.BytesIO(pdf)).pages]


def test_the_form_prints_only_keys_of_form_lines() -> None:
    lines = sample_snapshot().form_lines()
    assert _printed_keys("r") <= set(lines)
    assert _printed_keys("d") <= set(lines["documents"][0])


def test_every_fixed_word_of_the_contender_is_the_templates() -> None:
    missing = [word for word in fixed_strings() if _words(word) not in _words(WORDS)]
    assert missing == []


@pytest.mark.parametrize("snapshot", [sample_snapshot(), _every_line()], ids=["sample", "every-line"])
def test_each_copy_prints_every_value_the_template_prints(snapshot: ReceiptSnapshot) -> None:
    lines = snapshot.form_lines()
    values = [lines[key] for key in sorted(_printed_keys("r"))]
    values += [d[key] for d in lines["documents"] for key in sorted(_printed_keys("d"))]
    expected = [_words(str(v)) for v in values if v != ""]
    pages = _text(snapshot)
    assert len(pages) == len(COPIES)
    for page, label in zip(pages, COPIES, strict=True):
        assert label in page
        assert [value for value in expected if value not in page] == []


def test_with_every_line_set_each_copy_prints_every_fixed_word() -> None:
    for page in _text(_every_line()):
        assert [word for word in fixed_strings() if _words(word) not in page] == []


def test_a_correction_says_which_one_on_each_copy() -> None:
    assert all("Bản điều chỉnh lần 2" in page for page in _text(_every_line()))
