"""The project-level dialogs of the window: open, new, import, merge, export, agreement."""
from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QWidget

from annotator.storage import ProjectStore

_PROJECTS = "Annotator projects (*.db *.annotator);;All files (*)"


class ProjectHost(Protocol):
    """What the project dialogs need of the window they open over (the main window is one)."""

    store: ProjectStore | None

    @property
    def annotator(self) -> str: ...

    def open_project(self, path: Path) -> None: ...

    def open_in_review(self, document_id: int) -> None: ...

    def refresh_after_new_data(self, wrote: bool = False) -> None: ...

    def apply_schema(self) -> None: ...


class ProjectActions(QObject):
    """Opens each dialog over the host's project and tells the host when data changed."""

    def __init__(self, host: ProjectHost, parent: QWidget) -> None:
        super().__init__(parent)
        self.host = host
        self.w = parent  # the dialogs' parent

    def open_project(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self.w, "Open project", "", _PROJECTS)
        if name:
            self.host.open_project(Path(name))

    def new_project(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self.w, "New project", "project.annotator.db", _PROJECTS)
        if name:
            self.host.open_project(Path(name))

    def import_files(self, folder: bool = False):
        """Ask for files (or a folder: articles, or a brat folder) and import them; returns the dialog."""
        from annotator.services.importing import FILE_PATTERNS

        if folder:
            chosen = QFileDialog.getExistingDirectory(self.w, "Import a folder of articles (or a brat folder)")
            paths = [Path(chosen)] if chosen else []
        else:
            names, _ = QFileDialog.getOpenFileNames(
                self.w, "Import articles", "", f"Articles and annotations: text, JSONL, Label Studio, brat .ann, "
                                               f"CoNLL, WebAnno TSV ({FILE_PATTERNS});;All files (*)")
            paths = [Path(n) for n in names]
        return self.run_import(paths) if paths else None

    def run_import(self, paths: list[Path]):
        from annotator.ui.dialogs.import_dialog import ImportDialog

        dialog = ImportDialog(self.host.store.path, paths, self.host.annotator, self.w)
        dialog.imported.connect(self._on_data_arrived)
        dialog.show()
        return dialog

    def merge(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self.w, "Merge other project files into this one", "", _PROJECTS)
        if names:
            self.run_merge([Path(n) for n in names])

    def run_merge(self, files: list[Path]):
        from annotator.ui.dialogs.merge_dialog import MergeDialog

        dialog = MergeDialog(self.host.store.path, files, self.w)
        dialog.merged.connect(self._on_data_arrived)
        dialog.show()
        return dialog

    def export(self):
        from annotator.ui.dialogs.export_dialog import ExportDialog

        dialog = ExportDialog(self.host.store.path, self.host.store.annotators(), self.w)  # gold included: the default
        dialog.show()
        return dialog

    def agreement(self):
        from annotator.ui.review.agreement_view import AgreementDialog

        dialog = AgreementDialog(self.host.store.path, self.w)
        dialog.document_chosen.connect(self.host.open_in_review)
        dialog.document_chosen.connect(lambda _id: dialog.close())  # the reviewer goes to work in the window
        dialog.show()
        return dialog

    def schema(self):
        from annotator.ui.dialogs.schema_dialog import SchemaDialog

        dialog = SchemaDialog(self.host.store, self.host.annotator, self.w)
        dialog.changed.connect(self.host.apply_schema)
        dialog.show()
        return dialog

    def _on_data_arrived(self, result: object) -> None:
        """An import (ImportReport) or a merge (list of MergeResult) ended; `wrote`: it changed the file."""
        results = result if isinstance(result, list) else [result]
        wrote = any(getattr(r, name, 0) for r in results for name in
                    ("documents_added", "spans_added", "layers_added", "layers_replaced", "labels_added"))
        self.host.refresh_after_new_data(wrote)
