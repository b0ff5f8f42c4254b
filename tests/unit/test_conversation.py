"""Reading a citizen's message, and the words of each status's notice."""

from __future__ import annotations

import pytest

from receipts.domain.conversation import Ask, international_phone, same_phone, understand
from receipts.domain.guidance import NEXT_STEPS
from receipts.domain.statuses import Status

CODE = "000.00.04.H15-201125-0080"


@pytest.mark.parametrize(
    ("text", "ask", "codes", "digits"),
    [
        (f"#{CODE} 1303", Ask.SUBSCRIBE, (CODE,), "1303"),
        (f"1303 {CODE.lower()}", Ask.SUBSCRIBE, (CODE,), "1303"),
        (f"#{CODE}", Ask.LOOKUP, (CODE,), ""),
        (f"#{CODE} 13030", Ask.LOOKUP, (CODE,), ""),
        (f"#{CODE} 1303 0946", Ask.LOOKUP, (CODE,), ""),
        (f"{CODE} 000.00.04.H15-201125-0081 1303", Ask.LOOKUP, (CODE, "000.00.04.H15-201125-0081"), ""),
        (f"Hủy theo dõi #{CODE}", Ask.UNSUBSCRIBE, (CODE,), ""),
        ("huy theo doi", Ask.UNSUBSCRIBE, (), ""),
        ("Xin chào", Ask.HELP, (), ""),
        ("thủ tục", Ask.HELP, (), ""),
    ],
)
def test_what_a_message_asks(text, ask, codes, digits):
    intent = understand(text)
    assert (intent.ask, intent.codes, intent.digits) == (ask, codes, digits)


@pytest.mark.parametrize("text", ["thủ tục cấp phép xe", "Thu tuc: cap phep xe", "THỦ TỤC  cấp phép xe"])
def test_thu_tuc_searches_the_catalogue_with_or_without_diacritics(text):
    intent = understand(text)
    assert intent.ask is Ask.PROCEDURES and intent.query.startswith("cap phep")


def test_at_most_three_codes_are_read_from_a_message():
    codes = " ".join(f"000.00.04.H15-201125-{n:04d}" for n in range(1, 6))
    assert len(understand(codes).codes) == 3


@pytest.mark.parametrize(
    ("phone", "international"),
    [
        ("0946911303", "84946911303"),
        ("+84 946 911 303", "84946911303"),
        ("84946911303", "84946911303"),
        ("1303", ""),
        ("", ""),
    ],
)
def test_phones_become_international_for_zns(phone, international):
    assert international_phone(phone) == international


def test_two_ways_of_writing_a_phone_are_the_same_phone_and_no_phone_matches_nothing():
    assert same_phone("0946 911 303", "84946911303")
    assert not same_phone("0946911303", "0946911304")
    assert not same_phone("", "")


def test_every_status_has_its_next_step():
    assert set(NEXT_STEPS) == set(Status)
    assert all(text.strip() for text in NEXT_STEPS.values())
