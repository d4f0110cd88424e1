"""The status bar's "Saved" time is this window's last write to the project, and nothing else's."""
from __future__ import annotations

from pathlib import Path

from annotator.core.model import NewArticle
from annotator.storage import ProjectStore
from tests.helpers.window_driver import TEXTS


def _shown(window) -> str:
    return window.saved_label.text().strip()


def _expected(window) -> str:
    return f"✓ Saved {window.store.last_write.astimezone().strftime('%H:%M:%S')}"


def test_saved_time_moves_only_with_this_windows_writes(qtbot, window, tmp_path: Path):
    assert _shown(window) == ""  # opening a project (and naming the annotator) saved no work
    start = TEXTS[0].index("Syrians")
    window.article.select_range(start, start + len("Syrians"))
    qtbot.keyClick(window.article, "1")
    written = window.store.last_write
    assert written is not None and _shown(window) == _expected(window)
    [span] = window.article.spans()
    with ProjectStore(window.store.path) as other:  # another window relabels it meanwhile
        other.update_span(other.span(span.id), label="LOCATION")
    window.workspace.select_span(span.id)
    qtbot.keyClick(window.article, "3")  # refused: the span changed elsewhere; the document reloads
    assert "another window" in window.statusBar().currentMessage()
    assert window.store.last_write == written and _shown(window) == _expected(window)
    window.actions_by_name["reload"].trigger()
    window.settings.reviewer = "rita"
    window.actions_by_name["review_mode"].trigger()
    window.actions_by_name["review_mode"].trigger()  # and back: nothing of ours was written
    assert window.store.last_write == written and _shown(window) == _expected(window)
    other_project = tmp_path / "other.db"
    with ProjectStore(other_project) as other:
        other.import_articles([NewArticle(text="Rebels said so.", title="other")])
    window.open_project(other_project)
    assert _shown(window) == ""  # the previous project's time is not carried over


def test_an_import_from_this_window_is_a_write_and_an_import_of_nothing_new_is_not(qtbot, window, write):
    assert _shown(window) == ""
    known = write("known.txt", TEXTS[0])  # already in the project: nothing is written
    dialog = window.dialogs.run_import([known])
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.imported, timeout=20000):
        pass
    assert _shown(window) == ""
    fresh = write("fresh.txt", "A new headline\n\nThe ICRC said 12 people died.")
    dialog = window.dialogs.run_import([fresh])
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.imported, timeout=20000):
        pass
    assert _shown(window).startswith("✓ Saved ")
