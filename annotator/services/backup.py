"""Backups of the project: taken before merges, schema changes and restores, and while someone edits.

Listing and restoring for the `backup` command; `backup_if_due` for the window, which calls it
off the GUI thread at most once every EDITING_INTERVAL while edits are made.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from annotator.core.errors import ProjectError
from annotator.storage import ProjectStore
from annotator.storage.backups import Backup, backup_folder, list_backups, newest_backup_time

EDITING_INTERVAL = timedelta(minutes=30)

__all__ = ["Backup", "backup_folder", "backup_if_due", "backups_of", "restore"]


def backups_of(store: ProjectStore) -> list[Backup]:
    """This project's backups, newest first (number 1 is the newest)."""
    return list_backups(store.path)


def restore(store: ProjectStore, number: int) -> tuple[Backup, Backup]:
    """Restore backup `number` (1: the newest); returns it and the backup of the state before."""
    found = list_backups(store.path)
    if not 1 <= number <= len(found):
        raise ProjectError(f"{store.path}: no backup {number} (there are {len(found)}; see `annotator backup list`)")
    chosen = found[number - 1]
    safety = store.restore_backup(chosen)
    return chosen, safety


def backup_if_due(store: ProjectStore, now: datetime | None = None) -> Backup | None:
    """Take a backup while someone edits, if the newest is older than EDITING_INTERVAL."""
    now = now or datetime.now(timezone.utc)
    newest = newest_backup_time(store.path)
    if newest is not None and now - newest < EDITING_INTERVAL:
        return None
    return store.backup("while-editing")
