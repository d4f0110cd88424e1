"""The export dialog: fill it, click Export, read the files back with spaCy; errors and cancel in the dialog."""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from spacy.tokens import DocBin

from annotator.core.model import NewArticle, Status
from annotator.storage import ProjectStore
from annotator.ui.dialogs.export_dialog import ExportDialog
from tests.helpers.export_corpus import EXAMPLE, build, build_three_languages


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "dialog.annotator.db"
    with ProjectStore(path) as store:
        build(store, tmp_path / "in")
    return path


def choose(combo, value: str) -> None:
    combo.setCurrentIndex(combo.findData(value))


def click_export(qtbot, dialog: ExportDialog, timeout: int = 60_000):
    with qtbot.waitSignal(dialog.export_finished, timeout=timeout) as blocker:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def test_export_from_the_dialog_writes_docbin_files_spacy_reads(qtbot, project: Path, tmp_path: Path):
    dialog = ExportDialog(project, ["alice"])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.source.currentData() == "alice"  # no gold layer yet: the only annotator
    assert not dialog.scheme.isEnabled() and not dialog.seed.isEnabled()
    choose(dialog.format, "spacy")
    dialog.split.setChecked(True)
    for box, value in zip(dialog.shares, (50, 25, 25)):
        box.setValue(value)
    dialog.seed.setValue(3)
    dialog.out.setText(str(tmp_path / "from-dialog"))
    report = click_export(qtbot, dialog)
    assert report is not None and dialog.bar.value() == dialog.bar.maximum() == 4
    vocab = spacy.blank("en").vocab
    docs = [d for name in ("train", "dev", "test")
            for d in DocBin().from_disk(tmp_path / "from-dialog" / f"{name}.spacy").get_docs(vocab)]
    assert len(docs) == 4 and any(d.text == EXAMPLE and len(d.spans["sc"]) == 7 for d in docs)
    assert "4 documents" in dialog.result.toPlainText() and "report.json" in dialog.result.toPlainText()
    assert dialog.export_button.isEnabled() and dialog.show_button.isEnabled()


def test_a_refused_export_shows_its_one_line_in_the_dialog(qtbot, project: Path, tmp_path: Path):
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine")
    dialog = ExportDialog(project, ["alice"])
    qtbot.addWidget(dialog)
    choose(dialog.format, "conll")
    assert dialog.scheme.isEnabled()
    dialog.out.setText(str(tmp_path / "busy"))
    assert click_export(qtbot, dialog) is None
    assert "not empty" in dialog.result.toPlainText() and dialog.export_button.isEnabled()
    choose(dialog.source, "gold")
    dialog.out.setText(str(tmp_path / "gold"))
    assert click_export(qtbot, dialog) is None
    assert "adjudicated" in dialog.result.toPlainText()


def test_the_folder_follows_the_format_and_another_formats_export_is_refused(qtbot, project: Path, tmp_path: Path):
    dialog = ExportDialog(project, ["alice"])
    qtbot.addWidget(dialog)
    dialog.show()
    choose(dialog.format, "spacy")
    assert dialog.out.text().endswith("-spacy")  # the default folder, <time>-<format>
    choose(dialog.format, "claims")
    assert dialog.out.text().endswith("-claims")
    typed = tmp_path / "exports" / "spacy" / "run1"
    qtbot.keyClicks(dialog.out, "x")  # the user types a folder of their own, named after the format
    dialog.out.clear()
    qtbot.keyClicks(dialog.out, str(typed))
    choose(dialog.format, "spacy")
    choose(dialog.format, "conll")
    assert dialog.out.text() == str(tmp_path / "exports" / "conll" / "run1")
    mine = tmp_path / "mine"
    dialog.out.clear()
    qtbot.keyClicks(dialog.out, str(mine))
    choose(dialog.format, "spacy")
    assert dialog.out.text() == str(mine)  # a name that says no format is the user's: it stays
    assert click_export(qtbot, dialog) is not None
    before = {p.name: p.read_bytes() for p in mine.iterdir()}
    choose(dialog.format, "claims")
    assert dialog.out.text() == str(mine)
    assert dialog.out_hint.isVisible() and "holds a spacy export" in dialog.out_hint.text()
    assert click_export(qtbot, dialog) is None
    assert "holds a spacy export" in dialog.result.toPlainText() and "\n" not in dialog.result.toPlainText()
    assert {p.name: p.read_bytes() for p in mine.iterdir()} == before
    choose(dialog.format, "spacy")
    assert not dialog.out_hint.isVisible()
    assert click_export(qtbot, dialog) is not None  # the same format replaces it


def test_closing_while_exporting_cancels_and_writes_nothing(qtbot, tmp_path: Path):
    path = tmp_path / "big.annotator.db"
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(f"Report {i}: " + EXAMPLE * 20, f"r{i}", spans=((0, 6, "ACTOR"),))
                               for i in range(4000)], annotator="alice")
        with store.transaction():
            for summary in store.summaries("alice"):
                store.set_status(summary.id, "alice", Status.DONE)
    dialog = ExportDialog(path, ["alice"])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.out.setText(str(tmp_path / "cancelled"))
    with qtbot.waitSignal(dialog.export_finished, timeout=60_000) as blocker:
        qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
        assert dialog.close_button.text() == "Cancel"
        qtbot.waitUntil(lambda: dialog.bar.maximum() == 4000, timeout=30_000)  # it is writing
        dialog.close()  # asks to cancel instead of closing under a running export
        assert dialog.isVisible()
    assert blocker.args == [None]
    assert "cancelled" in dialog.result.toPlainText()
    assert not (tmp_path / "cancelled").exists() or list((tmp_path / "cancelled").iterdir()) == []
    assert dialog.close_button.text() == "Close"


@pytest.mark.parametrize("fmt,produced", [("brat", ["train", "dev", "test"]), ("claims", ["claims.csv"])])
def test_brat_and_claims_from_the_dialog(qtbot, project: Path, tmp_path: Path, fmt: str, produced: list[str]):
    dialog = ExportDialog(project, ["alice"])
    qtbot.addWidget(dialog)
    dialog.show()
    choose(dialog.format, fmt)
    if fmt == "brat":
        dialog.split.setChecked(True)
    dialog.out.setText(str(tmp_path / fmt))
    report = click_export(qtbot, dialog)
    assert report is not None and report.files == produced
    for name in produced:
        assert (tmp_path / fmt / name).exists()
    if fmt == "brat":
        assert (tmp_path / fmt / "train" / "annotation.conf").is_file()


@pytest.fixture
def three_languages(tmp_path: Path) -> tuple[Path, dict[str, int]]:
    """A real project in English (3 documents), Arabic (1) and French (1), every one done by alice."""
    path = tmp_path / "languages.annotator.db"
    with ProjectStore(path) as store:
        counts = build_three_languages(store)
    return path, counts


def languages_of(folder: Path) -> list[str]:
    docs = DocBin().from_disk(folder / "corpus.spacy").get_docs(spacy.blank("xx").vocab)
    return sorted(d.user_data[("annotator", "lang")] for d in docs)


def test_spacy_from_a_project_in_three_languages_takes_its_most_common_language(qtbot, three_languages, tmp_path):
    path, counts = three_languages
    dialog = ExportDialog(path, ["alice"])
    qtbot.addWidget(dialog)
    dialog.show()
    choose(dialog.format, "spacy")
    assert [dialog.lang.itemText(i) for i in range(dialog.lang.count())] == [
        "All languages (5 documents)", "en (3 documents)", "ar (1 document)", "fr (1 document)"]
    assert dialog.lang.currentData() == "en"  # one pipeline per language: the most common one, preselected
    assert dialog.lang_hint.isVisible() and dialog.lang_hint.text() == "Leaves out 2 documents in other languages (ar 1, fr 1)."
    assert not dialog.mixed.isEnabled()  # together only means something for every language
    dialog.out.setText(str(tmp_path / "en"))
    report = click_export(qtbot, dialog)
    assert report is not None, dialog.result.toPlainText()
    assert languages_of(tmp_path / "en") == ["en", "en", "en"]
    assert "not in en" in dialog.result.toPlainText()  # the summary counts the two left out
    choose(dialog.format, "jsonl")
    assert dialog.lang.currentData() == ""  # other formats hold every language unless the user picks one


def test_spacy_of_every_language_is_refused_without_flags_then_written_together(qtbot, three_languages, tmp_path):
    path, _counts = three_languages
    dialog = ExportDialog(path, ["alice"])
    qtbot.addWidget(dialog)
    dialog.show()
    choose(dialog.format, "spacy")
    dialog.lang.setFocus()
    qtbot.keyClick(dialog.lang, Qt.Key.Key_Home)  # the user picks "All languages"
    assert dialog.lang.currentData() == "" and dialog.mixed.isEnabled() and not dialog.mixed.isChecked()
    assert "choose a language, or write the 3 languages together" in dialog.lang_hint.text()
    dialog.out.setText(str(tmp_path / "all"))
    assert click_export(qtbot, dialog) is None
    refused = dialog.result.toPlainText()
    assert "--" not in refused and "\n" not in refused
    assert refused.endswith("choose one with Language: en (3 documents), or write them together with "
                            "“Write languages together in one DocBin”")
    choose(dialog.format, "jsonl")
    choose(dialog.format, "spacy")
    assert dialog.lang.currentData() == ""  # the user's choice stays when the format changes
    dialog.out.setText(str(tmp_path / "all"))
    qtbot.mouseClick(dialog.mixed, Qt.MouseButton.LeftButton, pos=dialog.mixed.rect().bottomLeft() + QPoint(8, -6))
    assert dialog.mixed.isChecked() and not dialog.lang_hint.isVisible()
    for _ in range(3):
        QApplication.processEvents()  # the form lays out again without the hint
    assert click_export(qtbot, dialog) is not None, dialog.result.toPlainText()
    assert languages_of(tmp_path / "all") == ["ar", "en", "en", "en", "fr"]


def test_messages_in_the_dialog_name_its_controls_not_command_line_flags(qtbot, three_languages, tmp_path):
    path, _counts = three_languages
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "notes.txt").write_text("mine")
    dialog = ExportDialog(path, ["alice"])
    qtbot.addWidget(dialog)
    dialog.show()
    choose(dialog.format, "conll")
    dialog.out.setText(str(tmp_path / "busy"))
    dialog._check_folder()
    assert dialog.out_hint.text().endswith("choose a new or empty output folder (Output folder)")
    assert click_export(qtbot, dialog) is None
    assert "--" not in dialog.result.toPlainText() and "Output folder" in dialog.result.toPlainText()
    choose(dialog.source, "gold")  # nobody adjudicated anything: nothing to export at status done
    dialog.out.setText(str(tmp_path / "gold"))
    assert click_export(qtbot, dialog) is None
    nothing = dialog.result.toPlainText()
    assert "--" not in nothing and nothing.endswith("export all statuses: Documents: All documents, whatever their status)")
