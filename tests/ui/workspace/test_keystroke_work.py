"""A label keystroke does only the work it needs: nothing read back from the file, one row of the span table."""
from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.storage import ProjectStore
from annotator.storage import relation_store as rs
from tests.helpers.window_driver import select_word


def _statements(window) -> list[str]:
    """Every SQL statement the window's own connection runs from now on."""
    seen: list[str] = []
    window.store.db.conn.set_trace_callback(seen.append)
    return seen


def test_a_label_keystroke_reads_no_spans_links_or_rejections_back(qtbot, window):
    select_word(qtbot, window, "Syrians")
    seen = _statements(window)
    qtbot.keyClick(window.article, "1")
    window.store.db.conn.set_trace_callback(None)
    assert [s.label for s in window.workspace.spans] == ["ACTOR"]
    reads = [s for s in seen if s.lstrip().upper().startswith("SELECT")]
    assert not [s for s in reads if "FROM relations" in s or "rejected_suggestions" in s or "FROM spans s JOIN" in s]


def test_a_keystroke_inserts_one_row_of_the_span_table_and_delete_removes_it(qtbot, window):
    model = window.span_table.source
    select_word(qtbot, window, "Syrians")
    qtbot.keyClick(window.article, "1")
    events: list[str] = []
    model.modelReset.connect(lambda: events.append("reset"))
    model.rowsInserted.connect(lambda *_: events.append("inserted"))
    model.rowsRemoved.connect(lambda *_: events.append("removed"))
    select_word(qtbot, window, "Idlib")
    qtbot.keyClick(window.article, "2")
    assert events == ["inserted"]
    assert [model.data(model.index(r, 1)) for r in range(model.rowCount())] == ["Syrians", "Idlib"]
    qtbot.keyClick(window.article, Qt.Key.Key_Delete)
    assert events == ["inserted", "removed"]
    assert [model.data(model.index(r, 1)) for r in range(model.rowCount())] == ["Syrians"]
    window.actions_by_name["undo"].trigger()
    assert [model.data(model.index(r, 1)) for r in range(model.rowCount())] == ["Syrians", "Idlib"]


def test_the_open_documents_links_follow_a_delete_and_its_undo_without_a_reread(qtbot, window):
    text = window.workspace.document.text
    for word, key in (("UN", "1"), ("said", "4")):
        select_word(qtbot, window, word)
        qtbot.keyClick(window.article, key)
    qtbot.keyClick(window.article, "l")
    qtbot.keyClick(window.article, Qt.Key.Key_Return)

    def held() -> list[tuple[str, str, str]]:
        spans = {s.id: text[s.start:s.end] for s in window.workspace.spans}
        return sorted((spans[r.head_id], r.label, spans[r.child_id]) for r in window.workspace.relations)

    def stored() -> list[tuple[str, str, str]]:
        with ProjectStore(window.store.path) as other:
            spans = {s.id: text[s.start:s.end] for s in other.spans(window.workspace.document.id, "alice")}
            return sorted((spans[r.head_id], r.label, spans[r.child_id])
                          for r in rs.relations(other, window.workspace.document.id, "alice"))

    assert held() == stored() == [("said", "SOURCE", "UN")]
    qtbot.keyClick(window.article, Qt.Key.Key_Delete)  # the link goes with the span
    assert window.workspace.relations == [] and stored() == []
    window.actions_by_name["undo"].trigger()
    assert held() == stored() == [("said", "SOURCE", "UN")]
