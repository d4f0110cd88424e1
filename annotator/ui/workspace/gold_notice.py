"""GoldNotice: says once per document that editing an adjudicated document reopens its review."""
from __future__ import annotations

from annotator.services.adjudication import adjudicated_among
from annotator.services.changes import ProjectChanges
from annotator.services.project import ProjectStore


class GoldNotice:
    """Remembers whether the open document's gold was adjudicated, and whether the annotator was told."""

    def __init__(self, store: ProjectStore) -> None:
        self._store = store
        self._adjudicated: set[int] = set()
        self._told: set[int] = set()

    def opened(self, document_id: int) -> None:
        """Note whether `document_id` is adjudicated now, before any edit of this annotator."""
        self._adjudicated.discard(document_id)
        if adjudicated_among(self._store, [document_id]):
            self._adjudicated.add(document_id)

    def after(self, changes: ProjectChanges) -> str | None:
        """The one message to show after the first range or label edit of an adjudicated document."""
        doc = changes.document_id
        if doc not in self._adjudicated or doc in self._told or not _touches_units(changes):
            return None
        if adjudicated_among(self._store, [doc]):  # a note or unsure flag changes no unit
            return None
        self._told.add(doc)
        return ("This document was adjudicated: your change reopens review of the units it touches "
                "(the reviewer decides them again).")


def _touches_units(changes: ProjectChanges) -> bool:
    return bool(changes.added or changes.removed or changes.updated)
