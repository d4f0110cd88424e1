"""Undoable edits: each command calls the labelling service and hands back its ProjectChanges.

A command's first redo is the action the user just took (done before pushing, so that an
error never leaves a half-made command on the stack). Spans keep their ids across undo and
redo (the store restores deleted spans under their old id), so later commands stay valid.
"""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtGui import QUndoCommand

from annotator.core.errors import AnnotatorError
from annotator.core.model import Span
from annotator.core.relation import Relation
from annotator.services.changes import ProjectChanges
from annotator.services.labelling import LabellingService

Apply = Callable[[ProjectChanges], None]  # the workspace's refresh
Report = Callable[[str], None]  # the workspace's one place for errors


class _Command(QUndoCommand):
    def __init__(self, text: str, service: LabellingService, apply: Apply, report: Report) -> None:
        super().__init__(text)
        self._service, self._apply, self._report = service, apply, report
        self._first = True

    def _run(self, action: Callable[[], ProjectChanges]) -> None:
        try:
            self._apply(action())
        except AnnotatorError as exc:
            self._report(str(exc))
            self.setObsolete(True)  # another window changed the span: this step cannot be replayed


class SpansAddedOrDeleted(_Command):
    """Spans that were added (label, label all matches) or deleted: each undoes the other."""

    def __init__(self, spans: tuple[Span, ...], added: bool, service: LabellingService, apply: Apply,
                 report: Report, relations: tuple[Relation, ...] = ()) -> None:
        what = f"{spans[0].label} ×{len(spans)}" if len(spans) > 1 else spans[0].label
        super().__init__(f"{'label' if added else 'delete'} {what}", service, apply, report)
        self._spans, self._added = list(spans), added
        self._relations = relations  # links a deletion took along, put back with the spans

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._run(lambda: self._put_back() if self._added else self._service.delete(self._spans, "fields"))

    def undo(self) -> None:
        self._run(lambda: self._service.delete(self._spans, "fields") if self._added else self._put_back())

    def _put_back(self) -> ProjectChanges:
        return self._service.restore(self._spans, self._relations)


class LinksAddedOrDeleted(_Command):
    """Links that were made or deleted: each undoes the other."""

    def __init__(self, relations: tuple[Relation, ...], added: bool, service: LabellingService, apply: Apply,
                 report: Report) -> None:
        super().__init__(f"{'link' if added else 'unlink'} {relations[0].label}", service, apply, report)
        self._relations, self._added = relations, added

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._run(lambda: self._service.relink(self._relations) if self._added else self._unlink())

    def undo(self) -> None:
        self._run(lambda: self._unlink() if self._added else self._service.relink(self._relations))

    def _unlink(self) -> ProjectChanges:
        current = {r.id: r for r in self._service.relations(self._relations[0].document_id)}
        return self._service.unlink([current.get(r.id, r) for r in self._relations])


class SpanUpdated(_Command):
    """Relabel, resize, note or unsure flag: the fields before and after."""

    def __init__(self, text: str, span: Span, before: dict[str, Any], after: dict[str, Any],
                 service: LabellingService, apply: Apply, report: Report) -> None:
        super().__init__(text, service, apply, report)
        self._span, self._before, self._after = span, before, after

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._run(lambda: self._service.update(self._span, expected=self._before, **self._after))

    def undo(self) -> None:
        self._run(lambda: self._service.update(self._span, expected=self._after, **self._before))
