"""The project-level dialogs of the window: open, new, import, merge, export, agreement."""
from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QWidget

from annotator.services.changes import arrived, schema_changed
from annotator.services.project import ProjectStore
from annotator.ui.base.change_channel import ChangeChannel

_PROJECTS = "Annotator projects (*.db *.annotator);;All files (*)"


class ProjectHost(Protocol):
    """What the project dialogs need of the window they open over (the main window is one)."""

    store: ProjectStore | None
    changes: ChangeChannel  # what a dialog changed is published here, for every panel

    @property
    def annotator(self) -> str: ...

    def open_project(self, path: Path) -> None: ...

    def open_in_review(self, document_id: int) -> None: ...


class ProjectActions(QObject):
    """Opens each dialog over the host's project and publishes what it changed on the host's channel."""

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
        dialog.imported.connect(lambda report: self.host.changes.publish(arrived(report, "import")))
        dialog.show()
        return dialog

    def merge(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self.w, "Merge other project files into this one", "", _PROJECTS)
        if names:
            self.run_merge([Path(n) for n in names])

    def run_merge(self, files: list[Path]):
        from annotator.ui.dialogs.merge_dialog import MergeDialog

        dialog = MergeDialog(self.host.store.path, files, self.w)
        dialog.merged.connect(lambda results: self.host.changes.publish(arrived(results, "merge")))
        dialog.show()
        return dialog

    def export(self):
        from annotator.ui.dialogs.export_dialog import ExportDialog

        from annotator.services.languages import language_counts

        dialog = ExportDialog(self.host.store.path, self.host.store.annotators(), self.w,  # gold included: the default
                              languages=language_counts(self.host.store))
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
        dialog.changed.connect(lambda *_: self.host.changes.publish(schema_changed()))
        dialog.show()
        return dialog
