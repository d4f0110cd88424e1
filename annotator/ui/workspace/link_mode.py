"""Linking from the keyboard: with a span selected, L starts a link; Tab / Shift+Tab walk the spans
the schema allows at the other end (nearest first); Enter links, Esc cancels.

While a link is being made the candidate is outlined and the would-be link drawn; the key of
a relation type (s, c by default) picks it when the schema allows several between two labels.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeyEvent

from annotator.core.model import Span
from annotator.core.schema import RelationType
from annotator.ui.base.quoting import quoted

START_KEY = "l"


@dataclass(frozen=True, slots=True)
class Candidate:
    """A span that can be the other end, and the relation types possible with it."""

    span: Span
    types: tuple[RelationType, ...]
    anchor_is_head: bool


class LinkMode(QObject):
    """The keyboard link mode of one workspace (duck-typed: no import of the workspace module)."""

    def __init__(self, workspace: Any) -> None:
        super().__init__(workspace)
        self.ws = workspace
        self.anchor: Span | None = None
        self.candidates: list[Candidate] = []
        self.index = 0
        self.type_index = 0

    @property
    def active(self) -> bool:
        return self.anchor is not None

    def handle_key(self, event: QKeyEvent) -> bool:
        """True when the key was the link mode's (the article view then ignores it)."""
        key, text = event.key(), event.text().lower()
        plain = not (event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier))
        if not self.active:
            if plain and text == START_KEY and START_KEY not in self.ws.view.label_keys:
                self.start()
                return True
            return False
        if key == Qt.Key.Key_Tab:
            self._move(1)
        elif key == Qt.Key.Key_Backtab:
            self._move(-1)
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.commit()
        elif key == Qt.Key.Key_Escape:
            self.cancel("Link cancelled.")
        elif plain and self._pick_type(text):
            self._show()
        else:
            self.ws.message.emit("Linking: Tab / Shift+Tab choose the other end, Enter links, Esc cancels.")
        return True

    def start(self) -> None:
        anchor = self.ws.selected_span()
        if anchor is None:
            self.ws.message.emit("Select a span first (click it or Tab to it), then press L to link it.")
            return
        self.candidates = self._candidates(anchor)
        if not self.candidates:
            kinds = ", ".join(f"{r.name} ({'/'.join(r.head)} → {'/'.join(r.child)})" for r in self.ws.schema.relations)
            self.ws.message.emit(f"No span in this document can be linked to this {anchor.label}. Links: {kinds}.")
            return
        self.anchor, self.index, self.type_index = anchor, 0, 0
        self._show()

    def _candidates(self, anchor: Span) -> list[Candidate]:
        schema = self.ws.schema
        out = []
        for span in self.ws.spans:
            if span.id == anchor.id:
                continue
            as_head = tuple(schema.relations_between(anchor.label, span.label))
            as_child = tuple(schema.relations_between(span.label, anchor.label))
            if as_head or as_child:
                out.append(Candidate(span, as_head or as_child, bool(as_head)))
        middle = (anchor.start + anchor.end) / 2
        return sorted(out, key=lambda c: (abs((c.span.start + c.span.end) / 2 - middle), c.span.start))

    def _move(self, delta: int) -> None:
        self.index = (self.index + delta) % len(self.candidates)
        self.type_index = 0
        self._show()

    def _pick_type(self, text: str) -> bool:
        types = self.candidates[self.index].types
        for i, r in enumerate(types):
            if r.key and r.key.lower() == text:
                self.type_index = i
                return True
        return False

    def ends(self) -> tuple[Span, Span, RelationType]:
        """(head, child, relation type) of the link that Enter would make."""
        assert self.anchor is not None
        c = self.candidates[self.index]
        head, child = (self.anchor, c.span) if c.anchor_is_head else (c.span, self.anchor)
        return head, child, c.types[self.type_index]

    def _show(self) -> None:
        head, child, kind = self.ends()
        other = child if head is self.anchor else head
        self.ws.view.set_decorations(focus=(other.start, other.end), links=[(head, child, kind.name)])
        self.ws.view.reveal(other.start)
        text = self.ws.document.text
        more = f" ({len(self.candidates)} possible; Tab for the next)" if len(self.candidates) > 1 else ""
        self.ws.message.emit(f"Link {kind.name}: {quoted(text[head.start:head.end])} → {quoted(text[child.start:child.end])}"
                             f"{more}. Enter links, Esc cancels.")

    def commit(self) -> None:
        head, child, kind = self.ends()
        self._end()
        self.ws.link(head, child, kind.name)

    def cancel(self, message: str = "") -> None:
        if self.active:
            self._end()
            if message:
                self.ws.message.emit(message)

    def _end(self) -> None:
        anchor = self.anchor
        self.anchor, self.candidates = None, []
        self.ws.view.set_decorations(focus=None)
        self.ws.show_links_of(anchor.id if anchor is not None else None)
