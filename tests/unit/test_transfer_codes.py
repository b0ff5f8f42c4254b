"""Finding the dossier code in a bank transfer's description, however the bank mangled it."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from receipts.domain.codes import DossierCode, find_transfer_codes

AGENCIES = ["000.00.04.H15", "G22.39"]
CODE = DossierCode("000.00.04.H15", date(2020, 11, 25), 80)


@pytest.mark.parametrize(
    "description",
    [
        "000.00.04.H15-201125-0080",
        "MBVCB.3012345.000.00.04.H15-201125-0080.CT tu 0123456789",
        "0000004H15 201125 0080 thanh toan",
        "0000004H152011250080",
        "IBFT0000004H152011250080",
        "0000004h15-201125-0080",
        "000 00 04 H15 201125 0080",
        "0000004H15 2011250080 1303",
        "thanh toan phi ho so ０００.００.０４.Ｈ１５－２０１１２５－００８０",
    ],
)
def test_a_code_is_found_with_dots_dropped_spaces_or_upper_case(description):
    assert CODE in find_transfer_codes(description, AGENCIES)


@pytest.mark.parametrize(
    "description",
    [
        "",
        "chuyen tien 2011250080",
        "0000004H15 20112500801303",  # the sequence runs into other digits
        "0000004H15 201325 0080",  # no 25th of a 13th month
        "0000004H15 201125 0000",  # sequences start at 1
        "0000004H16 201125 0080",  # another agency
    ],
)
def test_text_without_a_code_of_a_known_agency_names_none(description):
    assert CODE not in find_transfer_codes(description, AGENCIES)


def test_a_second_agency_is_found_without_its_dots():
    assert find_transfer_codes("TT G2239 261201 0007", AGENCIES) == [
        DossierCode("G22.39", date(2026, 12, 1), 7)
    ]


GROUP = st.text(alphabet="0123456789ABCDEFGHJKLMNPQRSTUVWXYZ", min_size=1, max_size=5)


@given(
    groups=st.lists(GROUP, min_size=1, max_size=5),
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    sequence=st.integers(min_value=1, max_value=9999),
    style=st.sampled_from(["kept", "dropped", "spaces", "lower"]),
)
def test_any_code_of_a_known_agency_survives_the_ways_banks_mangle_it(groups, day, sequence, style):
    agency = ".".join(groups)
    code = str(DossierCode(agency, day, sequence))
    typed = {
        "kept": code,
        "dropped": code.replace(".", "").replace("-", ""),
        "spaces": code.replace(".", " ").replace("-", " "),
        "lower": code.lower().replace("-", ""),
    }[style]
    assert DossierCode(agency, day, sequence) in find_transfer_codes(
        f"MBVCB.123 {typed} CHUYEN KHOAN", [agency]
    )
