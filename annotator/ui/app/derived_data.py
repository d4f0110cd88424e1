"""What the window runs in the background over an opened project: the quick check, and the fill
of derived data (the search index and tokens of documents that lack them) after the first paint."""
from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from annotator.services.project import ProjectStore
from annotator.ui.base.background import BackgroundTask
from annotator.ui.base.token_loader import TokenFill


class DerivedData(QObject):
    """check(store) once a project opens; fill(store) whenever documents may lack derived data."""

    message = Signal(str, int)  # a status-bar line (text, milliseconds; 0: until replaced)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.token_fill: TokenFill | None = None

    def check(self, store: ProjectStore) -> None:
        """SQLite's quick check and our invariants, off the GUI thread (a third of a second on
        a 50 MB project); a problem is one line in the status bar."""
        from annotator.services.check import opening_check

        task = BackgroundTask(store.path, lambda other, _progress: opening_check(other), self)
        task.succeeded.connect(lambda problem: problem and self.message.emit(f"Check failed: {problem}", 0))
        task.failed.connect(lambda text: self.message.emit(f"Check failed: {text}", 0))
        task.start()

    def fill(self, store: ProjectStore) -> None:
        """New documents are indexed for search and tokenized in the background (after the window is up)."""
        self.stop()
        fill = self.token_fill = TokenFill(store.path, self)
        fill.progress.connect(self._on_progress)
        QTimer.singleShot(300, fill, fill.start)  # after the first paint: nothing tokenizes before it

    def stop(self) -> None:
        """Derived data: what is not done is done next time."""
        if self.token_fill is not None:
            self.token_fill.stop()

    def _on_progress(self, done: int, total: int, what: str) -> None:
        if done < total:
            task = "Indexing for search" if what == "search" else "Preparing tokens"
            self.message.emit(f"{task}: {done:,} of {total:,} documents", 3000)
