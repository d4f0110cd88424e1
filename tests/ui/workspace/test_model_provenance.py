"""In the window: a model suggestion accepted with Ctrl+Shift+A records which stored model proposed it."""
from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.storage import ProjectStore
from annotator.storage import suggestion_store as ss
from annotator.ui.app.main_window import MainWindow
from annotator.ui.app.settings import AppSettings

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def test_an_accepted_model_suggestion_names_its_model_in_the_window(qtbot, tmp_path):
    from annotator.services.training import train_model
    from annotator.suggest.pipeline import TrainingSettings
    from tests.helpers.projects import make_labelled_project

    path = make_labelled_project(tmp_path / "m.annotator.db", 12)
    with ProjectStore(path) as store:
        train_model(store, "alice", TrainingSettings(epochs=2))
        trained_at = ss.model_version(store)
    w = MainWindow(path, AppSettings(), "bob")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: any(s.source == "model" for s in w.suggestions.suggestions), timeout=30000)
    for _ in range(len(w.suggestions.suggestions)):
        qtbot.keyClick(w.article, Qt.Key.Key_F8)
        if w.article.decorations.current_suggestion.source == "model":
            break
    chosen = w.article.decorations.current_suggestion
    assert chosen.source == "model"
    qtbot.keyClick(w.article, Qt.Key.Key_A, CTRL_SHIFT)
    [span] = [s for s in w.article.spans() if (s.start, s.end, s.label) == chosen.key]
    assert span.provenance["source"] == "model" and trained_at in span.provenance["model"]
    with ProjectStore(path) as other:  # stored so, beside the attributes
        [stored] = [s for s in other.spans(w.workspace.document.id, "bob") if s.key == chosen.key]
        assert stored.provenance == span.provenance and "model" not in stored.attrs
    w.close()
