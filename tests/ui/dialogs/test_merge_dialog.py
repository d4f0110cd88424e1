"""The merge dialog over real project files: a laptop's layers come in; a refused file changes nothing."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.model import GOLD
from annotator.storage import ProjectStore
from tests.helpers.projects import layered_project
from annotator.storage.migrations import LATEST
from annotator.ui.dialogs.merge_dialog import MergeDialog

SHARED = "Some 350,000 Syrians have fled Idlib province, the UN said on Thursday."
NEW = "Rebels said 21 civilians were killed near Saraqeb on Monday."


def project(path: Path, layers: dict[str, dict[str, list[tuple[str, str]]]]) -> Path:
    """A project file: {text: {annotator: [(phrase, label)]}}, every layer marked done."""
    return layered_project(path, [(text[:20], text, by_annotator) for text, by_annotator in layers.items()])


def contents(path: Path) -> dict[str, list]:
    """The data tables of a project file, for "nothing changed" checks."""
    conn = sqlite3.connect(path)
    tables = ["documents", "labels", "annotators", "spans", "statuses", "changes"]
    out = {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}
    conn.close()
    return out


def run(qtbot, main: Path, files: list[Path]) -> MergeDialog:
    dialog = MergeDialog(main, files)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.task.finished, timeout=30_000):
        dialog.show()
    return dialog


@pytest.fixture
def main(tmp_path: Path) -> Path:
    return project(tmp_path / "main.annotator.db", {SHARED: {"alice": [("Syrians", "ACTOR"), ("Idlib", "LOCATION")]}})


@pytest.fixture
def laptop(tmp_path: Path) -> Path:
    """bob labelled on his laptop: the shared article and one new one; a reviewer's gold layer too."""
    return project(tmp_path / "bob-laptop.annotator.db", {
        SHARED: {"bob": [("Syrians", "ACTOR"), ("Idlib province", "LOCATION")], GOLD: [("Syrians", "ACTOR")]},
        NEW: {"bob": [("Rebels", "ACTOR"), ("21", "FIGURE")]},
    })


def test_a_merged_file_shows_its_line_and_brings_its_layers(qtbot, main, laptop):
    dialog = MergeDialog(main, [laptop])
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.merged, timeout=30_000) as merged:
        dialog.show()
    [result] = merged.args[0]
    assert (result.documents_added, result.layers_added, result.gold_layers_skipped) == (1, 2, 1)
    qtbot.waitUntil(lambda: not dialog.task.is_running())
    assert dialog.status.text() == "Merged 1 file into main.annotator.db."
    assert dialog.lines.toPlainText() == ("bob-laptop.annotator.db: 1 new document, 1 already here; 2 layers added; "
                                          "1 gold layer left out (gold is never merged)")
    assert dialog.buttons.isEnabled() and dialog.bar.isHidden()
    with ProjectStore(main) as store:
        ids = {d.text: d.id for d in store.iter_documents()}
        assert [(s.start, s.end, s.label) for s in store.spans(ids[NEW], "bob")] == [(0, 6, "ACTOR"), (12, 14, "FIGURE")]
        assert len(store.spans(ids[SHARED], "bob")) == 2 and len(store.spans(ids[SHARED], "alice")) == 2
        assert store.spans(ids[SHARED], GOLD) == []


def test_merging_the_same_file_again_says_nothing_is_new(qtbot, main, laptop):
    run(qtbot, main, [laptop])
    again = run(qtbot, main, [laptop])
    assert again.lines.toPlainText() == ("bob-laptop.annotator.db: 0 new documents, 2 already here; nothing new: "
                                         "this project's 2 layers were as new or newer; "
                                         "1 gold layer left out (gold is never merged)")


def test_a_file_that_is_not_a_project_is_refused_and_nothing_changes(qtbot, main, laptop, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("Call the Amman office about the Idlib figures.\n")
    before = contents(main)
    dialog = MergeDialog(main, [laptop, notes])  # the good file is not merged either: all or nothing
    qtbot.addWidget(dialog)
    with qtbot.assertNotEmitted(dialog.merged), qtbot.waitSignal(dialog.task.finished, timeout=30_000):
        dialog.show()
    status = dialog.status.text()
    assert status.startswith("Nothing changed: ") and "notes.txt" in status and "not a project file" in status
    assert "\n" not in status and "main.annotator.db is as it was: the other files were not merged either" in (
        dialog.lines.toPlainText())
    assert dialog.results is None and dialog.buttons.isEnabled()
    assert contents(main) == before


def test_a_file_from_a_newer_version_is_refused(qtbot, main, tmp_path):
    newer = project(tmp_path / "newer.annotator.db", {NEW: {"chen": [("Rebels", "ACTOR")]}})
    conn = sqlite3.connect(newer)
    conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    conn.close()
    before = contents(main)
    dialog = run(qtbot, main, [newer])
    assert "newer version of the annotator" in dialog.status.text() and "upgrade" in dialog.status.text()
    assert contents(main) == before


def test_the_dialog_stays_open_until_the_merge_has_ended(qtbot, main, laptop):
    dialog = MergeDialog(main, [laptop])
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.task.finished, timeout=30_000):
        assert dialog.task.is_running()  # the thread ends only once its result reached this (GUI) thread
        assert not dialog.buttons.isEnabled()
        dialog.reject()
        assert dialog.isVisible()
    dialog.reject()
    assert not dialog.isVisible()
