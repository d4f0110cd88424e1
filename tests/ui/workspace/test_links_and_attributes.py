"""Links from the keyboard, the attribute panel and the claims tab, driven as a user drives them."""
from __future__ import annotations

import json

from PySide6.QtCore import Qt

from annotator.storage import ProjectStore
from annotator.storage import relation_store as rs
from annotator.ui.base.quoting import quoted
from tests.helpers.window_driver import select_with_keyboard


def _label(qtbot, window, word: str, key: str) -> int:
    text = window.workspace.document.text
    start = text.index(word)
    select_with_keyboard(qtbot, window.article, start, start + len(word))
    qtbot.keyClick(window.article, key)
    return window.article.selected_span_id


def _stored_links(window) -> list[tuple[str, str, str]]:
    doc = window.workspace.document
    with ProjectStore(window.store.path) as other:
        spans = {s.id: doc.text[s.start:s.end] for s in other.spans(doc.id, "alice")}
        return sorted((spans[r.head_id], r.label, spans[r.child_id]) for r in rs.relations(other, doc.id, "alice"))


def test_link_from_the_keyboard_nearest_first_then_undo(qtbot, window):
    fig = _label(qtbot, window, "350,000", "3")
    _label(qtbot, window, "Syrians", "1")
    _label(qtbot, window, "UN", "1")
    said = _label(qtbot, window, "said", "4")
    assert window.article.selected_span_id == said
    qtbot.keyClick(window.article, "l")
    assert window.workspace.link_mode.active
    head, child, kind = window.workspace.link_mode.ends()
    assert (window.workspace.document.text[child.start:child.end], kind.name) == ("UN", "SOURCE")  # nearest
    qtbot.keyClick(window.article, Qt.Key.Key_Return)
    assert _stored_links(window) == [("said", "SOURCE", "UN")]
    assert len(window.article.decorations.links) == 1  # the selected span's link is drawn
    qtbot.keyClick(window.article, "l")
    qtbot.keyClick(window.article, Qt.Key.Key_Tab)  # next: Syrians
    qtbot.keyClick(window.article, Qt.Key.Key_Tab)  # then the figure (CLAIM)
    assert window.workspace.link_mode.ends()[2].name == "CLAIM"
    qtbot.keyClick(window.article, Qt.Key.Key_Return)
    assert _stored_links(window) == [("said", "CLAIM", "350,000"), ("said", "SOURCE", "UN")]
    window.lists.setCurrentWidget(window.claims_view)  # the tab computes its rows when shown
    claims = window.claims_view.source
    assert claims.rowCount() == 1
    assert [claims.data(claims.index(0, c)) for c in (0, 1, 4, 5)] == ["350,000", "350,000", "said", "UN"]
    window.workspace.select_span(fig)
    assert len(window.article.decorations.links) == 1  # only the figure's own link now
    window.actions_by_name["undo"].trigger()
    assert _stored_links(window) == [("said", "SOURCE", "UN")]
    window.actions_by_name["redo"].trigger()
    assert len(_stored_links(window)) == 2


def test_esc_cancels_and_a_span_without_partners_says_so(qtbot, window):
    _label(qtbot, window, "Idlib", "2")
    qtbot.keyClick(window.article, "l")
    assert not window.workspace.link_mode.active
    assert "No span in this document can be linked" in window.statusBar().currentMessage()
    _label(qtbot, window, "UN", "1")
    _label(qtbot, window, "said", "4")
    qtbot.keyClick(window.article, "l")
    qtbot.keyClick(window.article, Qt.Key.Key_Escape)
    assert not window.workspace.link_mode.active and _stored_links(window) == []


def test_deleting_a_linked_span_takes_the_link_and_undo_restores_both(qtbot, window):
    _label(qtbot, window, "UN", "1")
    _label(qtbot, window, "said", "4")
    qtbot.keyClick(window.article, "l")
    qtbot.keyClick(window.article, Qt.Key.Key_Return)
    qtbot.keyClick(window.article, Qt.Key.Key_Delete)
    assert _stored_links(window) == []
    window.actions_by_name["undo"].trigger()
    assert _stored_links(window) == [("said", "SOURCE", "UN")]


def test_figure_attributes_shown_and_edited_with_keys(qtbot, window):
    _label(qtbot, window, "350,000", "3")
    panel = window.attributes
    assert panel.editors["precision"].currentText().endswith("approximate")  # "Some" before it
    assert panel.editors["low"].text() == "350000"
    qtbot.keyClick(window.article, Qt.Key.Key_Return)  # Enter: edit the attributes
    category = panel.editors["category"]
    assert category.hasFocus()
    qtbot.keyClick(category, "3")  # the third value: displaced
    doc = window.workspace.document
    with ProjectStore(window.store.path) as other:
        [span] = other.spans(doc.id, "alice")
    assert span.attrs["category"] == "displaced" and span.attrs["low"] == 350000
    high = panel.editors["high"]
    high.setFocus()
    high.selectAll()
    qtbot.keyClicks(high, "360000")
    qtbot.keyClick(high, Qt.Key.Key_Return)
    with ProjectStore(window.store.path) as other:
        assert other.spans(doc.id, "alice")[0].attrs["high"] == 360000
    window.actions_by_name["undo"].trigger()
    with ProjectStore(window.store.path) as other:
        assert other.spans(doc.id, "alice")[0].attrs["high"] == 350000
    assert panel.editors["high"].text() == "350000"
    qtbot.keyClick(category, Qt.Key.Key_Escape)
    assert window.article.hasFocus()


def test_schema_dialog_applies_json_refuses_orphans_and_renames(qtbot, window):
    _label(qtbot, window, "Syrians", "1")
    dialog = window.dialogs.schema()
    qtbot.addWidget(dialog)
    data = json.loads(dialog.editor.toPlainText())
    data["labels"].append({"name": "WEAPON", "key": "5"})
    data["labels"][0]["colour"] = "#000000"
    dialog.editor.setPlainText(json.dumps(data))
    assert dialog.apply()
    assert window.store.schema().label("WEAPON").key == "5"
    assert window.article.label_keys["5"] == "WEAPON"
    data["labels"] = [lb for lb in data["labels"] if lb["name"] != "ACTOR"]
    data["relations"] = []
    dialog.editor.setPlainText(json.dumps(data))
    assert not dialog.apply()
    assert "1 span labelled ACTOR" in dialog.problem.text()
    dialog.editor.setPlainText("{ not json")
    assert not dialog.apply() and "not JSON" in dialog.problem.text()
    dialog.old.setCurrentText("ACTOR")
    dialog.new.setText("PARTY")
    assert dialog.rename()
    assert [s.label for s in window.article.spans()] == ["PARTY"]


def test_the_panel_lists_the_selected_spans_links_and_del_unlinks(qtbot, window):
    _label(qtbot, window, "UN", "1")
    said = _label(qtbot, window, "said", "4")
    qtbot.keyClick(window.article, "l")
    qtbot.keyClick(window.article, Qt.Key.Key_Return)
    links = window.attributes.links
    assert [links.item(i).text() for i in range(links.count())] == [f"→ SOURCE {quoted('UN')}"]
    links.setCurrentRow(0)
    qtbot.keyClick(links, Qt.Key.Key_Delete)
    assert _stored_links(window) == [] and links.count() == 0
    window.actions_by_name["undo"].trigger()
    assert _stored_links(window) == [("said", "SOURCE", "UN")]
    window.workspace.select_span(said)
    assert links.count() == 1


def _panel_notes(window) -> list[str]:
    from PySide6.QtWidgets import QLabel

    form = window.attributes.form
    return [form.itemAt(i).widget().text() for i in range(form.count())
            if isinstance(form.itemAt(i).widget(), QLabel)]


def test_the_panel_speaks_of_a_label_only_when_a_span_is_selected(qtbot, window):
    assert "Select a span" in window.attributes.title.text()
    assert not any("no attributes" in t for t in _panel_notes(window))  # no label to speak of yet
    _label(qtbot, window, "said", "4")  # ATTRIBUTION has no attributes by default
    assert any("no attributes for this label" in t for t in _panel_notes(window))


def test_every_claims_column_shows_in_the_330_pixel_side_panel(qtbot, window, tmp_path):
    _label(qtbot, window, "350,000", "3")
    _label(qtbot, window, "UN", "1")
    window.splitter.setSizes([290, 720, 330])
    window.lists.setCurrentWidget(window.claims_view)
    qtbot.waitUntil(lambda: window.claims_view.source.rowCount() == 1)
    view = window.claims_view
    width = view.viewport().width()
    assert width <= 330
    for column in range(view.source.columnCount()):  # Cue and Source included, without scrolling
        assert view.columnViewportPosition(column) >= 0
        assert view.columnViewportPosition(column) + view.columnWidth(column) <= width
    view.grab().save(str(tmp_path / "claims.png"))
