"""The one change channel of a window: every write ends in one `changed(ProjectChanges)` signal.

Both desks, every panel, the document list and the suggestion controller connect to
`changed` and pick what concerns them; whoever writes (a desk, a dialog) calls `publish`.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from annotator.services.changes import ProjectChanges


class ChangeChannel(QObject):
    """publish(ProjectChanges) -> changed(ProjectChanges), on the GUI thread, to every subscriber."""

    changed = Signal(object)  # ProjectChanges

    def publish(self, changes: ProjectChanges) -> None:
        self.changed.emit(changes)
