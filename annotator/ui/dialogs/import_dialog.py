"""Import dialog: imports in the background (its own project connection); shows every bad file."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QProgressBar, QVBoxLayout, QWidget

from annotator.services.importing import ImportReport, import_paths
from annotator.services.project import ProjectStore
from annotator.ui.base.background import BackgroundTask, Progress


class ImportDialog(QDialog):
    """Progress while importing, then the summary and one line per rejected file."""

    imported = Signal(object)  # ImportReport, after the import ended

    def __init__(self, project: Path, paths: list[Path], annotator: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import articles")
        self.status = QLabel("Reading files…")
        self.status.setWordWrap(True)  # the summary has a line per layer and one of what was left out
        self.bar = QProgressBar()
        self.errors = QPlainTextEdit(readOnly=True)
        self.errors.setPlaceholderText("Files that could not be imported are listed here.")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.buttons.setEnabled(False)
        layout = QVBoxLayout(self)
        for widget in (self.status, self.bar, self.errors, self.buttons):
            layout.addWidget(widget)
        self.resize(560, 320)
        self.report: ImportReport | None = None
        def work(store: ProjectStore, progress: Progress) -> ImportReport:
            return import_paths(store, paths, annotator=annotator, progress=progress)

        self._task = BackgroundTask(project, work, self)
        self._task.progress.connect(self._on_task_progress)
        self._task.succeeded.connect(self._on_task_succeeded)
        self._task.failed.connect(self._on_task_failed)
        self._task.start()

    def _on_task_progress(self, done: int, total: int, path: str) -> None:
        self.bar.setRange(0, total)
        self.bar.setValue(done)
        self.status.setText(f"{done} of {total}: {Path(path).name}")

    def _on_task_succeeded(self, report: ImportReport) -> None:
        self.report = report
        self.status.setText(report.summary())
        self.errors.setPlainText("\n".join(report.errors))
        self._end()
        self.imported.emit(report)

    def _on_task_failed(self, message: str) -> None:
        self.status.setText(message)
        self._end()

    def _end(self) -> None:
        self.buttons.setEnabled(True)

    def reject(self) -> None:
        if self._task.is_running():
            return  # the import finishes its batch first; everything imported is kept
        super().reject()
