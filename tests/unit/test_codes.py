from datetime import date

import pytest

from receipts.domain.codes import format_dossier_code, is_agency_code, parse_dossier_code


def test_the_province_example_code_is_formatted_from_agency_day_and_sequence():
    assert format_dossier_code("000.00.04.H15", date(2020, 11, 25), 80) == "000.00.04.H15-201125-0080"


def test_a_code_round_trips_through_the_parser():
    parsed = parse_dossier_code("000.00.04.H15-201125-0080")
    assert parsed is not None
    assert (parsed.agency_code, parsed.day, parsed.sequence) == ("000.00.04.H15", date(2020, 11, 25), 80)
    assert str(parsed) == "000.00.04.H15-201125-0080"


@pytest.mark.parametrize(
    "text", ["#000.00.04.H15-201125-0080", "  000.00.04.h15-201125-0080 ", "# 000.00.04.H15-201125-0080"]
)
def test_the_parser_accepts_what_a_citizen_types_in_zalo(text):
    assert str(parse_dossier_code(text)) == "000.00.04.H15-201125-0080"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "000.00.04.H15-201325-0001",
        "000.00.04.H15-201125-0000",
        "000.00.04.H15-201125-12",
        "000.00.04.H15-2011250-0001",
        "../etc-201125-0001",
        "000.00.04.H15-201125-0001; DROP",
    ],
)
def test_the_parser_refuses_what_is_not_a_code(text):
    assert parse_dossier_code(text) is None


def test_sequences_beyond_9999_keep_every_digit():
    assert format_dossier_code("000.00.04.H15", date(2020, 11, 25), 10000).endswith("-10000")


def test_agency_codes_have_a_known_shape():
    assert is_agency_code("000.00.04.H15")
    assert not is_agency_code("000 00")
    assert not is_agency_code(".H15")
