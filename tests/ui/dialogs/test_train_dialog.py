"""Training from the app: a separate process reports progress, then the held-out scores; too few is one line."""
from __future__ import annotations

from annotator.storage import ProjectStore
from annotator.storage import suggestion_store as ss
from annotator.ui.dialogs.train_dialog import TrainDialog
from tests.helpers.projects import make_labelled_project


def run(qtbot, dialog: TrainDialog, epochs: int = 1) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.epochs.setValue(epochs)
    dialog.start_button.click()
    assert dialog.is_running() and not dialog.start_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.is_running(), timeout=120_000)


def test_training_in_a_process_stores_the_model_and_shows_scores(qtbot, tmp_path):
    path = make_labelled_project(tmp_path / "p.db", 12)
    dialog = TrainDialog(path, ["alice"])
    with qtbot.waitSignal(dialog.trained, timeout=120_000):
        run(qtbot, dialog)
    assert "held out" in dialog.output.toPlainText() and "overall" in dialog.output.toPlainText()
    assert dialog.start_button.isEnabled()
    with ProjectStore(path) as store:
        assert ss.load_model(store).source_layer == "alice"


def test_too_few_documents_is_one_line_and_no_model(qtbot, tmp_path):
    path = make_labelled_project(tmp_path / "p.db", 4)
    dialog = TrainDialog(path, ["alice"])
    run(qtbot, dialog)
    assert dialog.output.toPlainText() == (
        "Not trained: layer 'alice' has 4 labelled documents; training needs at least 10 "
        "(labelled: marked done, or adjudicated for gold)")
    with ProjectStore(path) as store:
        assert ss.load_model(store) is None


def test_the_dialog_opens_on_a_layer_that_can_train_and_counts_each_layers_documents(qtbot, tmp_path):
    from annotator.core.model import Span

    path = make_labelled_project(tmp_path / "p.db", 12)
    with ProjectStore(path) as store:
        store.add_span(Span(1, 0, 6, "ACTOR", annotator="aaron"))  # one labelled document: too few to train
    dialog = TrainDialog(path, ["aaron", "alice"])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.layer.currentText() == "alice" and dialog.layer_note.text() == "12 labelled documents"
    dialog.layer.setCurrentText("aaron")
    assert dialog.layer_note.text() == "1 labelled document: too few, training needs at least 10"
    dialog.grab().save(str(tmp_path / "train-dialog.png"))
