"""The operators' data files (agencies, procedures, holiday decisions) imported through the CLI,
with every field at the edges of its type and files that are not JSON at all: imported, or one
clear line and a non-zero exit; never a traceback, and nothing changed when refused."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.fuzzing import (
    DATES,
    HOURS,
    INTEGERS,
    JSON_VALUES,
    MOMENTS,
    NUMBERS,
    TEXTS,
    field_value,
    fuzz_settings,
    row_counts,
)
from tests.support import on_both_backends

AGENCY = {
    "code": "000.00.09.H15",
    "parent_name": "UBND TỈNH ĐẮK LẮK",
    "unit_name": "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ",
    "place": "Đắk Lắk",
    "office_hours": [["07:00", "11:30"], ["13:30", "17:00"]],
    "paper": "A4",
}
PROCEDURE = {
    "code": "1.100001.000.00.00.H15",
    "name": "Cấp giấy phép lái xe",
    "level": "province",
    "field": "Đường bộ",
    "agency_name": "Sở Giao thông vận tải",
    "service_level": "Một phần",
    "duration": 10,
    "duration_unit": "working_days",
    "fee": 135000,
    "documents": [{"name": "Đơn đề nghị", "copies": 1, "form": "Bản chính"}],
}
HOLIDAY = {"date": "2025-05-02", "kind": "day_off", "name": "Nghỉ bù", "source": "Quyết định 1/2025"}
CODES = TEXTS | st.sampled_from(["000.00.09.h15", " 000.00.09.H15 ", "0", "0" * 41, "1.100001.000.00.00.ħ15"])
COUNTS = INTEGERS | NUMBERS | TEXTS
DOCUMENTS = st.lists(
    st.fixed_dictionaries(
        {"name": field_value(TEXTS), "copies": field_value(COUNTS), "form": field_value(TEXTS)}
    ),
    max_size=3,
) | st.lists(st.just({"name": "x"}), min_size=101, max_size=101)
FIELDS = {
    "agencies": (
        AGENCY,
        {
            "code": CODES,
            "parent_name": TEXTS,
            "unit_name": TEXTS,
            "place": TEXTS,
            "office_hours": st.lists(st.lists(HOURS, min_size=0, max_size=3), max_size=4),
            "paper": st.sampled_from(["A4", "A5", "Letter"]) | TEXTS,
            "is_demo": JSON_VALUES,
        },
    ),
    "procedures": (
        PROCEDURE,
        {
            "code": CODES,
            "name": TEXTS,
            "level": st.sampled_from(["central", "province", "district", "commune", "ward"]) | TEXTS,
            "field": TEXTS,
            "agency_name": TEXTS,
            "service_level": TEXTS,
            "duration": COUNTS,
            "duration_unit": st.sampled_from(["working_days", "working_hours", "calendar_days", "days"])
            | TEXTS,
            "fee": COUNTS,
            "documents": DOCUMENTS,
        },
    ),
    "holidays": (
        HOLIDAY,
        {
            "date": DATES | MOMENTS | INTEGERS,
            "kind": st.sampled_from(["day_off", "working_day", "holiday"]) | TEXTS,
            "name": TEXTS,
            "source": TEXTS,
        },
    ),
}


def _rows(kind: str) -> st.SearchStrategy:
    base, fields = FIELDS[kind]
    changes = st.lists(st.sampled_from(sorted(fields)), max_size=3, unique=True).flatmap(
        lambda chosen: st.fixed_dictionaries({name: field_value(fields[name]) for name in chosen})
    )
    return changes.map(lambda change: {**base, **change})


# A file as an operator may produce it: rows at the edges, or bytes that are no JSON array of rows.
def _file(kind: str) -> st.SearchStrategy:
    rows = st.lists(_rows(kind), min_size=1, max_size=3).map(
        lambda r: json.dumps(r, ensure_ascii=True).encode()
    )
    odd = st.sampled_from(
        [b"", b"\xef\xbb\xbf[]", b"\xff\xfe[", b"[" * 5000, b"{}", b"[1e999]", b"[NaN]", b"null"]
    )
    return rows | rows | odd | JSON_VALUES.map(lambda v: json.dumps(v).encode())


FILES = st.sampled_from(sorted(FIELDS)).flatmap(lambda kind: st.tuples(st.just(kind), _file(kind)))


@pytest.mark.fuzz
@fuzz_settings(200)
@given(case=FILES)
def test_any_data_file_is_imported_or_refused_in_one_clear_line(app, runner, tmp_path, case):
    kind, content = case
    path = tmp_path / f"{kind}.json"
    path.write_bytes(content)
    before = row_counts(app)
    result = runner.invoke(args=[kind, "import", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    if result.exit_code == 0:
        assert "imported" in result.output
    else:
        assert result.output.strip() and len(result.output.strip().splitlines()) == 1, result.output
        assert row_counts(app) == before


@pytest.mark.parametrize("kind", sorted(FIELDS))
def test_a_file_nested_deeper_than_python_recurses_is_one_clear_line(app, runner, tmp_path, kind):
    # Found by the fuzzing: json.loads raised RecursionError, and the command a traceback.
    path = tmp_path / "deep.json"
    path.write_bytes(b"[" * 5000)
    result = runner.invoke(args=[kind, "import", str(path)])
    assert result.exit_code == 1
    assert "Cannot read" in result.output and "Traceback" not in result.output


@on_both_backends
def test_a_name_that_nfc_lengthens_past_its_column_is_refused_as_too_long(app, runner, tmp_path):
    # U+0958 is one character as sent and two in NFC: 300 of them fit the limit but not the column.
    path = tmp_path / "agencies.json"
    path.write_text(json.dumps([{**AGENCY, "parent_name": "\u0958" * 300}]), encoding="utf-8")
    before = row_counts(app)
    result = runner.invoke(args=["agencies", "import", str(path)])
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {path}: item 0: parent_name: Value error, too long"
    assert row_counts(app) == before
