"""The window's menus and shortcuts as one table; the window passes in the slot of each entry."""
from __future__ import annotations

from typing import Callable, Mapping, Sequence

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

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
<tr><td colspan=2><br><b>Suggestions</b> (dashed outlines: rules, project memory, the trained model)</td></tr>
<tr><td><b>F8 / Shift+F8</b></td><td>next / previous suggestion</td></tr>
<tr><td><b>Ctrl+Shift+A / Ctrl+Shift+X</b></td><td>accept / reject the suggestion at the cursor</td></tr>
<tr><td><b>Ctrl+Alt+A</b></td><td>accept every suggestion in the document (one undo step)</td></tr>
<tr><td><b>Ctrl+Shift+S</b></td><td>show or hide suggestions</td></tr>
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


Key = str | QKeySequence.StandardKey
_SK = QKeySequence.StandardKey

# (menu, [(action name, text, keys, checkable) or None for a separator or "recent" for Open Recent]).
# Each action name is a key of the slots the window passes to build_menus.
MENUS: Sequence[tuple[str, Sequence[tuple[str, str, tuple[Key, ...], bool] | str | None]]] = (
    ("&File", (
        ("open", "&Open Project…", (_SK.Open,), False),
        ("new", "&New Project…", (_SK.New,), False),
        "recent",
        None,
        ("import", "&Import Articles…", ("Ctrl+I",), False),
        ("import_folder", "Import &Folder…", ("Ctrl+Shift+I",), False),
        ("merge", "&Merge Project Files…", (), False),
        ("export", "&Export Training Data…", ("Ctrl+E",), False),
        None,
        ("quit", "&Quit", (_SK.Quit,), False),
    )),
    ("&Edit", (
        ("undo", "&Undo", (_SK.Undo,), False),
        ("redo", "&Redo", ("Ctrl+Shift+Z", "Ctrl+Y"), False),
        None,
        ("find", "&Find in Article…", (_SK.Find,), False),
        ("find_next", "Find &Next", ("F3",), False),
        ("find_previous", "Find &Previous", ("Shift+F3",), False),
        None,
        ("note", "&Note on Span…", ("F2",), False),
        ("unsure", "Toggle &Unsure", ("Ctrl+U",), False),
        ("exact", "Label &Exact Characters (no snapping)", ("Ctrl+Shift+E",), True),
    )),
    ("&Document", (
        ("done", "Mark &Done, Open Next", ("Ctrl+Return", "Ctrl+Enter"), False),
        ("skip", "&Skip, Open Next", ("Ctrl+Shift+Return", "Ctrl+Shift+Enter"), False),
        ("next", "Ne&xt in List", ("Ctrl+PgDown",), False),
        ("previous", "Pre&vious in List", ("Ctrl+PgUp",), False),
        ("reload", "&Reload", ("F5",), False),
        ("focus_list", "Go to Document &List", ("Ctrl+L",), False),
        ("focus_article", "Go to &Article", ("F6",), False),
    )),
    ("S&uggestions", (
        ("suggest_next", "&Next Suggestion", ("F8",), False),
        ("suggest_previous", "&Previous Suggestion", ("Shift+F8",), False),
        ("suggest_accept", "&Accept Suggestion at Cursor", ("Ctrl+Shift+A",), False),
        ("suggest_reject", "&Reject Suggestion at Cursor", ("Ctrl+Shift+X",), False),
        ("suggest_accept_all", "Accept A&ll in Document", ("Ctrl+Alt+A",), False),
        None,
        ("suggest_show", "&Show Suggestions", ("Ctrl+Shift+S",), True),
        ("suggest_train", "&Train Model…", (), False),
    )),
    ("&Review", (
        ("review_mode", "&Review Mode (adjudicate into gold)", ("Ctrl+R",), True),
        ("accept_unanimous", "&Accept All Agreed Units", (), False),
        ("agreement", "A&greement…", ("Ctrl+Shift+G",), False),
    )),
    ("&Annotator", (
        ("switch_annotator", "&Switch Annotator…", (), False),
    )),
    ("&Help", (
        ("keys", "&Keyboard Shortcuts", ("F1",), False),
        ("guidelines", "&Guidelines", (), False),
    )),
)


def build_menus(window: QMainWindow, slots: Mapping[str, Callable[..., object]],
                recent_projects: Callable[[], list[str]], open_recent: Callable[[str], None]) -> dict[str, QAction]:
    """Create the menus of `window`; returns the actions by name (tests trigger them by name).

    A checkable action's slot gets the new checked state; every other slot gets no argument.
    `keys` (the shortcut sheet) needs no slot: it is served here.
    """
    actions: dict[str, QAction] = {}
    slots = {"keys": lambda: show_keys(window), **slots}
    missing = {e[0] for _, entries in MENUS for e in entries if isinstance(e, tuple)} - set(slots)
    assert not missing, f"menu entries without a slot: {sorted(missing)}"
    bar = window.menuBar()
    for title, entries in MENUS:
        menu = bar.addMenu(title)
        for entry in entries:
            if entry is None:
                menu.addSeparator()
            elif entry == "recent":
                sub = menu.addMenu("Open &Recent")
                sub.aboutToShow.connect(lambda sub=sub: _fill_recent(sub, recent_projects(), open_recent))
            else:
                name, text, keys, checkable = entry
                actions[name] = _action(window, text, keys, checkable, slots[name])
                menu.addAction(actions[name])
    return actions


def _action(window: QMainWindow, text: str, keys: tuple[Key, ...], checkable: bool,
            slot: Callable[..., object]) -> QAction:
    action = QAction(text, window)
    if keys:
        action.setShortcuts([QKeySequence(k) for k in keys])
    action.setCheckable(checkable)
    if checkable:
        action.triggered.connect(lambda checked: slot(checked))
    else:
        action.triggered.connect(lambda checked=False: slot())
    return action


def _fill_recent(menu: QMenu, paths: list[str], open_recent: Callable[[str], None]) -> None:
    menu.clear()
    for path in paths:
        action = menu.addAction(path)
        action.triggered.connect(lambda checked=False, p=path: open_recent(p))
    if menu.isEmpty():
        menu.addAction("(none yet)").setEnabled(False)


def show_keys(parent: QMainWindow) -> None:
    QMessageBox.information(parent, "Keyboard shortcuts", KEYS_HELP)
