"""ProjectChanges: the one value every use case returns to say what it changed in the project.

A label keystroke fills the span fields of one document; a review decision its gold; an import
or merge says documents arrived; the schema editor says labels changed. Views receive it on one
channel and pick what concerns them (`touches_spans`, `touches_document`, ...).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Iterable

from annotator.core.model import Span, Status
from annotator.core.relation import Relation


LANGUAGE = "language"  # in `extra`: `document_id`'s language changed, so its tokens and rule suggestions did


@dataclass(frozen=True, slots=True)
class ProjectChanges:
    """What one action changed. The first fields are those of the old `Changes` value (one document's spans)."""

    document_id: int | None = None  # the one document an edit is about (None: project-wide news)
    added: tuple[Span, ...] = ()
    removed: tuple[Span, ...] = ()
    updated: tuple[Span, ...] = ()
    status: Status | None = None  # the new status of `document_id`
    relations_added: tuple[Relation, ...] = ()
    relations_removed: tuple[Relation, ...] = ()
    documents: bool = False  # documents or whole layers arrived or went (import, merge): lists re-read
    statuses: tuple[int, ...] = ()  # documents whose status changed (besides `document_id`'s `status`)
    gold: tuple[int, ...] = ()  # documents whose gold layer changed (review decisions, their undo)
    schema: bool = False  # attributes, relation types or rules of the schema changed
    labels: bool = False  # labels, keys or colours changed
    reread: bool = False  # the open document's layer may have changed on disk: read it again
    written: bool = True  # something reached the file (an import of nothing only asks for a re-read)
    initiator: str = ""  # who made it: "workspace", "review", "suggestions", "import", "merge", "schema", ...
    extra: tuple[str, ...] = field(default=())  # names of what a new panel's own service changed

    def by(self, initiator: str) -> "ProjectChanges":
        """The same changes, saying who made them."""
        return replace(self, initiator=initiator)

    @property
    def spans_changed(self) -> bool:
        return bool(self.added or self.removed or self.updated)

    @property
    def relations_changed(self) -> bool:
        return bool(self.relations_added or self.relations_removed)

    @property
    def project_wide(self) -> bool:
        """Lists, counts and every open view may be out of date (not only one document's layer)."""
        return self.documents or self.schema or self.labels

    def touches_document(self, document_id: int | None) -> bool:
        """Whether what `document_id` shows may have changed."""
        return document_id is not None and (
            self.project_wide or self.document_id == document_id or document_id in self.gold
            or document_id in self.statuses)

    def status_of(self) -> Iterable[int]:
        """Every document whose status row changed."""
        return ((self.document_id,) if self.status is not None and self.document_id is not None else ()) \
            + self.statuses


def arrived(results: object, initiator: str) -> ProjectChanges:
    """After an import (an ImportReport) or a merge (a list of MergeResult): lists re-read; `written`
    when anything reached the file."""
    items = results if isinstance(results, list) else [results]
    written = any(getattr(r, name, 0) for r in items for name in
                  ("documents_added", "spans_added", "layers_added", "layers_replaced", "labels_added"))
    return ProjectChanges(documents=True, reread=True, written=written, initiator=initiator)


def schema_changed(initiator: str = "schema") -> ProjectChanges:
    """The schema editor saved: labels, keys, colours and attributes may all be new."""
    return ProjectChanges(schema=True, labels=True, reread=True, initiator=initiator)


def reread(document_id: int | None, initiator: str = "reload") -> ProjectChanges:
    """Nothing known was written here; what `document_id` shows is read again (F5, another window)."""
    return ProjectChanges(document_id, reread=True, written=False, initiator=initiator)


__all__ = ["ProjectChanges", "LANGUAGE", "arrived", "schema_changed", "reread"]
