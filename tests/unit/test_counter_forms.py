"""The counter's form mapping, without a request: rows read back, errors keyed by the form's own fields."""

from __future__ import annotations

import pytest

from receipts.web.counter import forms

FORM = {
    "procedure_code": "1.000028.000.00.00.H15",
    "applicant.name": "Phan Quốc Hậu",
    "applicant.phone": "0946 911 303",
    "sets": "1",
    "delivery": "counter",
    "documents.0.name": "Đơn đề nghị",
    "documents.0.listed": "1",
    "documents.0.copies": "1",
    "documents.1.name": "Tờ khai",
    "documents.1.listed": "1",
    "documents.1.on": "on",
    "documents.1.copies": "2",
    "documents.2.name": "",
    "documents.3.name": "Giấy tờ gõ thêm",
    "documents.3.copies": "x",
}


def test_a_listed_row_counts_when_ticked_and_a_typed_row_when_it_has_a_name():
    rows = forms.posted_rows(FORM)
    assert [(r["name"], r["checked"]) for r in rows] == [
        ("Đơn đề nghị", False),
        ("Tờ khai", True),
        ("", False),
        ("Giấy tờ gõ thêm", True),
    ]


def test_a_schema_error_on_the_nth_ticked_document_names_the_forms_own_row():
    body, errors, _ = forms.read_issue_form(FORM, "000.00.04.H15")
    assert body is None
    assert errors == {"documents.3.copies": "Phải là số nguyên."}


def test_a_valid_form_becomes_the_apis_command():
    body, errors, _ = forms.read_issue_form({**FORM, "documents.3.copies": "3"}, "000.00.04.H15")
    assert errors == {} and body is not None
    cmd = body.to_command()
    assert cmd.applicant.phone == "0946911303"
    assert [(d.name, d.copies) for d in cmd.documents or ()] == [("Tờ khai", 2), ("Giấy tờ gõ thêm", 3)]


def test_nothing_ticked_is_an_error_of_the_documents_field():
    untouched = {k: v for k, v in FORM.items() if not k.startswith("documents.")}
    _, errors, _ = forms.read_issue_form(untouched, "000.00.04.H15")
    assert errors["documents"] == "Đánh dấu ít nhất một giấy tờ đã nhận."


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("/quay/ho-so/x", "/quay/ho-so/x"),
        ("https://evil.example/quay/", "/quay/"),
        ("//evil.example/quay/", "/quay/"),
        ("/quay/\r\nSet-Cookie: a=b", "/quay/"),
        ("/thu-tuc", "/quay/"),
        ("/quay/\\evil", "/quay/"),
    ],
)
def test_only_a_path_of_the_counter_is_a_safe_next(value, expected):
    assert forms.safe_next(value, "/quay/") == expected
