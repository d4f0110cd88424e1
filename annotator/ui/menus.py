"""The window's menus and shortcuts, in one table-like place."""
from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtGui import QAction, QKeySequence

from annotator.core.model import Status

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

KEYS_HELP = """<table cellpadding=3>
<tr><td><b>Select text, 1–9</b></td><td>label the selection (snapped to whole tokens)</td></tr>
<tr><td><b>Alt+1–9</b></td><td>label the exact characters selected</td></tr>
<tr><td><b>Double-click</b></td><td>select one token</td></tr>
<tr><td><b>Click a span / Tab, Shift+Tab</b></td><td>select a span (click again: the span around it)</td></tr>
<tr><td><b>1–9 on a selected span</b></td><td>relabel it</td></tr>
<tr><td><b>Del</b></td><td>delete the selected span</td></tr>
<tr><td><b>Alt+← / Alt+→</b></td><td>move the start of the span (or selection) by one token</td></tr>
<tr><td><b>Alt+Shift+← / →</b></td><td>move its end by one token</td></tr>
<tr><td><b>F2 / Ctrl+U</b></td><td>note on the span / toggle unsure</td></tr>
<tr><td><b>Ctrl+F, Enter</b></td><td>find; Enter goes to the next hit, then a label key labels it</td></tr>
<tr><td><b>Ctrl+Z / Ctrl+Shift+Z</b></td><td>undo / redo (per document)</td></tr>
<tr><td><b>Ctrl+Enter</b></td><td>mark done and open the next document to do</td></tr>
<tr><td><b>Ctrl+Shift+Enter</b></td><td>skip and open the next document to do</td></tr>
<tr><td><b>Ctrl+PgDn / Ctrl+PgUp</b></td><td>next / previous document in the list</td></tr>
<tr><td><b>F5</b></td><td>reload (see what another window saved)</td></tr>
<tr><td colspan=2><br><b>Review mode</b> (Ctrl+R to enter and leave)</td></tr>
<tr><td><b>1–9</b></td><td>take that annotator's version of the unit (numbered by name)</td></tr>
<tr><td><b>0</b></td><td>reject all: no gold span here</td></tr>
<tr><td><b>E</b>, then select + key, Enter</td><td>edit the unit's spans, then accept (Esc cancels)</td></tr>
<tr><td><b>A</b></td><td>accept every unit all annotators agree on</td></tr>
<tr><td><b>Tab / Shift+Tab</b></td><td>next / previous unit</td></tr>
<tr><td><b>Ctrl+Enter</b></td><td>next document still to adjudicate</td></tr>
<tr><td colspan=2><br><b>Project</b></td></tr>
<tr><td><b>Ctrl+I / Ctrl+Shift+I</b></td><td>import articles / a folder</td></tr>
<tr><td><b>Ctrl+E</b></td><td>export training data</td></tr>
<tr><td><b>Ctrl+Shift+G</b></td><td>agreement between annotators</td></tr>
</table>"""


def build_menus(w: "MainWindow") -> dict[str, QAction]:
    """Create the menus of `w`; returns the actions by name (tests trigger them by name)."""
    actions: dict[str, QAction] = {}

    def add(menu, name: str, text: str, slot: Callable[[], object], *keys: str | QKeySequence.StandardKey,
            checkable: bool = False) -> QAction:
        action = QAction(text, w)
        if keys:
            action.setShortcuts([QKeySequence(k) for k in keys])
        action.setCheckable(checkable)
        action.triggered.connect(lambda checked=False: slot())
        menu.addAction(action)
        actions[name] = action
        return action

    bar = w.menuBar()
    file = bar.addMenu("&File")
    add(file, "open", "&Open Project…", w.dialogs.open_project, QKeySequence.StandardKey.Open)
    add(file, "new", "&New Project…", w.dialogs.new_project, QKeySequence.StandardKey.New)
    recent = file.addMenu("Open &Recent")
    recent.aboutToShow.connect(partial(_fill_recent, w, recent))
    file.addSeparator()
    add(file, "import", "&Import Articles…", w.dialogs.import_files, "Ctrl+I")
    add(file, "import_folder", "Import &Folder…", partial(w.dialogs.import_files, folder=True), "Ctrl+Shift+I")
    add(file, "merge", "&Merge Project Files…", w.dialogs.merge)
    add(file, "export", "&Export Training Data…", w.dialogs.export, "Ctrl+E")
    file.addSeparator()
    add(file, "quit", "&Quit", w.close, QKeySequence.StandardKey.Quit)

    edit = bar.addMenu("&Edit")
    add(edit, "undo", "&Undo", w.undo, QKeySequence.StandardKey.Undo)
    add(edit, "redo", "&Redo", w.redo, "Ctrl+Shift+Z", "Ctrl+Y")
    edit.addSeparator()
    add(edit, "find", "&Find in Article…", w.find_bar.open_bar, QKeySequence.StandardKey.Find)
    add(edit, "find_next", "Find &Next", partial(w.find_bar.next_hit, 1), "F3")
    add(edit, "find_previous", "Find &Previous", partial(w.find_bar.next_hit, -1), "Shift+F3")
    edit.addSeparator()
    add(edit, "note", "&Note on Span…", w.edit_note, "F2")
    add(edit, "unsure", "Toggle &Unsure", w.toggle_unsure, "Ctrl+U")
    add(edit, "exact", "Label &Exact Characters (no snapping)", w.apply_exact_mode, "Ctrl+Shift+E", checkable=True)

    doc = bar.addMenu("&Document")
    add(doc, "done", "Mark &Done, Open Next", w.done_and_next, "Ctrl+Return", "Ctrl+Enter")
    add(doc, "skip", "&Skip, Open Next", partial(w.finish_document, Status.SKIPPED),
        "Ctrl+Shift+Return", "Ctrl+Shift+Enter")
    add(doc, "next", "Ne&xt in List", partial(w.step_document, 1), "Ctrl+PgDown")
    add(doc, "previous", "Pre&vious in List", partial(w.step_document, -1), "Ctrl+PgUp")
    add(doc, "reload", "&Reload", lambda: w.workspace and w.workspace.reload(), "F5")
    add(doc, "focus_list", "Go to Document &List", w.documents.search.setFocus, "Ctrl+L")
    add(doc, "focus_article", "Go to &Article", w.article.setFocus, "F6")

    review = bar.addMenu("&Review")
    add(review, "review_mode", "&Review Mode (adjudicate into gold)",
        lambda: w.set_review_mode(actions["review_mode"].isChecked()), "Ctrl+R", checkable=True)
    add(review, "accept_unanimous", "&Accept All Agreed Units",
        lambda: w.review.session and w.review.session.accept_unanimous())
    add(review, "agreement", "A&greement…", w.dialogs.agreement, "Ctrl+Shift+G")

    people = bar.addMenu("&Annotator")
    add(people, "switch_annotator", "&Switch Annotator…", w.switch_annotator)

    helpm = bar.addMenu("&Help")
    add(helpm, "keys", "&Keyboard Shortcuts", partial(_show_keys, w), "F1")
    add(helpm, "guidelines", "&Guidelines", w.dialogs.guidelines)
    return actions


def _fill_recent(w: "MainWindow", menu) -> None:
    menu.clear()
    for path in w.settings.recent_projects():
        action = menu.addAction(path)
        action.triggered.connect(lambda checked=False, p=path: w.open_project(Path(p)))
    if menu.isEmpty():
        menu.addAction("(none yet)").setEnabled(False)


def _show_keys(w: "MainWindow") -> None:
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.information(w, "Keyboard shortcuts", KEYS_HELP)
