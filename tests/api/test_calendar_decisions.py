"""Calendar decisions loaded by operators: they move later appointments, never issued ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from receipts.config import ROOT
from receipts.services import catalogue

SHIPPED = ROOT / "data" / "holidays" / "vietnam-2024-2026.json"


def write(tmp_path: Path, rows: object, name: str = "decisions.json") -> str:
    """Write a holidays file and return its path."""
    path = tmp_path / name
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return str(path)


def import_file(runner, path: str):
    """Run `flask holidays import PATH`."""
    return runner.invoke(args=["holidays", "import", path])


def stored(app) -> list[tuple[str, str, str]]:
    """The decisions in the database, as (date, kind, name)."""
    with app.app_context():
        return [(d.day.isoformat(), d.kind, d.name) for d in catalogue.decisions()]


def test_a_day_off_imported_later_moves_new_appointments_but_not_issued_ones(
    runner, issue, client, auth, tmp_path
):
    # The province's example: 10 working days from Wednesday 25/11/2020 end on Wednesday 09/12/2020.
    before = issue()
    assert before["due_at"] == "2020-12-09T16:19:50+07:00"

    day_off = [{"date": "2020-12-01", "kind": "day_off", "name": "Nghỉ đột xuất", "source": "Quyết định thử"}]
    result = import_file(runner, write(tmp_path, day_off))
    assert result.exit_code == 0, result.output

    after = issue()
    assert after["due_at"] == "2020-12-10T16:19:50+07:00"
    assert after["due_text"] == "Chiều ngày 10/12/2020"

    again = client.get(f"/api/v1/receipts/{before['code']}", headers=auth).get_json()
    assert again["due_at"] == "2020-12-09T16:19:50+07:00"
    assert again["due_text"] == "Chiều ngày 09/12/2020"


def test_a_make_up_saturday_imported_later_brings_new_appointments_a_day_earlier(runner, issue, tmp_path):
    make_up = [{"date": "2020-11-28", "kind": "working_day", "name": "Làm bù", "source": "Quyết định thử"}]
    assert import_file(runner, write(tmp_path, make_up)).exit_code == 0
    assert issue()["due_at"] == "2020-12-08T16:19:50+07:00"


DAY = {"date": "2020-12-02", "kind": "day_off", "name": "Nghỉ"}


@pytest.mark.parametrize(
    ("content", "complaint"),
    [
        ("not json", "Cannot read"),
        (json.dumps(DAY), "expected a JSON array"),
        (json.dumps([DAY, {**DAY, "date": "2020-12-03", "kind": "holiday"}]), "item 1: kind"),
        (json.dumps([{**DAY, "date": "2020-02-30"}]), "item 0: date"),
        (json.dumps([{"date": "2020-12-02", "kind": "day_off"}]), "item 0: name"),
        (json.dumps([DAY, {**DAY, "name": "Nghỉ khác"}]), "twice"),
    ],
)
def test_a_bad_holidays_file_fails_with_one_line_and_changes_nothing(
    app, runner, issue, tmp_path, content, complaint
):
    good = [{"date": "2020-12-01", "kind": "day_off", "name": "Nghỉ đột xuất", "source": "Quyết định thử"}]
    assert import_file(runner, write(tmp_path, good, "good.json")).exit_code == 0
    decisions = stored(app)
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")

    result = import_file(runner, str(bad))

    assert result.exit_code != 0
    assert complaint in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert stored(app) == decisions
    assert issue()["due_at"] == "2020-12-10T16:19:50+07:00"


def test_a_missing_holidays_file_fails_with_one_line(runner, tmp_path):
    result = import_file(runner, str(tmp_path / "absent.json"))
    assert result.exit_code != 0
    assert len(result.stderr.strip().splitlines()) == 1


def test_importing_again_updates_the_decisions_instead_of_adding_them(app, runner, tmp_path):
    first = [{"date": "2020-12-01", "kind": "day_off", "name": "Tên cũ", "source": "Quyết định thử"}]
    second = [
        {"date": "2020-12-01", "kind": "day_off", "name": "Tên mới", "source": "Quyết định sửa"},
        {"date": "2020-12-05", "kind": "working_day", "name": "Làm bù", "source": "Quyết định sửa"},
    ]
    assert import_file(runner, write(tmp_path, first, "first.json")).exit_code == 0
    assert import_file(runner, write(tmp_path, second, "second.json")).exit_code == 0
    assert import_file(runner, write(tmp_path, second, "second.json")).exit_code == 0
    assert stored(app) == [("2020-12-01", "day_off", "Tên mới"), ("2020-12-05", "working_day", "Làm bù")]


def test_the_shipped_decisions_import_twice_without_duplicates(app, runner):
    rows = json.loads(SHIPPED.read_text(encoding="utf-8"))
    for _ in range(2):
        result = import_file(runner, str(SHIPPED))
        assert result.exit_code == 0, result.output
        assert f"{len(rows)} holidays imported" in result.output
    assert len(stored(app)) == len(rows)


def test_calendar_show_lists_a_years_days_off_and_make_up_saturdays_in_date_order(runner):
    assert import_file(runner, str(SHIPPED)).exit_code == 0

    result = runner.invoke(args=["calendar", "show", "2025"])

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    listed = [line for line in lines if line[:2].isdigit()]
    assert [line[6:10] + line[3:5] + line[:2] for line in listed] == sorted(
        line[6:10] + line[3:5] + line[:2] for line in listed
    )
    assert any(line.startswith("26/04/2025  Thứ Bảy") and "làm việc" in line for line in listed)
    assert any(line.startswith("02/05/2025  Thứ Sáu") and "6150/TB-BLĐTBXH" in line for line in listed)
    assert any(line.startswith("29/01/2025  Thứ Tư") for line in listed)
    # Plain weekends are counted, not listed: 104 weekend days, 8 of them in holidays, 1 worked.
    assert not any(line.startswith("08/03/2025") for line in listed)
    assert lines[0] == "Năm 2025: 250 ngày làm việc, 115 ngày nghỉ."
    assert lines[-1].startswith("Ngoài ra 95 ngày nghỉ hằng tuần")


def test_calendar_show_marks_the_days_off_that_only_the_holidays_package_knows(runner):
    assert import_file(runner, str(SHIPPED)).exit_code == 0

    lines = runner.invoke(args=["calendar", "show", "2026"]).output.splitlines()

    # 24/11/2026, "Ngày Văn hóa Việt Nam", comes from the package alone: no enacted text was found.
    culture = next(line for line in lines if line.startswith("24/11/2026"))
    assert "chưa có quyết định đã nhập" in culture
    # Tết 2026 is decided by Công văn 9859/VPCP-KGVX: not marked.
    tet = next(line for line in lines if line.startswith("17/02/2026"))
    assert "9859/VPCP-KGVX ngày 13/10/2025" in tet and "chưa có quyết định" not in tet


def test_calendar_show_marks_every_day_when_no_decision_is_imported(runner):
    lines = runner.invoke(args=["calendar", "show", "2025"]).output.splitlines()

    listed = [line for line in lines if line[:2].isdigit()]
    assert listed and all("chưa có quyết định đã nhập" in line for line in listed)
