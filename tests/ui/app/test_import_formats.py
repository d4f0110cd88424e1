"""File > Import takes the peers' formats: a brat .ann chosen in the file dialog comes in with its spans."""
from __future__ import annotations

from PySide6.QtWidgets import QFileDialog

from annotator.storage import ProjectStore

TEXT = "Shelling in Ariha\n\nThe ICRC said 12 people died.\n"


def test_file_import_offers_and_reads_a_brat_ann_file(qtbot, window, write, monkeypatch):
    write("ariha.txt", TEXT)
    start = TEXT.index("ICRC")
    ann = write("ariha.ann", f"T1\tACTOR {start} {start + 4}\tICRC\n")
    offered = []

    def choose(parent, caption, folder, filters):  # the native dialog stands in for the user's pick
        offered.append(filters)
        return [str(ann)], filters

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(choose))
    dialog = window.dialogs.import_files()
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.imported, timeout=20000):
        pass
    assert "*.ann" in offered[0] and "*.conll" in offered[0] and "*.tsv" in offered[0]
    assert "1 new document" in dialog.status.text() and "1 span added" in dialog.status.text()
    with ProjectStore(window.store.path) as store:
        doc = next(d for d in store.iter_documents() if d.text == TEXT)
        assert [(TEXT[s.start:s.end], s.label) for s in store.spans(doc.id, "alice")] == [("ICRC", "ACTOR")]
