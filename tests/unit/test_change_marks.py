"""Change marks (store/marks.py): shared by every process that maps the same file."""

from __future__ import annotations

import logging
from pathlib import Path

from receipts.store import marks


def test_marks_in_one_file_are_shared_and_an_unusable_file_falls_back(tmp_path: Path, caplog):
    first, second = marks.ChangeMarks(tmp_path / "m"), marks.ChangeMarks(tmp_path / "m")
    before = second.mark(7)
    first.change([7])
    assert second.mark(7) != before
    unrelated = second.mark(8)
    everything = second.mark(8)
    first.change_all()
    assert second.mark(8) != everything and second.mark(7) != before
    assert unrelated == everything
    with caplog.at_level(logging.WARNING, logger="receipts.store.marks"):
        alone = marks.ChangeMarks(tmp_path / "missing-folder" / "m")
    assert "unusable" in caplog.text
    mark = alone.mark(1)
    alone.change([1])
    assert alone.mark(1) != mark


def test_one_database_has_one_set_of_marks_in_a_process(tmp_path: Path):
    from sqlalchemy import create_engine

    first = create_engine(f"sqlite:///{tmp_path / 'a.sqlite3'}")
    second = create_engine(f"sqlite:///{tmp_path / 'a.sqlite3'}")
    other = create_engine(f"sqlite:///{tmp_path / 'b.sqlite3'}")
    assert marks.of(first) is marks.of(second)
    assert marks.of(first) is not marks.of(other)
    assert marks.marks_path(first) == tmp_path / "a.sqlite3-marks"
    memory = create_engine("sqlite://")
    assert marks.of(memory) is marks.of(memory) and marks.marks_path(memory) is None
    # PostgreSQL's file is named after the server and database, never the password.
    with_password = create_engine("postgresql+psycopg://u:secret@db:5432/receipts")
    without = create_engine("postgresql+psycopg://u@db:5432/receipts")
    assert marks.marks_path(with_password) == marks.marks_path(without)
    assert "secret" not in str(marks.marks_path(with_password))
