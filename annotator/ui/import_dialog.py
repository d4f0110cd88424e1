"""Import dialog: imports off the GUI thread with its own project connection; shows every bad file."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QProgressBar, QVBoxLayout, QWidget

from annotator.core.errors import AnnotatorError
from annotator.services.importing import ImportReport, import_paths
from annotator.storage import ProjectStore


class ImportWorker(QObject):
    """Runs in a QThread; the store is opened and closed inside the thread."""

    progress = Signal(int, int, str)
    finished = Signal(object)  # ImportReport
    failed = Signal(str)

    def __init__(self, project: Path, paths: list[Path], annotator: str | None) -> None:
        super().__init__()
        self.project, self.paths, self.annotator = project, paths, annotator

    def run(self) -> None:
        try:
            with ProjectStore(self.project) as store:
                report = import_paths(store, self.paths, annotator=self.annotator,
                                      progress=lambda d, t, p: self.progress.emit(d, t, p))
        except AnnotatorError as exc:
            self.failed.emit(str(exc))
            return
        self.finished.emit(report)


class ImportDialog(QDialog):
    """Progress while importing, then the summary and one line per rejected file."""

    imported = Signal(object)  # ImportReport, after the import ended

    def __init__(self, project: Path, paths: list[Path], annotator: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Import articles")
        self.status = QLabel("Reading files…")
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
        self._thread = QThread(self)
        self._worker = ImportWorker(project, paths, annotator)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress.connect(self._on_worker_progress)
        self._worker.finished.connect(self._on_worker_finished)
        self._worker.failed.connect(self._on_worker_failed)
        self._thread.start()

    def _on_worker_progress(self, done: int, total: int, path: str) -> None:
        self.bar.setRange(0, total)
        self.bar.setValue(done)
        self.status.setText(f"{done} of {total}: {Path(path).name}")

    def _on_worker_finished(self, report: ImportReport) -> None:
        self.report = report
        self.status.setText(report.summary())
        self.errors.setPlainText("\n".join(report.errors))
        self._end()
        self.imported.emit(report)

    def _on_worker_failed(self, message: str) -> None:
        self.status.setText(message)
        self._end()

    def _end(self) -> None:
        self._thread.quit()
        self._thread.wait()
        self.buttons.setEnabled(True)

    def reject(self) -> None:
        if self._thread.isRunning():
            return  # the import finishes its batch first; everything imported is kept
        super().reject()
