"""PostgreSQL's own client tools, pg_dump and pg_restore, run as subprocesses.

Nothing else in the package starts a process; the database's address comes in as libpq
parameters (store/backups.py makes them from the SQLAlchemy URL).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path

# pg_dump's custom format opens with these five bytes (pg_backup_archiver.c).
DUMP_MAGIC = b"PGDMP"


class ToolError(Exception):
    """A client tool is missing, too old for the server, or failed; the message says which."""


def _which(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        raise ToolError(f"{tool} not found: install the PostgreSQL client tools (postgresql-client)")
    return path


def _failed(tool: str, done: subprocess.CompletedProcess[str]) -> ToolError:
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    return ToolError(f"{tool} failed: {lines[0] if lines else f'exit {done.returncode}'}")


def tool_major(tool: str) -> int:
    """Return the major version of an installed client tool; raise ToolError if it is missing."""
    out = subprocess.run([_which(tool), "--version"], capture_output=True, text=True, check=False).stdout  # noqa: S603
    found = re.search(r"(\d+)(?:\.\d+)?", out)
    if found is None:
        raise ToolError(f"{tool} --version printed no version: {out.strip()[:100]}")
    return int(found.group(1))


def check_fits(tool: str, server_major: int) -> None:
    """Refuse a tool older than the server: it reads only servers and dumps up to its own major version."""
    major = tool_major(tool)
    if major < server_major:
        raise ToolError(
            f"{tool} {major} is older than the PostgreSQL {server_major} server: "
            f"install postgresql-client-{server_major} (or newer)"
        )


def dump(params: Mapping[str, str], into: Path) -> None:
    """Write the whole database to `into` in pg_dump's custom format (one consistent snapshot)."""
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={into}"], params)


def restore(params: Mapping[str, str], source: Path) -> None:
    """Replace every object the dump holds with the dump's, in one transaction: all of it or none."""
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            str(source),
        ],
        params,
    )


def table_rows(source: Path, table: str) -> list[list[str]]:
    """Return the rows a custom-format dump holds for `table`, as text columns (read from the file alone)."""
    command = [_which("pg_restore"), "--data-only", f"--table={table}", "--file=-", str(source)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise _failed("pg_restore", done)
    rows, inside = [], False
    for line in done.stdout.splitlines():
        if line.startswith("COPY "):
            inside = True
        elif line == "\\.":
            inside = False
        elif inside:
            rows.append(line.split("\t"))
    return rows


def _run(args: list[str], params: Mapping[str, str]) -> None:
    # The address goes in libpq's environment variables, so that a password never shows in `ps`.
    env = {**os.environ, **params}
    database = params.get("PGDATABASE", "")
    command = [*args, f"--dbname={database}"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise _failed(args[0], done)
