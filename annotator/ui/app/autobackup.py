"""Backups while someone edits: at most one every 30 minutes, taken off the GUI thread.

A backup is a read transaction on its own connection (VACUUM INTO), so edits go on while it
runs. The folder's newest backup decides whether one is due; an edit checks at most once a
minute, so labelling costs nothing.
"""
from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from annotator.ui.base.background import BackgroundTask

CHECK_EVERY_S = 60.0


class EditingBackups(QObject):
    """Call `edited(project)` after each edit; a due backup runs in the background."""

    message = Signal(str)  # a failed backup, in one line

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._next_check = 0.0
        self._task: BackgroundTask | None = None

    def edited(self, project: Path) -> None:
        if time.monotonic() < self._next_check or (self._task is not None and self._task.is_running()):
            return
        from annotator.services.backup import backup_if_due

        self._next_check = time.monotonic() + CHECK_EVERY_S
        self._task = BackgroundTask(project, lambda store, _progress: backup_if_due(store), self)
        self._task.failed.connect(lambda text: self.message.emit(f"Backup failed: {text}"))
        self._task.start()
