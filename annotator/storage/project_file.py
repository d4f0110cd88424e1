"""The project file itself: making it all or nothing, recognising one left half-made, write transactions.

A new file gets its schema, our application id and the default labels in one transaction,
the creation stamp written last, so a kill leaves an empty file (made on the next open) or a
whole project. A file an earlier version was killed while making (our tables, no mark, no
stamp) is completed on open instead of being refused forever.
"""
from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from annotator import __version__
from annotator.core.errors import BusyError, ProjectError
from annotator.storage.migrations import APPLICATION_ID, LATEST, create_schema


def now() -> str:
    """UTC time stamp, ISO 8601 with milliseconds: sorts as text."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def create_project(conn: sqlite3.Connection, name: str) -> None:
    """Schema, our mark and the default labels of a new file, in one transaction."""
    with immediate(conn, name):
        if conn.execute("PRAGMA user_version").fetchone()[0] == 0:  # nobody made it while we waited
            create_schema(conn)
            _seed_rows(conn)


def complete_project(conn: sqlite3.Connection, name: str) -> None:
    """Finish a file whose making was cut short: our mark, the default labels, the stamp."""
    with immediate(conn, name):
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        _seed_rows(conn)


def _seed_rows(conn: sqlite3.Connection) -> None:
    """The default schema (labels, attributes, relation types, vague quantities), then the
    creation stamp that says the file is whole."""
    from annotator.assets import default_labels
    from annotator.core.schema import default_schema
    from annotator.storage.schema_store import write_schema

    write_schema(conn, default_schema(default_labels()))
    conn.execute(
        "INSERT OR IGNORE INTO project_meta VALUES ('created_at', ?), ('created_by', ?)",
        (now(), f"annotator {__version__}"),
    )


def is_half_made(conn: sqlite3.Connection, version: int, tables: set[str]) -> bool:
    """A file an earlier version was killed while making: our tables, not yet marked ours, no documents."""
    if not (1 <= version <= LATEST and "project_meta" in tables and "documents" in tables):
        return False
    return not is_created(conn) and conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 0


def is_created(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM project_meta WHERE key = 'created_at'").fetchone() is not None


@contextmanager
def immediate(conn: sqlite3.Connection, name: str = "the project file") -> Iterator[None]:
    """BEGIN IMMEDIATE takes the write lock up front, so two processes queue instead of deadlocking.

    Waiting is bounded by the connection's timeout; then the user gets one line, not a traceback.
    A full disk or read-only file rolls the step back and is one line too."""
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise BusyError(f"{name}: busy, another window or command is writing to it; try again "
                               "when it has finished") from None
        if storage_fault(exc):
            raise ProjectError(f"{name}: cannot save ({exc})") from None
        raise
    try:
        yield
        conn.execute("COMMIT")
    except BaseException as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if isinstance(exc, sqlite3.OperationalError) and storage_fault(exc):
            raise ProjectError(f"{name}: cannot save ({exc}); nothing of this step was stored") from None
        raise


def storage_fault(exc: sqlite3.Error) -> bool:
    """A full disk, an I/O error or a read-only file: the user's to fix, told in one line."""
    text = str(exc).lower()
    return any(word in text for word in ("full", "disk i/o", "readonly", "read-only", "unable to open"))


def open_fault(path: Path, exc: sqlite3.DatabaseError) -> str:
    """One line for a file that cannot be opened: read-only is not 'not a project file'."""
    if storage_fault(exc):
        return (f"{path}: cannot be opened for writing ({exc}): the file or its folder is read-only or "
                "the disk is full; open a writable copy")
    return f"{path}: not a project file ({exc})"
