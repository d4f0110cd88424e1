"""Export dialog: choose format, layer, language, split and folder; the export runs as a BackgroundTask (its own store)."""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFontDatabase
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QProgressBar, QPushButton, QSpinBox,
                               QVBoxLayout, QWidget)

from annotator.core.errors import AnnotatorError
from annotator.core.model import GOLD
from annotator.core.wording import plural
from annotator.services.exporting import (EXPORTERS, ExportError, ExportOptions, check_output_folder, default_layer,
                                         default_out, export_options, folder_for_format)
from annotator.services.languages import language_counts
from annotator.services.project import ProjectStore
from annotator.ui.base.background import BackgroundTask, Progress


def _throttled(progress: Progress) -> Callable[[int, int], None]:
    """At most ~100 progress signals per export, whatever the corpus size."""
    last = [-1]

    def report(done: int, total: int) -> None:
        percent = 100 * done // max(total, 1)
        if percent != last[0] or done == total:
            last[0] = percent
            progress(done, total, "")
    return report


class ExportDialog(QDialog):
    """Export options, a progress bar, then the report summary (or the one error line)."""

    export_finished = Signal(object)  # the ExportReport, or None when the export was refused, failed or was cancelled

    def __init__(self, project_path: Path, annotators: list[str], parent: QWidget | None = None,
                 languages: dict[str, int] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export training data")
        self.project_path = Path(project_path)
        if languages is None:  # documents per language, most first (services.languages)
            with ProjectStore(self.project_path, create=False) as store:
                languages = language_counts(store)
        self.languages = dict(languages)
        self.report = None
        self._task: BackgroundTask | None = None
        self._stop = threading.Event()
        self._build_form(annotators)
        self._build_result()
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.bar)
        layout.addWidget(self.result, 1)
        layout.addWidget(self.buttons)
        self._on_format_changed()
        self._on_split_toggled(False)
        self.resize(660, 600)

    # -- building --------------------------------------------------------------------------
    def _build_form(self, annotators: list[str]) -> None:
        self.format = _combo([(e.title or name, name) for name, e in EXPORTERS.items()])
        self.format_hint = QLabel(wordWrap=True)
        people = [a for a in annotators if a != GOLD]
        self.source = _combo([(name, name) for name in people] + [(f"{GOLD} (reviewers' adjudicated layer)", GOLD)])
        self.source.setCurrentIndex(self.source.findData(_default_layer(annotators)))
        self.status = _combo([("Done documents only (adjudicated, for gold)", "done"),
                              ("All documents, whatever their status", "all")])
        total = sum(self.languages.values())
        self.lang = _combo([(f"All languages ({plural(total, 'document')})", "")]
                           + [(f"{code} ({plural(n, 'document')})", code) for code, n in self.languages.items()])
        self._lang_edited = False
        self.lang.activated.connect(self._on_lang_chosen)
        self.lang.currentIndexChanged.connect(self._on_lang_changed)
        self.mixed = QCheckBox("Write languages together in one DocBin")
        self.mixed.setToolTip("spaCy trains one pipeline per language; a DocBin of several languages is for a "
                              "multilingual pipeline (xx) or for splitting later")
        self.mixed.toggled.connect(self._on_lang_changed)
        self.lang_hint = QLabel(wordWrap=True)  # what the choice of language leaves out of the export
        self.split = QCheckBox("Split into train / dev / test")
        self.shares = [self._spin(value, 0, 100, "%") for value in (80, 10, 10)]
        self.seed = self._spin(0, 0, 2**31 - 1, "")
        self.scheme = _combo([("IOB2", "iob2"), ("BILOU", "bilou")])
        self.strict = QCheckBox("Stop at a span off token boundaries (instead of growing it to its tokens)")
        self.out = QLineEdit()
        self._out_edited = False
        self._format = self.format.currentData()
        self.out.textEdited.connect(self._on_out_edited)
        self.out_hint = QLabel(wordWrap=True)  # why the chosen folder would be refused, before Export is clicked
        choose = QPushButton("Choose…")
        choose.clicked.connect(self._on_choose_clicked)
        self.form = QFormLayout()
        self.form.addRow("Format", _column(self.format, self.format_hint))
        self.form.addRow("Layer", self.source)
        self.form.addRow("Documents", self.status)
        self.form.addRow("Language", _column(self.lang, self.mixed, self.lang_hint))
        self.form.addRow("", self.split)
        self.form.addRow("Train, dev, test", _row(*self.shares))
        self.form.addRow("Seed", self.seed)
        self.form.addRow("CoNLL tags", self.scheme)
        self.form.addRow("", self.strict)
        self.form.addRow("Output folder", _column(_row(self.out, choose), self.out_hint))
        self.format.currentIndexChanged.connect(self._on_format_changed)
        self.split.toggled.connect(self._on_split_toggled)

    def _build_result(self) -> None:
        self.bar = QProgressBar()
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self.result = QPlainTextEdit(readOnly=True)
        self.result.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.result.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)  # the summary is laid out in columns
        self.result.setPlaceholderText("The summary of the export appears here; details go to report.json "
                                       "beside the data.")
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.show_button = self.buttons.addButton("Show folder", QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.show_button.setEnabled(False)
        self.export_button.clicked.connect(self._on_export_clicked)
        self.show_button.clicked.connect(self._on_show_clicked)
        self.close_button.clicked.connect(self.reject)

    @staticmethod
    def _spin(value: int, low: int, high: int, suffix: str) -> QSpinBox:
        box = QSpinBox()
        box.setRange(low, high)
        box.setValue(value)
        box.setSuffix(suffix)
        return box

    # -- options ---------------------------------------------------------------------------
    def options(self) -> ExportOptions:
        """The export the form describes; raises AnnotatorError with one line when it is not valid."""
        fmt = self.format.currentData()
        folder = self.out.text().strip()
        if not folder:
            raise AnnotatorError("choose an output folder")
        split = ",".join(str(s.value()) for s in self.shares) if self.split.isChecked() else None
        lang = self.lang.currentData() or None
        return export_options(fmt, Path(folder).expanduser(), self.source.currentData(), self.status.currentData(),
                              split, self.seed.value(), self.scheme.currentData() if fmt == "conll" else None,
                              self.strict.isChecked(), lang, fmt == "spacy" and lang is None and self.mixed.isChecked())

    def worded(self, error: AnnotatorError) -> str:
        """An error's one line with the options it names worded as this dialog's controls, not flags."""
        return error.worded(self._wording())

    def _wording(self) -> Callable[[str, str], str]:
        """(option, suggested value) -> the control's name, and the item to pick as its box shows it.

        Read from the widgets here, on the GUI thread; the function holds only strings, so the
        export's thread may word its refusal with it."""
        words: dict[str, tuple[str, dict[str, str]]] = {}
        for name, (label, widget) in _CONTROLS.items():
            box = getattr(self, widget, None) if widget else None
            if isinstance(box, QComboBox):
                words[name] = (label, {box.itemData(i): box.itemText(i) for i in range(box.count())})
            elif isinstance(box, QCheckBox):
                words[name] = (f"“{box.text()}”", {})
            else:
                words[name] = (label, {})

        def word(name: str, value: str) -> str:
            label, items = words.get(name, (name.replace("_", " "), {}))
            shown = items.get(value, value)
            return f"{label}: {shown}" if shown else label
        return word

    def _on_format_changed(self) -> None:
        fmt = self.format.currentData()
        self.format_hint.setText(EXPORTERS[fmt].description)
        self.scheme.setEnabled(fmt == "conll")
        if not self._lang_edited:  # spaCy trains one pipeline per language: the most common one, unless chosen
            most = next(iter(self.languages), "") if fmt == "spacy" and len(self.languages) > 1 else ""
            self.lang.setCurrentIndex(self.lang.findData(most))
        self._on_lang_changed()
        if not self._out_edited:
            self.out.setText(str(default_out(fmt)))
        else:  # a folder named after the format follows it (services.exporting.folder_for_format)
            self.out.setText(folder_for_format(self.out.text(), self._format, fmt))
        self._format = fmt
        self._check_folder()

    def _check_folder(self) -> None:
        """Say now, under the folder, what Export would refuse (the export's own rule, check_output_folder)."""
        folder = self.out.text().strip()
        try:
            if folder:
                check_output_folder(Path(folder).expanduser(), self.format.currentData())
        except ExportError as exc:
            self.out_hint.setText(self.worded(exc))
        else:
            self.out_hint.clear()
        self.out_hint.setVisible(bool(self.out_hint.text()))

    def _on_lang_chosen(self, _index: int) -> None:
        self._lang_edited = True

    def _on_lang_changed(self) -> None:
        """Together only for spaCy with every language; say what the choice leaves out."""
        lang, spacy = self.lang.currentData(), self.format.currentData() == "spacy"
        self.mixed.setVisible(spacy and len(self.languages) > 1)
        self.mixed.setEnabled(spacy and not lang and self._task is None)
        others = {code: n for code, n in self.languages.items() if lang and code != lang}
        if others:
            left = sum(others.values())
            self.lang_hint.setText(f"Leaves out {plural(left, 'document')} in other languages ("
                                   + ", ".join(f"{code} {n:,}" for code, n in others.items()) + ").")
        elif spacy and len(self.languages) > 1 and not self.mixed.isChecked():
            self.lang_hint.setText("spaCy trains one pipeline per language: choose a language, or write the "
                                   f"{len(self.languages)} languages together.")
        else:
            self.lang_hint.clear()
        self.lang_hint.setVisible(bool(self.lang_hint.text()))

    def _on_split_toggled(self, on: bool) -> None:
        for box in (*self.shares, self.seed):
            box.setEnabled(on)

    def _on_out_edited(self, _text: str) -> None:
        self._out_edited = True
        self._check_folder()

    def _on_choose_clicked(self) -> None:
        start = self.out.text() or str(Path.home())
        chosen = QFileDialog.getExistingDirectory(self, "Export into folder", str(Path(start).parent))
        if chosen:
            self.out.setText(chosen)
            self._out_edited = True
            self._check_folder()

    # -- running ---------------------------------------------------------------------------
    def _on_export_clicked(self) -> None:
        try:
            options = self.options()
            check_output_folder(options.out, options.format)  # refused here at once, as the export would
        except AnnotatorError as exc:
            self.result.setPlainText(self.worded(exc))
            self.export_finished.emit(None)
            return
        self.report = None
        self.result.setPlainText("Exporting…")
        self.bar.setRange(0, 0)  # busy until the first document is written
        self._set_running(True)
        stop = self._stop = threading.Event()
        wording = self._wording()  # plain strings: the worker thread never reads a widget

        def work(store: ProjectStore, progress: Progress) -> object:
            from annotator.services.exporting import export_corpus  # spaCy loads here, off the GUI thread

            try:
                return export_corpus(store, options, progress=_throttled(progress), should_stop=stop.is_set)
            except AnnotatorError as exc:  # the refusal names this dialog's controls, not the command line's flags
                raise AnnotatorError(exc.worded(wording)) from None

        self._task = BackgroundTask(self.project_path, work, self)
        self._task.progress.connect(self._on_task_progress)
        self._task.succeeded.connect(self._on_task_succeeded)
        self._task.failed.connect(self._on_task_failed)
        self._task.start()

    def _on_task_progress(self, done: int, total: int, _what: str) -> None:
        self.bar.setRange(0, total)
        self.bar.setValue(done)

    def _on_task_succeeded(self, report: object) -> None:
        self.report = report
        self._check_folder()
        self.result.setPlainText(report.summary())  # type: ignore[attr-defined]
        self._end()
        self.show_button.setEnabled(True)
        self.export_finished.emit(report)

    def _on_task_failed(self, message: str) -> None:
        self.result.setPlainText(message)
        self.bar.setRange(0, 1)
        self.bar.setValue(0)
        self._end()
        self.export_finished.emit(None)

    def _end(self) -> None:
        self._task = None
        self._set_running(False)

    def _set_running(self, running: bool) -> None:
        for widget in (self.export_button, self.format, self.source, self.status, self.lang, self.split, self.strict,
                       self.out):
            widget.setEnabled(not running)
        self.close_button.setText("Cancel" if running else "Close")
        if running:
            self.show_button.setEnabled(False)
        self._on_split_toggled(self.split.isChecked() and not running)
        self.scheme.setEnabled(not running and self.format.currentData() == "conll")
        self.mixed.setEnabled(not running and self.format.currentData() == "spacy" and not self.lang.currentData())

    def _on_show_clicked(self) -> None:
        if self.report is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.report.out)))  # type: ignore[attr-defined]

    def is_running(self) -> bool:
        return self._task is not None

    def reject(self) -> None:
        """Close, or while exporting: cancel (the export stops at the next document, writes nothing)."""
        if self._task is not None:
            self._stop.set()
            self.result.setPlainText("Cancelling…")
            return
        super().reject()

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if self._task is not None:
            self.reject()
            event.ignore()
            return
        super().closeEvent(event)


# an option the export's check names (annotator.core.errors.option) -> (the dialog's label for it, its widget)
_CONTROLS = {"out": ("Output folder", "out"), "lang": ("Language", "lang"), "mixed_languages": ("", "mixed"),
             "status": ("Documents", "status"), "source": ("Layer", "source"), "format": ("Format", "format"),
             "scheme": ("CoNLL tags", "scheme"), "split": ("Train, dev, test", ""), "strict": ("", "strict"),
             "seed": ("Seed", "seed")}


def _default_layer(annotators: list[str]) -> str:
    """The command line's default layer (services.exporting); when it needs naming, the first annotator."""
    try:
        return default_layer(annotators)
    except ExportError:
        return next((a for a in annotators if a != GOLD), GOLD)


def _row(*widgets: QWidget) -> QWidget:
    """Widgets side by side in one form row."""
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget, 1 if isinstance(widget, QLineEdit) else 0)
    return box


def _combo(items: list[tuple[str, str]]) -> QComboBox:
    """A combo box of (text shown, value) items."""
    box = QComboBox()
    for text, value in items:
        box.addItem(text, value)
    return box


def _column(*widgets: QWidget) -> QWidget:
    """Widgets one under the other in one form row (a choice and its explanation)."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    return box
