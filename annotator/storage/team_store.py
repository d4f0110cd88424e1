"""The team's tables: assignments, the project's team id and bundle marks, active time per document."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Iterable, Mapping, Sequence

from annotator.core.model import GOLD
from annotator.storage.project_store import ProjectStore, now

TEAM_ID = "team_id"  # project_meta: this coordinator project's id, made on first assignment
BUNDLE_OF = "bundle_of"  # project_meta of a bundle: the team id of the project it came from
BUNDLE_ANNOTATOR = "bundle_annotator"  # project_meta of a bundle: whose it is


@dataclass(frozen=True, slots=True)
class ActivityStretch:
    """One stretch of active work on a document (seconds of an open document in an active window)."""

    id: str
    document_id: int
    annotator: str
    started_at: str
    seconds: float


def team_id(store: ProjectStore, *, create: bool = False) -> str | None:
    """This project's team id (a random id), made when `create` and it has none."""
    value = store.meta(TEAM_ID)
    if value is None and create:
        value = uuid.uuid4().hex
        store.set_meta(TEAM_ID, value)
    return value


def bundle_mark(store: ProjectStore) -> tuple[str, str] | None:
    """(coordinator team id, annotator) when this project is an annotator's bundle, else None."""
    of, name = store.meta(BUNDLE_OF), store.meta(BUNDLE_ANNOTATOR)
    return (of, name) if of and name else None


def assignments(store: ProjectStore) -> dict[int, tuple[str, ...]]:
    """Document id -> the annotators it is assigned to (sorted)."""
    out: dict[int, list[str]] = {}
    for doc, name in store.db.execute(
            "SELECT s.document_id, a.name FROM assignments s JOIN annotators a ON a.id = s.annotator_id"
            " ORDER BY s.document_id, a.name"):
        out.setdefault(doc, []).append(name)
    return {doc: tuple(names) for doc, names in out.items()}


def assigned_ids(store: ProjectStore, annotator: str) -> list[int]:
    """Ids (ascending) of the documents assigned to `annotator`."""
    row = store.db.execute("SELECT id FROM annotators WHERE name = ?", (annotator,)).fetchone()
    if row is None:
        return []
    return [r[0] for r in store.db.execute(
        "SELECT document_id FROM assignments WHERE annotator_id = ? ORDER BY document_id", (row[0],))]


def record_assignments(store: ProjectStore, new: Mapping[int, Sequence[str]], batch: int | None = None) -> int:
    """Store `new` (document -> annotators) as one assign run; earlier rows are never touched. Returns the batch."""
    with store.transaction():
        if batch is None:
            batch = store.db.execute("SELECT coalesce(max(batch), 0) + 1 FROM assignments").fetchone()[0]
        stamp = now()
        rows = [(doc, store.annotator_id(name), batch, stamp) for doc, names in sorted(new.items()) for name in names]
        store.db.conn.executemany("INSERT OR IGNORE INTO assignments VALUES (?, ?, ?, ?)", rows)
        store.log("", "assign", batch=batch, documents=len(new), rows=len(rows))
    return batch


def all_document_ids(store: ProjectStore) -> list[int]:
    return [r[0] for r in store.db.execute("SELECT id FROM documents ORDER BY id")]


def last_batch(store: ProjectStore) -> int:
    """The number of the latest assign run (0: none yet)."""
    return store.db.execute("SELECT coalesce(max(batch), 0) FROM assignments").fetchone()[0]


def statuses_of(store: ProjectStore, pairs: Iterable[tuple[int, str]]) -> dict[tuple[int, str], str]:
    """(document, annotator) -> status ('todo' when none) for each pair asked."""
    found = {(doc, name): status for doc, name, status in store.db.execute(
        "SELECT st.document_id, a.name, st.status FROM statuses st JOIN annotators a ON a.id = st.annotator_id")}
    return {pair: found.get(pair, "todo") for pair in pairs}


def documents_done_by_anyone(store: ProjectStore) -> set[int]:
    """Documents some annotator (gold included) has marked done."""
    return {r[0] for r in store.db.execute("SELECT DISTINCT document_id FROM statuses WHERE status = 'done'")}


def span_counts(store: ProjectStore) -> dict[str, int]:
    """Spans per annotator (gold left out)."""
    return dict(store.db.execute(
        "SELECT a.name, count(*) FROM spans s JOIN annotators a ON a.id = s.annotator_id WHERE a.name != ?"
        " GROUP BY a.name", (GOLD,)).fetchall())


# -- active time ------------------------------------------------------------------------
def start_stretch(store: ProjectStore, document_id: int, annotator: str) -> str:
    """A new stretch of work with no time yet; returns its id (time is added by `set_stretch_seconds`)."""
    stretch = uuid.uuid4().hex
    ann = store.annotator_id(annotator)
    with store.transaction():
        store.db.execute("INSERT INTO activity VALUES (?, ?, ?, ?, 0)", (stretch, document_id, ann, now()))
    return stretch


def set_stretch_seconds(store: ProjectStore, stretch: str, seconds: float) -> None:
    """The stretch's active seconds so far (it only grows: a value below the stored one is ignored)."""
    with store.transaction():
        store.db.execute("UPDATE activity SET seconds = max(seconds, ?) WHERE id = ?", (float(seconds), stretch))


def active_seconds(store: ProjectStore, annotator: str | None = None) -> dict[tuple[int, str], float]:
    """(document, annotator) -> active seconds in all, for one annotator or everyone."""
    sql = ("SELECT t.document_id, a.name, sum(t.seconds) FROM activity t JOIN annotators a ON a.id = t.annotator_id"
           " {} GROUP BY t.document_id, a.name")
    rows = (store.db.execute(sql.format("WHERE a.name = ?"), (annotator,)) if annotator is not None
            else store.db.execute(sql.format("")))
    return {(doc, name): seconds for doc, name, seconds in rows}


def stretches(store: ProjectStore) -> list[ActivityStretch]:
    return [ActivityStretch(*r) for r in store.db.execute(
        "SELECT t.id, t.document_id, a.name, t.started_at, t.seconds FROM activity t"
        " JOIN annotators a ON a.id = t.annotator_id ORDER BY t.started_at, t.id")]


def add_stretches(store: ProjectStore, rows: Iterable[ActivityStretch]) -> int:
    """Stretches from another file (document ids already local); a stretch known by id keeps the longer time."""
    added = 0
    for row in rows:
        before = store.db.conn.total_changes
        store.db.execute(
            "INSERT INTO activity VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET seconds = excluded.seconds"
            " WHERE excluded.seconds > activity.seconds",
            (row.id, row.document_id, store.annotator_id(row.annotator), row.started_at, row.seconds))
        added += store.db.conn.total_changes - before
    return added
