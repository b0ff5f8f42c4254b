"""Change marks: a word per dossier, changed after every commit that changes what its public pages show.

A process that keeps a dossier's live state (`live.KeptStates`) reads the dossier's mark before it
queries the state and trusts what it kept for as long as the mark stays the same, without a query.
Every process on the machine that uses the same database shares the marks: they are a small file
mapped into memory (beside a SQLite database; in the temporary folder, named after the database, for
PostgreSQL), so a status recorded by one gunicorn worker is seen by the next view in any other.

A mark is written after the transaction commits (a session event), with a random value: a reader that
read the old mark before its query either saw the commit or sees the new mark next time. What does not
go through these writes (another machine's server, a hand edit, a process killed between its commit
and its mark) is caught by the keeper's trust limit, five seconds by default.

Marks are slots, not rows: dossiers share the 4,096 slots, so a change may also make a few other
dossiers' pages ask again (never the reverse). Slot 0 changes everything at once (an agency's
collecting account, which every page of its dossiers shows).
"""

from __future__ import annotations

import hashlib
import logging
import mmap
import os
import tempfile
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from ..extensions import db

log = logging.getLogger(__name__)

SLOTS = 4096
WORD = 8
# In the session's info until its transaction ends: the dossiers it changed, and their marks.
_PENDING, _MARKS = "receipts_changed", "receipts_changed_marks"


class ChangeMarks:
    """The marks of one database: `SLOTS` words in a shared memory map (a file, or the process's own)."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._map = _open_map(path)

    def mark(self, receipt_id: int) -> bytes:
        """Return the dossier's mark: it changes whenever the dossier (or everything) changes."""
        slot = _slot(receipt_id)
        return self._map[0:WORD] + self._map[slot : slot + WORD]

    def change(self, receipt_ids: Iterable[int]) -> None:
        """Give each dossier's slot a new random value (concurrent writers need no lock)."""
        for receipt_id in receipt_ids:
            slot = _slot(receipt_id)
            self._map[slot : slot + WORD] = os.urandom(WORD)

    def change_all(self) -> None:
        """Change every dossier's mark at once."""
        self._map[0:WORD] = os.urandom(WORD)


def _slot(receipt_id: int) -> int:
    # Slot 0 is everything's; dossiers share the others.
    return (1 + receipt_id % (SLOTS - 1)) * WORD


def _open_map(path: Path | None) -> mmap.mmap:
    size = SLOTS * WORD
    if path is not None:
        try:
            descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            try:
                if os.fstat(descriptor).st_size < size:
                    os.ftruncate(descriptor, size)
                return mmap.mmap(descriptor, size)
            finally:
                os.close(descriptor)
        except OSError as error:
            # Kept states then follow changes made in this process only, and others' within the trust limit.
            log.warning("change marks file %s unusable (%s): marks are this process's own", path, error)
    return mmap.mmap(-1, size)


def marks_path(engine: Engine) -> Path | None:
    """Return where the marks of the engine's database live: None for a database in memory."""
    url = engine.url
    if url.get_backend_name() == "sqlite":
        database = url.database
        if not database or database == ":memory:" or database.startswith("file:"):
            return None
        return Path(database).resolve().with_name(Path(database).name + "-marks")
    # The server, port and database, never the password: the same database, the same file.
    name = f"{url.get_backend_name()}://{url.host}:{url.port}/{url.database}"
    digest = hashlib.sha256(name.encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"receipts-marks-{digest}"


# One map per database file and process; a process that opens many databases (the tests) keeps the
# last few (a map made again reads the same file). A database in memory has its map for its engine's life.
_made: OrderedDict[Path, ChangeMarks] = OrderedDict()
_in_memory: weakref.WeakKeyDictionary[Engine, ChangeMarks] = weakref.WeakKeyDictionary()
_KEEP = 32
_lock = threading.Lock()


def of(engine: Engine) -> ChangeMarks:
    """Return the marks of the engine's database."""
    path = marks_path(engine)
    with _lock:
        if path is None:
            marks = _in_memory.get(engine)
            if marks is None:
                marks = _in_memory[engine] = ChangeMarks(None)
            return marks
        marks = _made.get(path)
        if marks is None:
            marks = _made[path] = ChangeMarks(path)
            while len(_made) > _KEEP:
                _made.popitem(last=False)
        return marks


def changed(receipt_id: int) -> None:
    """Change the dossier's mark once the session's transaction commits (nothing if it rolls back)."""
    _pending().add(receipt_id)


def changed_everything() -> None:
    """Change every dossier's mark once the session's transaction commits."""
    _pending().add(None)


def _pending() -> set[int | None]:
    session = db.session()
    pending = session.info.get(_PENDING)
    if pending is None:
        pending = session.info[_PENDING] = set()
        session.info[_MARKS] = of(db.engine)
    return pending


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    pending = session.info.pop(_PENDING, None)
    marks = session.info.pop(_MARKS, None)
    if not pending or marks is None:
        return
    if None in pending:
        marks.change_all()
    marks.change(receipt_id for receipt_id in pending if receipt_id is not None)


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(_PENDING, None)
    session.info.pop(_MARKS, None)
