import unicodedata

from receipts.domain.text import clean_line, date_long, fold, mask_name, money_vnd, upper_vi


def test_folding_ignores_diacritics_case_and_d_with_stroke():
    assert fold("Đắk Lắk") == fold("dak lak") == "dak lak"
    assert fold("CẤP GIẤY PHÉP") == "cap giay phep"


def test_folding_treats_nfd_and_nfc_alike():
    assert fold(unicodedata.normalize("NFD", "Hộ tịch")) == fold("Hộ tịch")


def test_a_line_is_nfc_with_spaces_folded():
    nfd = unicodedata.normalize("NFD", "  Phan   Quốc Hậu ")
    assert clean_line(nfd) == "Phan Quốc Hậu"
    assert unicodedata.is_normalized("NFC", clean_line(nfd))


def test_names_print_in_vietnamese_capitals():
    assert upper_vi("Phan Quốc Hậu") == "PHAN QUỐC HẬU"
    assert upper_vi("đỗ thị ngọc") == "ĐỖ THỊ NGỌC"


def test_a_masked_name_keeps_only_initials():
    assert mask_name("Phan Quốc Hậu") == "P*** Q*** H***"


def test_dates_read_as_on_an_administrative_paper():
    from datetime import date

    assert date_long(date(2020, 11, 25)) == "ngày 25 tháng 11 năm 2020"


def test_money_is_in_dong_with_dots():
    assert money_vnd(1500000) == "1.500.000 đồng"
