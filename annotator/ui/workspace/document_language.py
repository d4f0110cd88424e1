"""A document's language in the window: Document > Language… and the document list's context menu.

The change goes through services.languages.change_language, the function `annotator language
--set` runs: the document is re-tokenized by its new language's pipeline, the status bar says
what moved (tokens, boundaries, spans no longer on token boundaries), the step goes on that
document's undo stack, and its ProjectChanges goes out on the change channel, so the list row,
the article (its tokens and direction) and the suggestions follow.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QUndoCommand
from PySide6.QtWidgets import QInputDialog, QMenu

from annotator.core.errors import AnnotatorError
from annotator.services.languages import LanguageChange, change_language, language_of
from annotator.ui.base.change_channel import ChangeChannel
from annotator.ui.workspace.document_list import DocumentPanel
from annotator.ui.workspace.open_document import Workspace
from annotator.ui.base.quoting import quoted

# Offered first (the languages conflict monitors code most); any other ISO 639-1 code may be typed.
OFFERED = {"en": "English", "fr": "French", "es": "Spanish", "pt": "Portuguese", "ar": "Arabic", "fa": "Persian",
           "uk": "Ukrainian", "ru": "Russian", "tr": "Turkish", "de": "German"}
_DASH = " — "


def item_text(code: str) -> str:
    """"fr" -> "fr — French", as the list offers it (a code it does not name stays a code)."""
    return f"{code}{_DASH}{OFFERED[code]}" if code in OFFERED else code


def code_of(text: str) -> str:
    """What the annotator chose or typed ("fr — French", " FR ") -> the code the service checks."""
    return text.split(_DASH)[0].strip()


class DocumentLanguage(QObject):
    """Asks for a document's language and changes it through the service, undoably."""

    message = Signal(str)  # the status bar: what moved, or why nothing did

    def __init__(self, documents: DocumentPanel, channel: ChangeChannel,
                 workspace: Callable[[], Workspace | None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.documents, self.channel, self._workspace = documents, channel, workspace
        self.dialog: QInputDialog | None = None
        self.menu: QMenu | None = None
        table = documents.table
        table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        table.customContextMenuRequested.connect(self._on_table_context_menu)

    def ask(self, document_id: int | None = None) -> QInputDialog | None:
        """Document > Language… (the open document) or the list's menu (that row's): a window-modal question."""
        ws = self._workspace()
        if document_id is None and ws is not None and ws.document is not None:
            document_id = ws.document.id
        if ws is None or document_id is None:
            self.message.emit("Open a document first, then choose its language.")
            return None
        current = language_of(ws.store, document_id)
        summary = ws.store.summary(document_id, ws.annotator)
        dialog = self.dialog = QInputDialog(self.documents.window())
        dialog.setWindowTitle("Document language")
        dialog.setLabelText(f"Language of {quoted(summary.title) if summary else document_id} (ISO 639-1).\n"
                            "The document is re-tokenized; spans stay where they are.")
        dialog.setComboBoxItems([item_text(c) for c in ({current: None} | dict.fromkeys(OFFERED))])
        dialog.setComboBoxEditable(True)
        dialog.setTextValue(item_text(current))
        dialog.textValueSelected.connect(lambda text: self.set_language(document_id, code_of(text)))
        dialog.open()
        return dialog

    def set_language(self, document_id: int, code: str) -> None:
        """Change it now (or when another program's write has finished), as one undoable step."""
        ws = self._workspace()
        if ws is None:
            return

        def act() -> None:
            change = self._change(document_id, code)
            if change.old != change.new:
                ws.undo_stack(document_id).push(LanguageChanged(change, self._change, self.message.emit))
        ws.pending.submit(act)  # an unknown code or a busy project: one line in the status bar

    def _change(self, document_id: int, code: str) -> LanguageChange:
        ws = self._workspace()
        change = change_language(ws.store, document_id, code, ws.annotator)
        if change.old != change.new:
            self.channel.publish(change.changes())  # the list row, the article and suggestions follow
        self.message.emit(change.summary())  # after the article re-opened: the last word in the status bar
        return change

    def menu_at(self, pos: QPoint) -> QMenu | None:
        """The list's context menu for the row at `pos` (viewport coordinates), or None off the rows."""
        table = self.documents.table
        index = table.indexAt(pos)
        if not index.isValid():
            return None
        row = self.documents.model.summary(index.row())
        menu = self.menu = QMenu(table)
        menu.addAction(f"Language… (now {row.lang})").triggered.connect(lambda: self.ask(row.id))
        return menu

    def _on_table_context_menu(self, pos: QPoint) -> None:
        menu = self.menu_at(pos)
        if menu is not None:
            menu.popup(self.documents.table.viewport().mapToGlobal(pos))


class LanguageChanged(QUndoCommand):
    """A document's language change; undo sets the old one again (and re-tokenizes again)."""

    def __init__(self, change: LanguageChange, apply: Callable[[int, str], LanguageChange],
                 report: Callable[[str], None]) -> None:
        super().__init__(f"language {change.old} → {change.new}")
        self._document_id, self._old, self._new = change.document_id, change.old, change.new
        self._apply, self._report = apply, report
        self._first = True  # the change was made before the command was pushed

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._run(self._new)

    def undo(self) -> None:
        self._run(self._old)

    def _run(self, code: str) -> None:
        try:
            self._apply(self._document_id, code)
        except AnnotatorError as exc:
            self._report(str(exc))
            self.setObsolete(True)
