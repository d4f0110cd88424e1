"""Merge dialog: brings other project files into this one off the GUI thread; one line per file, or the refusal."""
from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QProgressBar, QTextEdit, QVBoxLayout, QWidget

from annotator.services.merge import merge_files
from annotator.services.project import ProjectStore
from annotator.services.merge import MergeResult
from annotator.ui.base.background import BackgroundTask, Progress


def _count(n: int, one: str) -> str:
    return f"{n:,} {one}{'' if n == 1 else 's'}"


def describe(result: MergeResult) -> str:
    """What one file brought, phrased for a reviewer: the file by name, then only the counts that happened."""
    parts = [f"{_count(result.documents_added, 'new document')}, {result.documents_matched:,} already here"]
    if result.layers_added + result.layers_replaced == 0 and result.layers_kept:
        parts.append(f"nothing new: this project's {_count(result.layers_kept, 'layer')} were as new or newer")
    else:
        parts.append(_count(result.layers_added, "layer") + " added")
        if result.layers_replaced:
            parts.append(f"{result.layers_replaced:,} replaced by a newer one")
        if result.layers_kept:
            parts.append(f"{result.layers_kept:,} kept (this project's were as new or newer)")
    if result.gold_layers_skipped:
        parts.append(f"{_count(result.gold_layers_skipped, 'gold layer')} left out (gold is never merged)")
    if result.labels_added:
        parts.append(f"new label{'s' if len(result.labels_added) > 1 else ''} {', '.join(result.labels_added)}")
    return f"{Path(result.source).name}: " + "; ".join(parts)


class MergeDialog(QDialog):
    """A busy bar while merging (all files in one transaction), then one line per file or the one-line refusal."""

    merged = Signal(object)  # list[MergeResult], after a merge that succeeded, so the window can refresh

    def __init__(self, project_path: Path, files: list[Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Merge project files")
        self.project_path, self.files = Path(project_path), [Path(f) for f in files]
        self.results: list[MergeResult] | None = None
        self.status = QLabel(f"Merging {_count(len(self.files), 'file')} into {self.project_path.name}…",
                             wordWrap=True)
        self.status.setToolTip("\n".join(str(f) for f in self.files))
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy: the files are checked, then merged in one transaction, with no steps between
        self.lines = QTextEdit(readOnly=True)
        self.lines.setPlaceholderText("What each file brought appears here, one line per file.")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        self.buttons.setEnabled(False)
        layout = QVBoxLayout(self)
        for widget in (self.status, self.bar, self.lines, self.buttons):
            layout.addWidget(widget)
        self.resize(720, 320)
        files_now = list(self.files)  # the worker gets its own list: nothing shared with the GUI thread

        def work(store: ProjectStore, _progress: Progress) -> list[MergeResult]:
            return merge_files(store, files_now)

        self.task = BackgroundTask(self.project_path, work, self)  # public: callers wait on task.finished
        self.task.succeeded.connect(self._on_task_succeeded)
        self.task.failed.connect(self._on_task_failed)
        self.task.finished.connect(self._on_task_finished)
        self.task.start()

    def _on_task_succeeded(self, results: list[MergeResult]) -> None:
        self.results = results
        self.status.setText(f"Merged {_count(len(results), 'file')} into {self.project_path.name}." if results
                            else "No files were chosen: nothing merged.")
        # one paragraph per file, its name in bold, so wrapped lines still read as one file each
        self.lines.setHtml("".join(f"<p style='margin-bottom: 6px'><b>{escape(name)}</b>:{escape(rest)}</p>"
                                   for name, rest in (describe(r).split(":", 1) for r in results)))
        self.merged.emit(results)

    def _on_task_failed(self, message: str) -> None:
        self.status.setStyleSheet("color: #b00020;")
        self.status.setText(f"Nothing changed: {message}")
        others = "" if len(self.files) < 2 else (
            ": the other files were not merged either (files are merged all together or not at all)")
        self.lines.setPlainText(f"{self.project_path.name} is as it was{others}.")

    def _on_task_finished(self) -> None:
        self.bar.hide()  # the status line now says how it ended; a full or empty bar would only repeat it
        self.buttons.setEnabled(True)

    def reject(self) -> None:
        if self.task.is_running():
            return  # one transaction: it ends whole or not at all, so closing waits for it
        super().reject()
