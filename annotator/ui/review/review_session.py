"""ReviewSession: the reviewer's open document, its disagreement units, the current unit, undo.

Slots call the Adjudication service through the write queue (a decision made while another
program writes waits and lands in order) and push an undo command holding the ReviewChange it
returned; its ProjectChanges go out on the window's change channel. "Edit then accept" keeps a draft of the
unit's spans that the reviewer shapes with label keys before accepting it.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoGroup, QUndoStack

from annotator.core.errors import AnnotatorError, BusyError
from annotator.core.model import GOLD, Document, Span
from annotator.core.snapping import TokenIndex
from annotator.core.wording import plural
from annotator.core.units import Unit, UnitKind
from annotator.services.adjudication import Adjudication, QueueEntry, ReviewChange
from annotator.services.project import ProjectStore
from annotator.ui.base.change_channel import ChangeChannel
from annotator.ui.base.write_queue import PendingWrites

Triple = tuple[int, int, str]
DRAFT = "draft"  # annotator name shown on the spans of an edit in progress
OUTDATED = f"{GOLD} (outdated: decide the unit again)"  # shown for gold spans inside a reopened unit


class _ReviewStep(QUndoCommand):
    """One decision (or accept-all-unanimous) as an undoable step."""

    def __init__(self, text: str, change: ReviewChange, session: "ReviewSession") -> None:
        super().__init__(text)
        self._change, self._session, self._first = change, session, True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._session.replay(lambda: self._session.adjudication.redo(self._change), self, f"Redone: {self.text()}. ")

    def undo(self) -> None:
        self._session.replay(lambda: self._session.adjudication.undo(self._change), self, f"Undone: {self.text()}. ")


class ReviewSession(QObject):
    """State and actions of review mode for one reviewer over one project."""

    document_opened = Signal(object)  # Document
    units_changed = Signal()  # units, their decisions, or the shown spans changed
    unit_selected = Signal(int)  # index into units, -1 for none
    adjudicated = Signal(int)  # a document became adjudicated
    message = Signal(str)

    def __init__(self, store: ProjectStore, reviewer: str, parent: QObject | None = None,
                 channel: ChangeChannel | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.channel = channel if channel is not None else ChangeChannel(self)  # decisions are published here
        self.pending = PendingWrites(self._failed, self)  # decisions waiting for the write lock, in order
        self.pending.message.connect(self.message)
        self.adjudication = Adjudication(store, reviewer)
        self.document: Document | None = None
        self.units: list[Unit] = []
        self.current = -1
        self.chosen = False  # the reviewer picked the current unit (Tab, click), not the automatic advance
        self.draft: list[Triple] | None = None  # spans of "edit then accept", while editing
        self.undo_group = QUndoGroup(self)
        self._stacks: dict[int, QUndoStack] = {}
        self._tokens: dict[int, TokenIndex] = {}

    # -- reading ------------------------------------------------------------------------
    def queue(self) -> list[QueueEntry]:
        return self.adjudication.queue()

    def open_document(self, document_id: int) -> None:
        try:
            self.document = self.store.document(document_id)
        except AnnotatorError as exc:
            self.message.emit(str(exc))
            return
        self.draft = None
        self.undo_group.setActiveStack(self._stacks.setdefault(document_id, QUndoStack(self.undo_group)))
        if self.adjudication.settle(document_id):  # annotators may have changed their layers since
            self.adjudicated.emit(document_id)
        self.units = self.adjudication.units(document_id)
        self.document_opened.emit(self.document)
        self.select(self._first_open_unit(0), explicit=False)
        reviewer = self.adjudication.reviewer
        if any(reviewer in u.annotators for u in self.units):
            self.message.emit(f"You review as {reviewer}, one of this document's annotators: your own layer is "
                              "among the versions you judge (Review > Change Reviewer).")

    def reopen(self) -> None:
        """Read the open document again (annotators may have changed their layers meanwhile)."""
        if self.document is not None:
            self.open_document(self.document.id)

    def shown_spans(self) -> list[Span]:
        """What the article shows: every layer (gold included), equal spans once; while editing, the draft."""
        if self.document is None:
            return []
        if self.draft is not None:
            return [Span(self.document.id, s, e, label, annotator=DRAFT, id=-(i + 1))
                    for i, (s, e, label) in enumerate(self.draft)]
        merged: dict[Triple, Span] = {}
        reopened = [u for u in self.units if not u.decided]
        for span in self.store.spans(self.document.id):
            if span.annotator == GOLD and any(span.start < u.end and u.start < span.end for u in reopened):
                span = span.with_(annotator=OUTDATED)  # gold of a decision the annotators' changes outdated
            same = merged.get(span.key)  # one painted span per (range, label), naming everyone who made it
            merged[span.key] = span if same is None else same.with_(
                annotator=f"{same.annotator}, {span.annotator}", note=same.note or span.note,
                unsure=same.unsure or span.unsure)
        return list(merged.values())

    def unit(self) -> Unit | None:
        return self.units[self.current] if 0 <= self.current < len(self.units) else None

    def select(self, index: int, explicit: bool = True) -> None:
        """Make unit `index` current; `explicit`: the reviewer picked it, so a decision key may
        decide it again even if it is decided (the automatic advance never re-decides)."""
        self.draft = None
        self.current = index if 0 <= index < len(self.units) else -1
        self.chosen = explicit
        self.units_changed.emit()
        self.unit_selected.emit(self.current)

    def step(self, delta: int) -> None:
        if self.units:
            self.select((self.current + delta) % len(self.units) if self.current >= 0 else 0)

    def _first_open_unit(self, start: int) -> int:
        """The next undecided disagreement from `start` on (wrapping); agreed units ("A" takes
        them all at once) only when no disagreement is left open."""
        order = list(range(start, len(self.units))) + list(range(0, start))
        open_units = [i for i in order if not self.units[i].decided]
        disputed = [i for i in open_units if self.units[i].kind is not UnitKind.UNANIMOUS]
        return (disputed or open_units or [min(start, len(self.units) - 1)])[0]

    # -- deciding -----------------------------------------------------------------------
    def _decidable(self) -> Unit | None:
        """The current unit if a decision key may decide it: open, or decided but picked by the
        reviewer. With every unit decided the selection stays on the last one decided; a key
        pressed there (a miscount) must not replace that decision."""
        unit = self.unit()
        if unit is not None and unit.decided and not self.chosen:
            self.message.emit("Unit already decided: Ctrl+Z undoes it, or select it (Tab / Shift+Tab, "
                              "or click it in the units list) and press a key to decide it again.")
            return None
        return unit

    def choose(self, number: int) -> None:
        """Take the version of annotator `number` (1 = first by name: the same key in every unit)."""
        unit = self._decidable()
        if unit is None or not 1 <= number <= len(unit.annotators):
            return
        who = unit.annotators[number - 1]
        self._decide(f"take {who}", lambda: self.adjudication.take(unit.document_id, unit.key, who))

    def reject(self) -> None:
        unit = self._decidable()
        if unit is not None:
            self._decide("reject", lambda: self.adjudication.reject(unit.document_id, unit.key))

    def accept_unanimous(self) -> None:
        if self.document is not None:
            doc = self.document.id
            self._decide("accept all unanimous", lambda: self.adjudication.accept_unanimous(doc), advance=False)

    def begin_edit(self) -> None:
        unit = self._decidable()
        if unit is not None:
            self.draft = list(unit.candidates[0].spans)
            self.units_changed.emit()
            self.message.emit("Editing: select text and press a label key to add, Del removes, "
                              "Enter accepts, Esc cancels.")

    def edit_add(self, start: int, end: int, label: str) -> None:
        unit = self.unit()
        if self.draft is None or self.document is None or unit is None:
            return
        snapped = self._token_index().snap(start, end)
        if snapped is not None and not (unit.start <= snapped[0] and snapped[1] <= unit.end):
            self.message.emit(f"A reviewer's span stays inside its unit (characters {unit.start}–{unit.end}).")
            return
        if snapped is not None and (snapped[0], snapped[1], label) not in self.draft:
            self.draft.append((snapped[0], snapped[1], label))
            self.units_changed.emit()

    def edit_remove(self, draft_id: int | None) -> None:
        if self.draft is not None and draft_id is not None and draft_id < 0:
            del self.draft[-draft_id - 1]
            self.units_changed.emit()

    def accept_edit(self) -> None:
        unit, draft = self.unit(), self.draft
        if unit is None or draft is None:
            return
        self.draft = None
        self.message.emit("")
        self._decide("accept edit", lambda: self.adjudication.accept_edited(unit.document_id, unit.key, draft))

    def cancel_edit(self) -> None:
        if self.draft is not None:
            self.draft = None
            self.message.emit("")
            self.units_changed.emit()

    # -- plumbing -----------------------------------------------------------------------
    def _decide(self, text: str, action: Callable[[], ReviewChange], advance: bool = True) -> None:
        """Decide now, or as soon as another program's write has finished (errors: `_failed`)."""
        self.pending.submit(lambda: self._decide_now(text, action, advance))

    def _decide_now(self, text: str, action: Callable[[], ReviewChange], advance: bool) -> None:
        change = action()
        if not change:
            self.message.emit("Nothing to decide there.")
            return
        self.undo_group.activeStack().push(_ReviewStep(text, change, self))
        self._settled(change, advance, f"{text.capitalize()}: {plural(len(change.decisions), 'unit')} decided. ")

    def replay(self, action: Callable[[], ReviewChange], command: QUndoCommand, what: str = "") -> None:
        """Undo or redo of a step (called by the command), through the write queue."""
        self.pending.submit(lambda: self._replay_now(action, command, what))

    def _replay_now(self, action: Callable[[], ReviewChange], command: QUndoCommand, what: str) -> None:
        try:
            self._settled(action(), advance=False, what=what)
        except BusyError:
            raise  # the write queue tries again
        except AnnotatorError as exc:
            command.setObsolete(True)
            self._failed(str(exc))

    def _settled(self, change: ReviewChange, advance: bool, what: str = "") -> None:
        """A decision, or its undo or redo, is in the file: units, marks, queue and message follow at once."""
        if self.document is None or change.document_id != self.document.id:
            return
        current = self.current
        self.units = self.adjudication.units(self.document.id)
        self.channel.publish(change.project_changes)  # after the units are read again: listeners see the result
        self.select(self._first_open_unit(current) if advance else min(current, len(self.units) - 1), explicit=False)
        if change.adjudicated:
            self.adjudicated.emit(change.document_id)
            self.message.emit(f"{what}Document adjudicated: every unit is decided. Ctrl+Enter opens the next one.")
        else:
            left = sum(not u.decided for u in self.units)
            self.message.emit(f"{what}{plural(left, 'unit')} still open in this document.")

    def _failed(self, text: str) -> None:
        self.message.emit(text)
        if self.document is not None:
            self.units = self.adjudication.units(self.document.id)
            self.select(min(self.current, len(self.units) - 1), explicit=self.chosen)

    def _token_index(self) -> TokenIndex:
        assert self.document is not None
        if self.document.id not in self._tokens:
            from annotator.services.derived import token_pairs

            self._tokens[self.document.id] = TokenIndex(self.document.text, token_pairs(self.store, self.document))
        return self._tokens[self.document.id]


__all__ = ["ReviewSession", "DRAFT", "GOLD"]
