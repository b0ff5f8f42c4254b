"""Text rules shared by every output: NFC, diacritic folding, masking and Vietnamese dates."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

# Control characters, zero-width marks and direction overrides: the OpenAPI document's patterns
# refuse the same with this class. Lone surrogates (which no UTF-8 column can store) are refused
# too, but are no Unicode text a JSON Schema pattern could name.
CONTROL_CLASS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(rf"[{CONTROL_CLASS}\ud800-\udfff]")
_SPACES = re.compile(r"\s+")


def nfc(value: str) -> str:
    """Return `value` in Unicode NFC."""
    return unicodedata.normalize("NFC", value)


def has_control_chars(value: str) -> bool:
    """Tell whether `value` holds control or direction-override characters."""
    return bool(_CONTROL.search(value))


def clean_line(value: str) -> str:
    """Return one line of text: NFC, inner white space folded to single spaces, trimmed."""
    return _SPACES.sub(" ", nfc(value)).strip()


def fold(value: str) -> str:
    """Fold case, diacritics and đ/Đ so that 'Đắk Lắk' and 'dak lak' compare equal."""
    text = nfc(value).replace("đ", "d").replace("Đ", "D").casefold()
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped).strip()


def upper_vi(value: str) -> str:
    """Return a name in capitals as printed on the form ('PHAN QUỐC HẬU')."""
    return nfc(nfc(value).upper())


def mask_name(value: str) -> str:
    """Mask a person's name to its initials: 'Phan Quốc Hậu' -> 'P*** Q*** H***'."""
    return " ".join(f"{word[0]}***" for word in clean_line(value).split(" ") if word)


def date_dmy(value: date) -> str:
    """Return dd/mm/yyyy."""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def day_text(day: int) -> str:
    """Return a day of the month as documents print it: a zero before 1-9 only ('05', '25')."""
    return f"{day:02d}"


def month_text(month: int) -> str:
    """Return a month as documents print it: a zero before January and February only ('02', '5', '12')."""
    # Nghị định 30/2020/NĐ-CP, Phụ lục I: "ngày nhỏ hơn 10 và tháng 1, 2 thì phải ghi thêm số 0 phía trước".
    return f"{month:02d}" if month < 3 else str(month)


def date_long(value: date) -> str:
    """Return 'ngày 05 tháng 5 năm 2020', the one form of a date in words that every document prints."""
    return f"ngày {day_text(value.day)} tháng {month_text(value.month)} năm {value.year:04d}"


def datetime_long(value: datetime) -> str:
    """Return '16 giờ 19 phút, ngày 25 tháng 11 năm 2020'."""
    return f"{value.hour:02d} giờ {value.minute:02d} phút, {date_long(value)}"


def thousands(number: int) -> str:
    """Return a whole number with dots between thousands, as Vietnamese writes it: '5.000'."""
    return f"{number:,}".replace(",", ".")


def money_vnd(amount: int) -> str:
    """Return an amount in đồng with dots between thousands: '1.500.000 đồng'."""
    return thousands(amount) + " đồng"


def approx_size(size: int) -> str:
    """Return a file size as people read it before downloading: 'khoảng 60 KB', 'khoảng 1,2 MB'."""
    # Rounded up: a phone on a metered plan would rather be told a little more than less.
    kb = -(-size // 1000)
    if kb < 10:
        return f"khoảng {max(kb, 1)} KB"
    tens = -(-kb // 10) * 10
    if tens < 1000:
        return f"khoảng {tens} KB"
    return f"khoảng {size / 1_000_000:.1f} MB".replace(".", ",")


# Compound words of units' names whose syllables a header never splits across lines ("HÀNH CHÍNH").
KEPT_TOGETHER = (
    "HÀNH CHÍNH CÔNG",
    "TRUNG TÂM",
    "PHỤC VỤ",
    "HÀNH CHÍNH",
    "TIẾP NHẬN",
    "KẾT QUẢ",
    "BỘ PHẬN",
    "ỦY BAN",
    "UỶ BAN",
    "NHÂN DÂN",
    "THÀNH PHỐ",
    "VĂN PHÒNG",
    "CHÍNH PHỦ",
    "ĐĂNG KÝ",
    "ĐẤT ĐAI",
    "GIAO THÔNG",
    "VẬN TẢI",
    "CÔNG AN",
    "TƯ PHÁP",
    "TÀI CHÍNH",
    "XÂY DỰNG",
    "CÔNG THƯƠNG",
    "Y TẾ",
    "GIÁO DỤC",
    "ĐÀO TẠO",
    "LAO ĐỘNG",
    "XÃ HỘI",
    "NÔNG NGHIỆP",
    "MÔI TRƯỜNG",
    "NỘI VỤ",
    "KHOA HỌC",
    "CÔNG NGHỆ",
    "VĂN HÓA",
    "THỂ THAO",
    "DU LỊCH",
    "DÂN TỘC",
    "TÔN GIÁO",
    "ĐẮK LẮK",
    "ĐẮK NÔNG",
    "HÀ NỘI",
    "HỒ CHÍ MINH",
)
# Longest first, so that "HÀNH CHÍNH CÔNG" is kept whole rather than as "HÀNH CHÍNH" and "CÔNG".
_KEPT = re.compile("|".join(re.escape(w) for w in sorted(KEPT_TOGETHER, key=len, reverse=True)))


def keep_words(name: str) -> str:
    """Return `name` with the syllables of its common compound words joined by no-break spaces."""
    return _KEPT.sub(lambda found: found.group().replace(" ", "\u00a0"), name)
