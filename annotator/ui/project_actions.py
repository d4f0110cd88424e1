"""The project-level dialogs of the window: open, new, import, merge, export, agreement, guidelines."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from annotator.assets import guidelines_path

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

_PROJECTS = "Annotator projects (*.db *.annotator);;All files (*)"


class ProjectActions(QObject):
    """Opens each dialog over the window's project and tells the window when data changed."""

    def __init__(self, window: "MainWindow") -> None:
        super().__init__(window)
        self.w = window

    def open_project(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self.w, "Open project", "", _PROJECTS)
        if name:
            self.w.open_project(Path(name))

    def new_project(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self.w, "New project", "project.annotator.db", _PROJECTS)
        if name:
            self.w.open_project(Path(name))

    def import_files(self, folder: bool = False) -> None:
        if folder:
            chosen = QFileDialog.getExistingDirectory(self.w, "Import a folder of articles")
            paths = [Path(chosen)] if chosen else []
        else:
            names, _ = QFileDialog.getOpenFileNames(self.w, "Import articles", "",
                                                    "Articles (*.txt *.md *.jsonl *.json);;All files (*)")
            paths = [Path(n) for n in names]
        if paths:
            self.run_import(paths)

    def run_import(self, paths: list[Path]):
        from annotator.ui.import_dialog import ImportDialog

        dialog = ImportDialog(self.w.store.path, paths, self.w.annotator, self.w)
        dialog.imported.connect(self._on_data_arrived)
        dialog.show()
        return dialog

    def merge(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self.w, "Merge other project files into this one", "", _PROJECTS)
        if names:
            self.run_merge([Path(n) for n in names])

    def run_merge(self, files: list[Path]):
        from annotator.ui.merge_dialog import MergeDialog

        dialog = MergeDialog(self.w.store.path, files, self.w)
        dialog.merged.connect(self._on_data_arrived)
        dialog.show()
        return dialog

    def export(self):
        from annotator.ui.export_dialog import ExportDialog

        dialog = ExportDialog(self.w.store.path, self.w.store.annotators(), self.w)  # gold included: the default
        dialog.show()
        return dialog

    def agreement(self):
        from annotator.ui.agreement_view import AgreementDialog

        dialog = AgreementDialog(self.w.store.path, self.w)
        dialog.document_chosen.connect(self.w.open_in_review)
        dialog.document_chosen.connect(lambda _id: dialog.close())  # the reviewer goes to work in the window
        dialog.show()
        return dialog

    def guidelines(self) -> None:
        QMessageBox.information(self.w, "Guidelines", guidelines_path().read_text(encoding="utf-8"))

    def _on_data_arrived(self, _result: object) -> None:
        self.w.refresh_after_new_data()
