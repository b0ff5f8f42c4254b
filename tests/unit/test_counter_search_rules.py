"""What the counter's search reads in what is typed, the password policy, and a reissue's changed fields."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta

import pytest

from receipts.domain.audit import changed_fields, changes
from receipts.domain.officers import MIN_PASSWORD, Officer, password_problem
from receipts.domain.receipt import AgencyBlock, Applicant, DocumentItem, ProcedureInfo, ReceiptSnapshot
from receipts.domain.search import COUNT_CAP, PAGE_SIZE, DossierQuery, Found, phone_key


@pytest.mark.parametrize(
    ("typed", "code", "phone", "words"),
    [
        ("000.00.04.H15-201125-0080", "000.00.04.H15-201125-0080", "", []),
        ("#000.00.04.h15 – 201125 – 0080", "000.00.04.H15-201125-0080", "", []),
        ("0946911303", None, "0946911303", []),
        ("+84 946 911 303", None, "0946911303", []),
        ("(0946) 911-303", None, "0946911303", []),
        ("84946911303", None, "0946911303", []),
        ("09469", None, "", ["09469"]),
        ("Phan Quốc  Hậu", None, "", ["phan", "quoc", "hau"]),
        ("ĐẶNG đình", None, "", ["dang", "dinh"]),
        ("a b c d e f g h", None, "", ["a", "b", "c", "d", "e", "f"]),
        ("", None, "", []),
    ],
)
def test_what_is_typed_is_read_as_a_code_a_phone_or_the_words_of_a_name(typed, code, phone, words):
    query = DossierQuery(typed)
    assert (query.code, query.phone, query.words) == (code, phone, words)


def test_phone_keys_take_one_form_and_refuse_what_is_not_a_phone():
    assert phone_key("0946 911 303") == phone_key("+84946911303") == "0946911303"
    assert phone_key("") == phone_key("12345678") == ""
    assert phone_key("123456789") == "123456789"
    assert phone_key("1" * 16) == ""


def test_pages_start_at_the_first_result_and_the_count_stops_at_the_cap():
    assert DossierQuery(page=1).offset == 0 and DossierQuery(page=3).offset == 2 * PAGE_SIZE
    assert Found(0, [], 1).pages == 1
    assert Found(PAGE_SIZE, [], 1).pages == 1 and Found(PAGE_SIZE + 1, [], 1).pages == 2
    assert not Found(COUNT_CAP, [], 1).more_than_cap and Found(COUNT_CAP + 1, [], 1).more_than_cap
    assert Found(COUNT_CAP + 1, [], 1).pages == COUNT_CAP // PAGE_SIZE
    assert DossierQuery(date_from=date(2020, 1, 1)).date_from == date(2020, 1, 1)


@pytest.mark.parametrize(
    ("password", "problem"),
    [
        ("a1" * 4 + "b", "Mật khẩu cần ít nhất 10 ký tự."),
        ("abcd-12345", None),
        ("x" * 128 + "", "Mật khẩu này quá dễ đoán."),
        ("abcd" * 32 + "e", "Mật khẩu dài tối đa 128 ký tự."),
        ("abcd\x00efghij", "Mật khẩu không được chứa ký tự điều khiển."),
        ("MatKhau123", "Mật khẩu này quá dễ đoán."),
        ("abababababab", "Mật khẩu này quá dễ đoán."),
        ("abcabcabcabc", "Mật khẩu này quá dễ đoán."),
        ("abcdabcdabcd", None),
        ("xin-chao-CANBO", "Mật khẩu không được chứa tên đăng nhập."),
    ],
)
def test_the_password_policy(password, problem):
    assert password_problem(password, "canbo") == problem
    assert MIN_PASSWORD == 10


def test_roles_decide_which_agencies_an_account_sees():
    officer = Officer(1, "a", "officer", "A", "")
    admin = Officer(2, "b", "admin", "A", "")
    head = Officer(3, "c", "centre_admin", None, "")
    stray = Officer(4, "d", "admin", None, "")
    assert officer.may_act_on("A") and not officer.may_act_on("B") and not officer.is_admin
    assert (
        admin.may_act_on("A") and not admin.may_act_on("B") and not admin.may_act_on(None) and admin.is_admin
    )
    assert head.may_act_on("A") and head.may_act_on("B") and head.may_act_on(None) and head.is_admin
    assert not stray.may_act_on("A") and stray.scope == "", "an administrator without agency sees nothing"
    assert (officer.scope, admin.scope, head.scope) == ("A", "A", None)


@pytest.fixture
def example_snapshot() -> ReceiptSnapshot:
    received = datetime.fromisoformat("2020-11-25T16:19:50+07:00")
    return ReceiptSnapshot(
        code="000.00.04.H15-201125-0080",
        version=1,
        agency=AgencyBlock("000.00.04.H15", "UBND TỈNH ĐẮK LẮK", "BỘ PHẬN TIẾP NHẬN", "Đắk Lắk"),
        procedure=ProcedureInfo("1.000028.000.00.00.H15", "Cấp phép lưu hành xe", 10, "working_days"),
        applicant=Applicant("Phan Quốc Hậu", "VNPT", "06 Lê Duẩn", "0946911303", ""),
        documents=(DocumentItem("Đơn đề nghị", 1, "Bản chính"),),
        received_at=received,
        due_at=received + timedelta(days=14),
    )


def test_a_reissue_names_each_changed_field_in_the_forms_order(example_snapshot):
    after = dataclasses.replace(
        example_snapshot,
        version=2,
        applicant=dataclasses.replace(example_snapshot.applicant, phone="0911222333", email="a@b.vn"),
        note="Sửa số điện thoại",
    )
    details = changes(example_snapshot, after)
    assert details["version"] == 2
    assert details["fields"] == {
        "applicant.phone": ["0946911303", "0911222333"],
        "applicant.email": ["", "a@b.vn"],
        "note": ["", "Sửa số điện thoại"],
    }
    assert changed_fields(example_snapshot.to_dict(), example_snapshot.to_dict()) == {}
    blank = dataclasses.replace(example_snapshot, applicant=Applicant("Phan Quốc Hậu"))
    assert "applicant.organization" in changed_fields(example_snapshot.to_dict(), blank.to_dict())
