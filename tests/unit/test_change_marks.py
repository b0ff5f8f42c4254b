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
