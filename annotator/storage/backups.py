"""Backups of a project file, as Anki keeps them: consistent snapshots in the user data folder, thinned.

A backup is `VACUUM INTO` a new file: one read transaction, so it is a consistent snapshot
and never blocks the writers of the project (WAL), and it is compact (no free pages). It is
written under a temporary name of its own (time, process, random tag) and renamed when whole,
while holding the project's backup lock (an OS file lock on `.lock` in its folder): two commands
backing up one project at once (schema set, merge, restore, the window's automatic backup) take
turns, and neither deletes the other's file. A killed backup leaves a temporary file that the
next backup removes under the lock (the OS frees a dead process's lock). Each project has its own folder under
<user data folder>/backups/<project name>-<hash of its path>/. Kept: the ten most recent,
then the newest of each day for a week; older ones are removed after each backup.
"""
from __future__ import annotations

import hashlib
import os
import secrets
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Iterator

from annotator.core.errors import ProjectError

KEEP_RECENT = 10
KEEP_DAYS = 7
_SUFFIX = ".annotator.db"
_PARTIAL = ".partial"


@dataclass(frozen=True, slots=True)
class Backup:
    """One backup file: when it was taken (UTC), why, and its size in bytes."""

    path: Path
    taken_at: datetime
    reason: str
    size: int


def backup_folder(project: Path) -> Path:
    """This project's backups, in the user data folder (two projects of one name do not mix)."""
    from annotator.paths import data_dir

    resolved = project.resolve()
    tag = hashlib.sha256(str(resolved).encode("utf-8")).hexdigest()[:10]
    return data_dir() / "backups" / f"{resolved.name.split('.')[0]}-{tag}"


def take_backup(project: Path, reason: str, conn: sqlite3.Connection | None = None) -> Backup:
    """Snapshot `project` (through `conn`, or a read-only connection of its own), then thin the folder."""
    folder = backup_folder(project)
    stamp = datetime.now(timezone.utc)
    name = f"{stamp:%Y%m%d-%H%M%S-%f}-{reason}{_SUFFIX}"
    partial = folder / f".{name}.{os.getpid()}-{secrets.token_hex(4)}{_PARTIAL}"
    own = conn is None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with backup_lock(folder):
            for leftover in folder.glob(f".*{_PARTIAL}"):  # a backup killed half-way (nobody else is writing)
                leftover.unlink(missing_ok=True)
            if own:
                conn = sqlite3.connect(project.resolve().as_uri() + "?mode=ro", uri=True)
            assert conn is not None
            conn.execute("VACUUM INTO ?", (str(partial),))
            while (folder / name).exists():  # another command's backup of the same microsecond
                name = f"{stamp:%Y%m%d-%H%M%S-%f}-{reason}-{secrets.token_hex(2)}{_SUFFIX}"
            os.replace(partial, folder / name)
            thin(folder, stamp)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise ProjectError(f"{project}: cannot back up to {folder} ({exc})") from None
    finally:
        if own and conn is not None:
            conn.close()
    return _backup(folder / name)


@contextmanager
def backup_lock(folder: Path) -> Iterator[None]:
    """Hold this project's backup lock (waits while another process holds it)."""
    with open(folder / ".lock", "a+b") as handle:
        if os.name == "nt":  # pragma: no cover - Windows
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)  # retries for about 10 s
            try:
                yield
            finally:
                handle.seek(0)
                msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def list_backups(project: Path) -> list[Backup]:
    """This project's backups, newest first."""
    folder = backup_folder(project)
    if not folder.is_dir():
        return []
    found = [_backup(p) for p in folder.glob(f"*{_SUFFIX}") if not p.name.startswith(".")]
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def newest_backup_time(project: Path) -> datetime | None:
    backups = list_backups(project)
    return backups[0].taken_at if backups else None


def thin(folder: Path, now: datetime) -> list[Path]:
    """Keep the KEEP_RECENT newest, then the newest of each day for KEEP_DAYS days; remove the rest."""
    backups = sorted((_backup(p) for p in folder.glob(f"*{_SUFFIX}") if not p.name.startswith(".")),
                     key=lambda b: b.taken_at, reverse=True)
    keep = {b.path for b in backups[:KEEP_RECENT]}
    days: set[str] = set()
    for b in backups[KEEP_RECENT:]:
        day = b.taken_at.strftime("%Y-%m-%d")
        if now - b.taken_at <= timedelta(days=KEEP_DAYS) and day not in days:
            keep.add(b.path)
        days.add(day)
    removed = [b.path for b in backups if b.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def restore_backup(project: Path, conn: sqlite3.Connection, backup: Backup) -> Backup:
    """Put `backup` in place of the project's content, after backing up its current state.

    Through SQLite's backup API into the open connection, so other connections see the
    restored content at once (a file copy would fight the WAL)."""
    safety = take_backup(project, "before-restore", conn)
    source = sqlite3.connect(backup.path.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        source.backup(conn)
    except sqlite3.Error as exc:
        raise ProjectError(f"{project}: cannot restore {backup.path.name} ({exc}); "
                           f"the state before is in {safety.path.name}") from None
    finally:
        source.close()
    return safety


def _backup(path: Path) -> Backup:
    """A backup from its file name: <YYYYmmdd-HHMMSS-micro>-<reason>.annotator.db."""
    stem = path.name[: -len(_SUFFIX)]
    date, clock, micro, reason = (stem.split("-", 3) + ["", "", "", ""])[:4]
    try:
        taken = datetime.strptime(f"{date}{clock}{micro}", "%Y%m%d%H%M%S%f").replace(tzinfo=timezone.utc)
    except ValueError:
        taken = datetime.fromtimestamp(path.stat().st_mtime, timezone.utc)
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    return Backup(path, taken, reason, size)
