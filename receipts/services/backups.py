"""Back the database up and restore it, with the signing keys the printed QR codes need beside it.

The keys are not in the database: without them no printed QR code verifies after a restore onto a
new machine. When they live in the instance folder, a copy goes beside the backup
(`FILE.secret_keys`, readable by its owner only); when they come from RECEIPTS_SECRET_KEYS, the
operator must keep them, and the command says so.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..domain.errors import Conflict, InvalidInput
from ..store import backups as store
from ..store.database import upgrade_schema

KEYS_SUFFIX = ".secret_keys"


@dataclass(frozen=True)
class Saved:
    """What a backup holds: the receipts counted when it began, and where the keys' copy went."""

    receipts: int
    keys_copy: Path | None


def keys_copy_of(backup: Path) -> Path:
    """Return where the copy of the signing keys of `backup` lies."""
    return backup.with_name(backup.name + KEYS_SUFFIX)


def backup(into: Path, keys_file: Path | None) -> Saved:
    """Copy the database into `into` and `keys_file` (None: keys from the environment) beside it."""
    if into.is_dir():
        raise InvalidInput(f"{into} is a folder: give the backup's file name")
    count = store.receipt_count()
    store.save(into)
    if keys_file is None or not keys_file.is_file():
        return Saved(count, None)
    copy = keys_copy_of(into)
    aside = copy.with_name(f".{copy.name}.{os.getpid()}.part")
    with os.fdopen(os.open(aside, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as file:
        file.write(keys_file.read_text(encoding="utf-8"))
    os.replace(aside, copy)
    return Saved(count, copy)


def restore(source: Path, *, force: bool = False) -> int:
    """Replace the database (holding receipts: only with `force`) by `source`; return its receipts."""
    kind, here = store.file_kind(source), store.backend()
    if kind is None:
        raise InvalidInput(f"{source} is neither an SQLite backup nor a PostgreSQL dump of this service")
    if kind != here:
        raise InvalidInput(
            f"{source} is {store.KINDS[kind]} but the configured database is {here}: "
            f"restore it into a {kind} database (RECEIPTS_DATABASE_URL)"
        )
    revision = store.schema_revision(source)
    if revision is None:
        raise InvalidInput(f"{source} records no schema revision: it is not a backup of this service")
    if revision not in store.known_revisions():
        raise InvalidInput(
            f"{source} comes from a newer version of the service (schema {revision}): "
            "update the code, then restore"
        )
    present = store.receipt_count()
    if present and not force:
        raise Conflict(
            f"the database already holds {present} receipts and a restore replaces them all: "
            "add --force to do so"
        )
    store.load(source)
    upgrade_schema()
    return store.receipt_count()


def unknown_keys(source: Path, keys: Sequence[str]) -> Path | None:
    """Return the keys' copy beside `source` if it holds a key that `keys` lacks, else None."""
    copy = keys_copy_of(source)
    if not copy.is_file():
        return None
    saved = {key.strip() for key in copy.read_text(encoding="utf-8").split(",") if key.strip()}
    return copy if saved - set(keys) else None
