"""Note threads: replies on a span (by its layer, range and label) or on a document, with author and time."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Iterable

from annotator.storage.project_store import ProjectStore, now

_COLUMNS = ("n.id, n.document_id, a.name, n.start_offset, n.end_offset, n.label, n.author, n.written_at, n.text")


@dataclass(frozen=True, slots=True)
class NoteEntry:
    """One entry of a thread. start/end/label are None for a note on the document itself."""

    id: str
    document_id: int
    layer: str  # the annotator whose span (or document status) the thread hangs on
    start: int | None
    end: int | None
    label: str | None
    author: str
    written_at: str
    text: str

    @property
    def anchor(self) -> tuple[int, str, int | None, int | None, str | None]:
        return (self.document_id, self.layer, self.start, self.end, self.label)


def add_entry(store: ProjectStore, document_id: int, layer: str, span: tuple[int, int, str] | None,
              author: str, text: str) -> NoteEntry:
    """Append an entry to the thread of `span` (start, end, label) of `layer`, or of the document when None."""
    start, end, label = span if span is not None else (None, None, None)
    entry = NoteEntry(uuid.uuid4().hex, document_id, layer, start, end, label, author, now(), text)
    with store.transaction():
        store.db.execute("INSERT INTO note_entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                         (entry.id, document_id, store.annotator_id(layer), start, end, label, author,
                          entry.written_at, text))
        store.log(author, "note_reply", document_id, layer=layer, start=start, end=end, label=label)
    return entry


def entries(store: ProjectStore, document_id: int | None = None, layer: str | None = None) -> list[NoteEntry]:
    """Thread entries, oldest first, of one document and/or layer (None: all)."""
    where, params = [], []
    if document_id is not None:
        where.append("n.document_id = ?")
        params.append(document_id)
    if layer is not None:
        where.append("a.name = ?")
        params.append(layer)
    sql = (f"SELECT {_COLUMNS} FROM note_entries n JOIN annotators a ON a.id = n.layer_id"
           + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY n.written_at, n.rowid")  # ids are random: ties go by insertion
    return [NoteEntry(*r) for r in store.db.execute(sql, params)]


def add_entries(store: ProjectStore, rows: Iterable[NoteEntry]) -> int:
    """Entries from another file (document ids already local); an entry known by id is not added twice."""
    added = 0
    for e in rows:
        cur = store.db.execute("INSERT OR IGNORE INTO note_entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               (e.id, e.document_id, store.annotator_id(e.layer), e.start, e.end, e.label,
                                e.author, e.written_at, e.text))
        added += max(cur.rowcount, 0)
    return added
