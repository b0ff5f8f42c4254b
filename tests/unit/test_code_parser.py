"""Dossier codes are found in what people type, however they type them, and nothing else is."""

from __future__ import annotations

import re
import time
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from receipts.domain.codes import (
    AGENCY_CODE,
    DossierCode,
    find_codes,
    format_dossier_code,
    parse_dossier_code,
)

EXAMPLE = "000.00.04.H15-201125-0080"
DASHES = ["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\uff0d"]
DOTS = [".", "\u3002", "\uff0e"]
WORDS = (
    "mã hồ sơ của tôi là cho em hỏi tình trạng đã nộp tại bộ phận một cửa ủy ban nhân dân xã phường "
    "giấy tiếp nhận hẹn trả kết quả ngày anh chị ơi vâng ạ cảm ơn nhiều được không khi nào xong "
    "đăng ký khai sinh cấp đổi giấy phép lái xe quyền sử dụng đất Đắk Lắk Buôn Ma Thuột tra cứu "
    "xin chào la cho toi hoi ma ho so"
).split()
PUNCTUATION = ["", ",", ".", "!", "?", ":", ";", "…", ")", "("]
EMOJIS = ["🙏", "😊", "👍", "❤️", "👨‍👩‍👧", "🇻🇳", "✅"]
# Numbers people write next to codes that are not codes.
LOOKALIKES = [
    "25/11/2020",
    "25-11-2020",
    "2020-11-25",
    "25.11.2020",
    "0946911303",
    "0946 911 303",
    "0946-911-303",
    "+84 946 911 303",
    "1303",
    "201125",
    "1.000028.000.00.00.H15",
    "2.001711.000.00.00.H15",
    "000.00.04.H15",
    "135.000 đồng",
    "HS-2020-0001",
    "07:30",
]

agency_codes = st.one_of(
    # The shape the province's agencies have (Quyết định 20/2020/QĐ-TTg): 000.00.04.H15.
    st.from_regex(r"[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.[A-Z][0-9]{2}", fullmatch=True),
    # Anything the importer accepts as an agency code.
    st.from_regex(AGENCY_CODE, fullmatch=True).filter(lambda code: len(code) <= 40),
)
codes = st.builds(
    DossierCode,
    agency_codes,
    st.dates(date(2000, 1, 1), date(2099, 12, 31)),
    st.integers(1, 9999),
)


@st.composite
def typed(draw: st.DrawFn, code: DossierCode) -> str:
    """Return `code` as someone might type it on a phone."""
    text = str(code)
    agency, rest = text[: len(code.agency_code)], text[len(code.agency_code) :]
    dash = draw(st.sampled_from(DASHES))
    around_dash = draw(st.sampled_from(["", " ", "  "]))
    rest = rest.replace("-", around_dash + dash + around_dash)
    dot = draw(st.sampled_from(DOTS))
    around_dot = draw(st.sampled_from(["", " "]))
    # A run of dots ("A..B", which the importer allows) is one separator: spaces go around the run.
    agency = re.sub(r"\.+", lambda run: around_dot + dot * len(run[0]) + around_dot, agency)
    text = agency + rest
    case = draw(st.sampled_from([str, str.lower, str.upper]))
    text = case(text)
    if draw(st.booleans()):
        text = text.translate(FULL_WIDTH)
    return draw(st.sampled_from(["", "#", "# ", "＃"])) + text


FULL_WIDTH = {code: code + 0xFEE0 for code in range(0x21, 0x7F)}
filler_word = st.one_of(
    st.builds(lambda w, p: w + p, st.sampled_from(WORDS), st.sampled_from(PUNCTUATION)),
    st.sampled_from(EMOJIS),
    st.sampled_from(LOOKALIKES),
    st.integers(0, 10**9).map(str),
)
filler = st.lists(filler_word, max_size=12).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(st.data(), codes, filler, filler)
def test_a_code_typed_any_way_inside_a_message_is_found(data, code, before, after):
    text = " ".join(part for part in [before, data.draw(typed(code)), after] if part)

    assert find_codes(text) == [code], text


@settings(max_examples=200, deadline=None)
@given(st.data(), st.lists(codes, min_size=1, max_size=7), filler)
def test_several_codes_in_one_message_are_found_once_each_in_order_up_to_the_limit(data, many, glue):
    text = " ".join(f"{data.draw(typed(code))} {glue}" for code in many)
    unique = list(dict.fromkeys(many))

    assert find_codes(text, limit=20) == unique, text
    assert find_codes(text) == unique[:5]
    assert find_codes(text, limit=1) == unique[:1]


@settings(max_examples=300, deadline=None)
@given(filler)
def test_a_message_without_a_code_finds_none(text):
    assert find_codes(text) == []


@settings(max_examples=300, deadline=None)
@given(st.data(), codes)
def test_one_code_typed_any_way_parses_exactly(data, code):
    assert parse_dossier_code(data.draw(typed(code))) == code
    assert parse_dossier_code(str(code)) == code


@pytest.mark.parametrize(
    "text",
    [
        "#000.00.04.H15-201125-0080",
        "cho em hỏi hồ sơ 000.00.04.h15-201125-0080 với ạ",
        "Mã: 000.00.04.H15 - 201125 - 0080.",
        "000 . 00 . 04 . H15 – 201125 – 0080",
        "＃０００．００．０４．Ｈ１５－２０１１２５－００８０",
        "000。00。04。H15—201125—0080🙏",
        "(000.00.04.H15\u2212201125\u22120080)",
        "xin. 000 . 00 . 04 . H15 - 201125 - 0080",
        "000.00.04.H15-201125-0080 1303",
        "000.00.04.H15-201125\u200b-0080",
        # Spaces around one dot and not the next: the spaced one is the sentence's, not the code's.
        "nộp 2 . 000.00.04.H15-201125-0080",
    ],
)
def test_the_example_code_is_found_as_citizens_type_it(text):
    assert [str(code) for code in find_codes(text)] == [EXAMPLE]


@pytest.mark.parametrize(
    "text",
    [
        *LOOKALIKES,
        "",
        "#",
        "000.00.04.H15-201325-0001",
        "000.00.04.H15-201131-0001",
        "000.00.04.H15-201125-0000",
        "000.00.04.H15-201125-12",
        "000.00.04.H15-201125-123",
        "000.00.04.H15-201125-1234567",
        "000.00.04.H15-2011250-0001",
        "000.00.04.H15-201125\n-0001",
        ".H15-2011-0001",
        "A" * 41 + "-201125-0001",
        # Groups of 10, 43 characters in all: longer than any agency code.
        "AAAAAAAAAA.BBBBBBBBBB.CCCCCCCCCC.DDDDDDDDDD-201125-0001",
    ],
)
def test_text_that_only_looks_like_a_code_finds_none(text):
    assert find_codes(text) == []


def test_a_code_runs_from_a_word_start_to_the_last_digit():
    found = find_codes("HS000.00.04.H15-201125-0080 và 000.00.04.H15-201125-00801")
    assert [str(code) for code in found] == ["HS000.00.04.H15-201125-0080", "000.00.04.H15-201125-0801"]


def test_a_limit_of_zero_finds_nothing():
    assert find_codes(EXAMPLE, limit=0) == []


def test_the_exact_parser_refuses_a_sentence_around_the_code_and_what_is_too_long_or_short():
    assert parse_dossier_code("AAAAAAAAAA.BBBBBBBBBB.CCCCCCCCCC.DDDDDDDDDD-201125-0001") is None
    assert parse_dossier_code("000.00.04.H15-201125-123") is None
    assert parse_dossier_code(f"mã {EXAMPLE}") is None
    assert parse_dossier_code(f"{EXAMPLE} 1303") is None


@pytest.mark.parametrize("text", ["A. " * 30_000, "A . " * 25_000, "1 " * 50_000, "00-000000-" * 10_000])
def test_long_hostile_text_is_searched_quickly(text):
    started = time.perf_counter()
    find_codes(text)
    assert time.perf_counter() - started < 2


def test_the_canonical_form_is_what_the_formatter_prints():
    assert str(parse_dossier_code("000.00.04.h15 – 201125 – 0080")) == format_dossier_code(
        "000.00.04.H15", date(2020, 11, 25), 80
    )
    assert find_codes("#000.00.04.h15 – 201125 – 80") == []
