"""Project > Assign Documents: the `annotator assign` command as a dialog, run off the GUI thread."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox, QTextEdit, QVBoxLayout,
                               QWidget)

from annotator.services.team import AssignResult, assign_documents
from annotator.ui.base.background import BackgroundTask


class AssignDialog(QDialog):
    """Names, overlap share and K, which documents, seed and folder; then the summary or the one-line refusal."""

    assigned = Signal(object)  # AssignResult

    def __init__(self, project: Path, known: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Assign documents")
        self.project = Path(project)
        self.task: BackgroundTask | None = None
        self.annotators = QLineEdit(",".join(known))
        self.annotators.setPlaceholderText("ana,ben,cem")
        self.overlap = QDoubleSpinBox(minimum=0, maximum=100, decimals=1, suffix=" %", value=20)
        self.overlap.setToolTip("Share of the documents that go to several annotators, for agreement")
        self.per_document = QSpinBox(minimum=2, maximum=50, value=2)
        self.documents = QComboBox()
        self.documents.addItems(["todo", "all"])
        self.seed = QSpinBox(minimum=0, maximum=2**31 - 1, value=0)
        self.out = QLineEdit(str(self.project.parent / "bundles"))
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        folder = QHBoxLayout()
        folder.addWidget(self.out, 1)
        folder.addWidget(browse)
        form = QFormLayout()
        form.addRow("Annotators (comma-separated)", self.annotators)
        form.addRow("Overlap", self.overlap)
        form.addRow("Annotators per overlap document", self.per_document)
        form.addRow("Documents", self.documents)
        form.addRow("Seed (same seed, same assignment)", self.seed)
        form.addRow("Bundles folder", folder)
        self.result_view = QTextEdit(readOnly=True)
        self.result_view.setPlaceholderText("One bundle (project file) per annotator is written to the folder: "
                                            "their documents, the schema and guidelines, their own layer only.")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.run_button = self.buttons.addButton("Assign", QDialogButtonBox.ButtonRole.ActionRole)
        self.run_button.clicked.connect(self.run)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Documents assigned before keep their annotators."))
        layout.addWidget(self.result_view, 1)
        layout.addWidget(self.buttons)
        self.resize(560, 440)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Folder for the bundles", self.out.text())
        if folder:
            self.out.setText(folder)

    def run(self) -> None:
        names = self.annotators.text().split(",")
        options = dict(overlap_percent=self.overlap.value(), per_document=self.per_document.value(),
                       documents=self.documents.currentText(), seed=self.seed.value())
        out = Path(self.out.text()).expanduser()
        self.run_button.setEnabled(False)
        self.result_view.setPlainText("Assigning…")
        self.task = BackgroundTask(self.project, lambda store, _p: assign_documents(store, names, out, **options), self)
        self.task.succeeded.connect(self._on_succeeded)
        self.task.failed.connect(self._on_failed)
        self.task.start()

    def _on_succeeded(self, result: AssignResult) -> None:
        self.result_view.setPlainText("\n".join(result.summary()))
        self.run_button.setEnabled(True)
        self.assigned.emit(result)

    def _on_failed(self, text: str) -> None:
        self.result_view.setPlainText(text)
        self.run_button.setEnabled(True)
