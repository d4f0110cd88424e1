"""The window's menus and shortcuts as one table; the window passes in the slot of each entry."""
from __future__ import annotations

from typing import Callable, Mapping, Sequence

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMainWindow, QMenu, QVBoxLayout

from annotator.ui.base.key_table import sheet_html

KEYS_HELP = sheet_html()  # generated from the one key table (ui/base/key_table.py)


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
        ("note_thread", "Note &Thread: Read and Reply…", ("Ctrl+F2",), False),
        ("unsure", "Toggle &Unsure", ("Ctrl+U",), False),
        ("exact", "Label &Exact Characters (no snapping)", ("Ctrl+Shift+E",), True),
    )),
    ("&Document", (
        ("done", "Mark &Done, Open Next", ("Ctrl+Return", "Ctrl+Enter"), False),
        ("skip", "&Skip, Open Next", ("Ctrl+Shift+Return", "Ctrl+Shift+Enter"), False),
        ("next", "Ne&xt in List", ("Ctrl+PgDown",), False),
        ("previous", "Pre&vious in List", ("Ctrl+PgUp",), False),
        ("reload", "&Reload", ("F5",), False),
        ("language", "&Language…", (), False),
        ("focus_list", "Go to Document &List", ("Ctrl+L",), False),
        ("focus_article", "Go to &Article", ("F6",), False),
    )),
    ("&View", (
        ("zoom_in", "Zoom &In", (_SK.ZoomIn, "Ctrl+="), False),
        ("zoom_out", "Zoom &Out", (_SK.ZoomOut,), False),
        ("zoom_reset", "&Normal Size", ("Ctrl+0",), False),
        ("font_size", "&Font Size…", (), False),
        None,
        ("label_names", "Show &Label Names", ("Ctrl+Shift+L",), True),
        ("guide", "&Guide: Document and Label Guideline", ("Ctrl+Shift+H",), True),
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
        ("switch_reviewer", "Change Re&viewer…", (), False),
        ("agreement", "A&greement…", ("Ctrl+Shift+G",), False),
        ("team", "&Team…", (), False),
        ("compare_gold", "&Compare with Gold…", (), False),
    )),
    ("&Annotator", (
        ("switch_annotator", "&Switch Annotator…", (), False),
    )),
    ("&Project", (
        ("schema", "&Labels and Schema…", (), False),
        ("assign", "&Assign Documents…", (), False),
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


def keys_box(parent: QMainWindow) -> QDialog:
    """The shortcut sheet (F1): a plain dialog, since a message box would wrap the two columns narrow."""
    dialog = QDialog(parent)
    dialog.setWindowTitle("Keyboard shortcuts")
    sheet = QLabel(KEYS_HELP, textFormat=Qt.TextFormat.RichText)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
    buttons.accepted.connect(dialog.accept)
    layout = QVBoxLayout(dialog)
    layout.addWidget(sheet)
    layout.addWidget(buttons)
    dialog.text = sheet.text  # type: ignore[attr-defined] - what the sheet says, for tests
    return dialog


def show_keys(parent: QMainWindow) -> None:
    keys_box(parent).exec()
