"""ProjectStore: one SQLite project file, read and written through sqlite-utils.

Every public write runs in its own `BEGIN IMMEDIATE` transaction and appends to the change
log in that same transaction, so a kill loses at most the action in flight. WAL mode lets a
second window read while one writes; spans carry a version so that an edit of a span another
process changed meanwhile fails loudly (ConflictError) instead of overwriting it.
"""
from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

import sqlite_utils
import sqlite_utils.plugins

# sqlite-utils scans every installed package's entry points for its plugins on the first
# Database() (0.4 to 0.7 s here, before the window can paint); the project file uses none.
if hasattr(sqlite_utils.plugins, "_plugins_loaded"):
    sqlite_utils.plugins._plugins_loaded = True

from annotator.core.errors import ConflictError, ProjectError, SpanError
from annotator.core.model import (Document, DocumentSummary, Label, NewArticle, Span, Status, normalise_name,
                                  text_sha256)
from annotator.storage import backups
from annotator.storage.migrations import APPLICATION_ID, LATEST, apply_migrations
from annotator.storage.project_file import (complete_project, create_project, immediate, is_created, is_half_made,
                                            now, open_fault)
from annotator.storage.search import MATCH_FUNCTION, match_expression, matches
from annotator.core.schema import Schema
from annotator.storage.schema_store import read_schema, write_schema

_SPAN_COLUMNS = (
    "s.id, s.document_id, a.name, s.start_offset, s.end_offset, s.label, s.attrs, s.note, "
    "s.unsure, s.version, s.updated_at, s.provenance"
)


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What one import batch changed."""

    documents_added: int = 0
    documents_existing: int = 0
    spans_added: int = 0


def _span(row: Sequence[Any]) -> Span:
    return Span(
        id=row[0], document_id=row[1], annotator=row[2], start=row[3], end=row[4], label=row[5],
        attrs=json.loads(row[6]) if row[6] != "{}" else {}, note=row[7], unsure=bool(row[8]), version=row[9], updated_at=row[10],
        provenance=json.loads(row[11]) if row[11] != "{}" else {},
    )


class ProjectStore:
    """The project file. Returns core values (Document, Span, Label), never rows."""

    def __init__(self, path: str | Path, *, create: bool = True) -> None:
        self.path = Path(path)
        if not create and not self.path.exists():
            raise ProjectError(f"{self.path}: no such project file")
        if self.path.exists() and self.path.is_dir():
            raise ProjectError(f"{self.path}: is a folder, not a project file")
        if self.path.exists() and not self.path.is_file():  # a FIFO or device: SQLite would wait on it forever
            raise ProjectError(f"{self.path}: is not a regular file, not a project file")
        if not create and self.path.exists() and self.path.stat().st_size == 0:
            raise ProjectError(f"{self.path}: is empty, not a project file")  # never turned into one by a read
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(str(self.path), timeout=15, isolation_level=None, check_same_thread=False)
        except (OSError, sqlite3.Error) as exc:  # a read-only folder, a file where a folder should be
            raise ProjectError(f"{self.path}: cannot be opened or created ({getattr(exc, 'strerror', None) or exc})"
                               ) from None
        conn.create_function(MATCH_FUNCTION, 3, matches, deterministic=True)  # search before indexing
        try:
            self._check_and_migrate(conn)
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise ProjectError(open_fault(self.path, exc)) from None
        except ProjectError:
            conn.close()
            raise
        self.db = sqlite_utils.Database(conn)
        self._annotator_ids: dict[str, int] = {}
        self.last_write: datetime | None = None  # when this connection last committed a change (UTC)

    # -- opening -----------------------------------------------------------------------
    def _check_and_migrate(self, conn: sqlite3.Connection) -> None:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        if app_id != APPLICATION_ID and (tables or version) and not is_half_made(conn, version, tables):
            raise ProjectError(f"{self.path}: is a SQLite file but not an annotator project")
        if version > LATEST:
            raise ProjectError(
                f"{self.path}: made by a newer version of the annotator (schema {version}, "
                f"this version reads up to {LATEST}); upgrade to open it"
            )
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: durable against app crashes
        conn.execute("PRAGMA foreign_keys = ON")
        if version == 0 and not tables:
            create_project(conn, str(self.path))
        elif version < LATEST:
            backups.take_backup(self.path, f"before-schema-{version}-to-{LATEST}", conn)
            apply_migrations(conn, version)
        if not is_created(conn):  # a file whose making an earlier version left unfinished
            complete_project(conn, str(self.path))

    def meta(self, key: str) -> str | None:
        """A value of the project's own metadata (creation time, samples added, ...)."""
        row = self.db.execute("SELECT value FROM project_meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction():
            self.db.execute("INSERT OR REPLACE INTO project_meta VALUES (?, ?)", (key, value))

    def backup(self, reason: str) -> "backups.Backup":
        """A consistent snapshot of this project in the user data folder (see storage.backups)."""
        return backups.take_backup(self.path, reason, self.db.conn)

    def restore_backup(self, backup: "backups.Backup") -> "backups.Backup":
        """Replace this project's content by `backup`; returns the backup taken of the state before."""
        safety = backups.restore_backup(self.path, self.db.conn, backup)
        self._annotator_ids.clear()  # ids of the restored file may differ: no cache outlives a restore
        return safety

    def set_busy_timeout(self, milliseconds: int) -> None:
        """How long a write waits for another process's write lock before BusyError (the window:
        short, so a keystroke never freezes it; commands: the default 15 s)."""
        self.db.conn.execute(f"PRAGMA busy_timeout = {int(milliseconds)}")

    @contextmanager
    def patient(self, milliseconds: int = 5000) -> Iterator[None]:
        """Writes inside wait up to `milliseconds` for the lock (a deliberate, rare action of the
        window, such as a schema change, while a background fill may be writing), then as before."""
        before = self.db.conn.execute("PRAGMA busy_timeout").fetchone()[0]
        self.set_busy_timeout(max(before, milliseconds))
        try:
            yield
        finally:
            self.set_busy_timeout(before)

    def close(self) -> None:
        self.db.conn.close()

    def __enter__(self) -> "ProjectStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        return self.db.conn.execute("PRAGMA user_version").fetchone()[0]

    @contextmanager
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        """One write transaction; nested calls become savepoints of the outer one."""
        if self.db.conn.in_transaction:
            with self.db.atomic():
                yield self.db
        else:
            before = self.db.conn.total_changes
            with immediate(self.db.conn, str(self.path)):
                yield self.db
            if self.db.conn.total_changes != before:  # committed and changed something
                self.last_write = datetime.now(timezone.utc)

    def log(self, annotator: str, action: str, document_id: int | None = None,
            span_id: int | None = None, **payload: Any) -> None:
        """Append to the change log; call inside the transaction of the change itself."""
        self.db.execute(
            "INSERT INTO changes (at, annotator, action, document_id, span_id, payload) VALUES (?, ?, ?, ?, ?, ?)",
            (now(), annotator, action, document_id, span_id, json.dumps(payload, ensure_ascii=False)),
        )

    # -- labels and annotators -----------------------------------------------------------
    def labels(self) -> list[Label]:
        rows = self.db.query("SELECT name, colour, key, description, guideline FROM labels ORDER BY position, name")
        return [Label(r["name"], r["colour"], r["key"], r["description"], r["guideline"]) for r in rows]

    def schema(self) -> Schema:
        """Labels, attributes, relation types and vague quantities as stored in this project."""
        return read_schema(self.db.conn)

    def label_names(self) -> set[str]:
        return {r["name"] for r in self.db.query("SELECT name FROM labels")}

    def annotators(self) -> list[str]:
        return [r["name"] for r in self.db.query("SELECT name FROM annotators ORDER BY name")]

    def annotator_id(self, name: str, *, create: bool = True) -> int:
        """Id of the annotator called `name` (normalised as every name is), created on first use.

        Only ids read outside a transaction are cached: one created or read inside a
        transaction that is then rolled back (a failed first edit, a full disk) must not outlive it."""
        try:
            name = normalise_name(name)
        except SpanError as exc:
            raise ProjectError(str(exc)) from None
        if name in self._annotator_ids:
            return self._annotator_ids[name]
        row = self.db.execute("SELECT id FROM annotators WHERE name = ?", (name,)).fetchone()
        if row is None:
            if not create:
                raise ProjectError(f"{self.path}: no annotator called {name!r}")
            with self.transaction():
                self.db.execute("INSERT OR IGNORE INTO annotators (name, created_at) VALUES (?, ?)", (name, now()))
                self.log(name, "add_annotator")
                row = self.db.execute("SELECT id FROM annotators WHERE name = ?", (name,)).fetchone()
        if not self.db.conn.in_transaction:
            self._annotator_ids[name] = row[0]
        return row[0]

    # -- documents ----------------------------------------------------------------------
    def import_articles(self, articles: Sequence[NewArticle], annotator: str | None = None,
                        source_file: str = "") -> ImportResult:
        """Store a batch of articles (identical texts once) and their spans, in one transaction."""
        if not articles:
            return ImportResult()
        ann_id = self.annotator_id(annotator) if annotator else None
        stamp = now()
        by_sha = {text_sha256(a.text): a for a in articles}
        with self.transaction():
            cur = self.db.conn.executemany(
                "INSERT OR IGNORE INTO documents (sha256, text, title, source, meta, imported_at, text_length, lang)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, coalesce(nullif(?, ''), (SELECT value FROM project_meta"
                " WHERE key = 'default_language'), 'en'))",  # no language chosen: the project's default
                ((sha, a.text, a.title, a.source, json.dumps(a.meta, ensure_ascii=False), stamp, len(a.text),
                  a.lang) for sha, a in by_sha.items()))
            added = max(cur.rowcount, 0)  # rows this statement inserted, not what triggers did
            spans_added = 0
            if ann_id is not None and any(a.spans for a in articles):
                spans_added = self._insert_spans(by_sha, ann_id, stamp)
            self.log(annotator or "", "import", file=source_file, documents_added=added,
                     documents=len(by_sha), spans_added=spans_added)
        return ImportResult(added, len(by_sha) - added, spans_added)

    def _insert_spans(self, by_sha: dict[str, NewArticle], ann_id: int, stamp: str) -> int:
        """Every span of a batch in one statement per document batch: the gold-reopening triggers
        then run inside one statement instead of one Python round trip per span."""
        ids = self._ids_by_sha([sha for sha, a in by_sha.items() if a.spans])
        rows = [[ids[sha], s, e, label] for sha, a in by_sha.items() if a.spans for s, e, label in a.spans]
        cur = self.db.execute(
            "INSERT OR IGNORE INTO spans (document_id, annotator_id, start_offset, end_offset, label,"
            " created_at, updated_at) SELECT j.value ->> 0, ?, j.value ->> 1, j.value ->> 2, j.value ->> 3, ?, ?"
            " FROM json_each(?) j", (ann_id, stamp, stamp, json.dumps(rows, ensure_ascii=False)))
        return max(cur.rowcount, 0)

    def _ids_by_sha(self, shas: list[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        for i in range(0, len(shas), 500):
            chunk = shas[i:i + 500]
            marks = ",".join("?" * len(chunk))
            out.update(self.db.execute(f"SELECT sha256, id FROM documents WHERE sha256 IN ({marks})", chunk).fetchall())
        return out

    def document(self, document_id: int) -> Document:
        row = self.db.execute(
            "SELECT id, text, title, sha256, source, meta, imported_at, lang FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        if row is None:
            raise ProjectError(f"{self.path}: no document {document_id}")
        return Document(row[0], row[1], row[2], row[3], row[4], json.loads(row[5]), row[6], row[7])

    def document_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM documents").fetchone()[0]

    def iter_documents(self, ids: Iterable[int] | None = None) -> Iterator[Document]:
        """Stream documents in id order without holding the corpus in memory."""
        if ids is not None:
            for i in ids:
                yield self.document(i)
            return
        last = 0
        while True:
            rows = self.db.execute(
                "SELECT id, text, title, sha256, source, meta, imported_at, lang FROM documents WHERE id > ? "
                "ORDER BY id LIMIT 256", (last,)).fetchall()
            if not rows:
                return
            for r in rows:
                yield Document(r[0], r[1], r[2], r[3], r[4], json.loads(r[5]), r[6], r[7])
            last = rows[-1][0]

    def summaries(self, annotator: str, status: Status | None = None, search: str = "",
                  document_id: int | None = None) -> list[DocumentSummary]:
        """The document list of one annotator: title, length, their status and span count."""
        ids = [document_id] if document_id is not None else self.document_ids(annotator, status, search)
        rows = self.summaries_of(annotator, ids)
        if document_id is not None and status is not None:
            rows = [r for r in rows if r.status is status]
        return rows

    def document_ids(self, annotator: str, status: Status | None = None, search: str = "") -> list[int]:
        """Ids (ascending) of the documents whose status for `annotator` is `status` and that
        match `search` (every word as the start of a word, folded for case and accents).

        Reads indexes only (ids, statuses, the search index; the texts of documents still
        waiting to be indexed), and hands the ids over as one JSON array: 100,000 in ~15 ms."""
        params: dict[str, Any] = {"a": self.annotator_id(annotator)}
        source = "SELECT id FROM documents INDEXED BY documents_list"
        if search.strip():
            expression = match_expression(search)
            if expression is None:
                return []
            source = ("SELECT rowid AS id FROM documents_fts WHERE documents_fts MATCH :q UNION"
                      " SELECT p.document_id FROM search_pending p CROSS JOIN documents t ON t.id = p.document_id"
                      f" WHERE {MATCH_FUNCTION}(t.title, t.text, :words)")
            params.update(q=expression, words=search)
        where = ""
        if status is Status.TODO:
            where = " WHERE id NOT IN (SELECT document_id FROM statuses WHERE annotator_id = :a AND status != 'todo')"
        elif status is not None:
            where = " WHERE id IN (SELECT document_id FROM statuses WHERE annotator_id = :a AND status = :status)"
            params["status"] = status.value
        sql = f"SELECT json_group_array(id) FROM (SELECT id FROM ({source}){where} ORDER BY id)"
        return json.loads(self.db.execute(sql, params).fetchone()[0])

    def summaries_of(self, annotator: str, ids: Sequence[int]) -> list[DocumentSummary]:
        """Summaries of the documents `ids`, in that order (a page of the list: indexed columns only)."""
        ann = self.annotator_id(annotator)
        found: dict[int, DocumentSummary] = {}
        for i in range(0, len(ids), 500):
            chunk = list(ids[i:i + 500])
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(
                "SELECT d.id, d.title, d.text_length, coalesce(st.status, 'todo'),"
                " (SELECT count(*) FROM spans s WHERE s.annotator_id = ? AND s.document_id = d.id), d.lang"
                " FROM documents d LEFT JOIN statuses st ON st.document_id = d.id AND st.annotator_id = ?"
                f" WHERE d.id IN ({marks})", (ann, ann, *chunk))
            found.update((r[0], DocumentSummary(r[0], r[1], r[2], Status(r[3]), r[4], r[5])) for r in rows)
        return [found[i] for i in ids if i in found]

    def next_document(self, annotator: str, after_id: int, statuses: Sequence[Status] = (Status.TODO,
                      Status.IN_PROGRESS), assigned: bool = False) -> int | None:
        """The first document after `after_id` (wrapping round) whose status is one of `statuses`;
        with `assigned`, only among the documents assigned to `annotator`."""
        ann = self.annotator_id(annotator)
        marks = ",".join("?" * len(statuses))
        mine = " AND d.id IN (SELECT document_id FROM assignments WHERE annotator_id = ?)" if assigned else ""
        sql = ("SELECT d.id FROM documents d LEFT JOIN statuses st ON st.document_id = d.id AND st.annotator_id = ?"
               f" WHERE coalesce(st.status, 'todo') IN ({marks}){mine} AND d.id {{}} ? ORDER BY d.id LIMIT 1")
        values = [s.value for s in statuses] + ([ann] if assigned else [])
        for op in (">", "<"):
            row = self.db.execute(sql.format(op), (ann, *values, after_id)).fetchone()
            if row:
                return row[0]
        return None

    def summary(self, document_id: int, annotator: str) -> DocumentSummary | None:
        rows = self.summaries(annotator, document_id=document_id)
        return rows[0] if rows else None

    # -- statuses -----------------------------------------------------------------------
    def status(self, document_id: int, annotator: str) -> Status:
        row = self.db.execute(
            "SELECT status FROM statuses WHERE document_id = ? AND annotator_id = ?",
            (document_id, self.annotator_id(annotator))).fetchone()
        return Status(row[0]) if row else Status.TODO

    def set_status(self, document_id: int, annotator: str, status: Status) -> None:
        ann = self.annotator_id(annotator)
        with self.transaction():
            self.db.execute(
                "INSERT INTO statuses VALUES (?, ?, ?, ?) ON CONFLICT (document_id, annotator_id)"
                " DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at",
                (document_id, ann, status.value, now()))
            self.log(annotator, "status", document_id, status=status.value)

    # -- spans --------------------------------------------------------------------------
    def spans(self, document_id: int, annotator: str | None = None) -> list[Span]:
        """Spans of one document: one annotator's layer, or every layer when None."""
        sql = (f"SELECT {_SPAN_COLUMNS} FROM spans s JOIN annotators a ON a.id = s.annotator_id"
               " WHERE s.document_id = ?")
        params: list[Any] = [document_id]
        if annotator is not None:
            sql += " AND s.annotator_id = ?"
            params.append(self.annotator_id(annotator))
        rows = self.db.execute(sql + " ORDER BY s.start_offset, s.end_offset, s.label", params).fetchall()
        return [_span(r) for r in rows]

    def span(self, span_id: int) -> Span | None:
        row = self.db.execute(
            f"SELECT {_SPAN_COLUMNS} FROM spans s JOIN annotators a ON a.id = s.annotator_id WHERE s.id = ?",
            (span_id,)).fetchone()
        return _span(row) if row else None

    def add_span(self, span: Span) -> Span:
        """Store a new span of `span.annotator`; returns it with id and version."""
        doc = self.db.execute("SELECT length(text) FROM documents WHERE id = ?", (span.document_id,)).fetchone()
        if doc is None:
            raise SpanError(f"no document {span.document_id} for span [{span.start}, {span.end})")
        span.check_within(doc[0])
        if span.label not in self.label_names():
            raise SpanError(f"unknown label {span.label!r} for span [{span.start}, {span.end})")
        ann = self.annotator_id(span.annotator)
        stamp = now()
        with self.transaction():
            try:
                cur = self.db.execute(
                    "INSERT INTO spans (document_id, annotator_id, start_offset, end_offset, label, attrs, note,"
                    " unsure, created_at, updated_at, provenance) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (span.document_id, ann, span.start, span.end, span.label,
                     json.dumps(dict(span.attrs), ensure_ascii=False), span.note, int(span.unsure), stamp, stamp,
                     json.dumps(dict(span.provenance), ensure_ascii=False)))
            except sqlite3.IntegrityError:
                raise ConflictError(
                    f"document {span.document_id} already has {span.label} [{span.start}, {span.end}) "
                    f"by {span.annotator}") from None
            self.log(span.annotator, "add_span", span.document_id, cur.lastrowid,
                     start=span.start, end=span.end, label=span.label)
            self._touch_status(span.document_id, ann)
        return span.with_(id=cur.lastrowid, version=1, updated_at=stamp)

    def update_span(self, span: Span, **changes: Any) -> Span:
        """Change start, end, label, note, unsure, attrs or provenance of a stored span (optimistic check)."""
        allowed = {"start": "start_offset", "end": "end_offset", "label": "label", "note": "note",
                   "unsure": "unsure", "attrs": "attrs", "provenance": "provenance"}
        unknown = set(changes) - set(allowed)
        if unknown:
            raise SpanError(f"cannot change {', '.join(sorted(unknown))} of a span")
        new = span.with_(**changes)  # validates the new range
        doc_len = self.db.execute("SELECT length(text) FROM documents WHERE id = ?", (span.document_id,)).fetchone()[0]
        new.check_within(doc_len)
        if new.label not in self.label_names():
            raise SpanError(f"unknown label {new.label!r}")
        values = {allowed[k]: (json.dumps(dict(v), ensure_ascii=False) if k in ("attrs", "provenance") else
                               int(v) if k == "unsure" else v) for k, v in changes.items()}
        stamp = now()
        sets = ", ".join(f"{col} = ?" for col in values)
        with self.transaction():
            try:
                cur = self.db.execute(
                    f"UPDATE spans SET {sets}, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
                    (*values.values(), stamp, span.id, span.version))
            except sqlite3.IntegrityError:
                raise ConflictError(f"{new.label} [{new.start}, {new.end}) exists already in this layer") from None
            if cur.rowcount != 1:
                raise ConflictError(
                    f"span {span.id} ({span.label} [{span.start}, {span.end})) of document {span.document_id} "
                    "was changed or removed in another window; reload the document")
            self.log(span.annotator, "update_span", span.document_id, span.id,
                     **{k: (dict(v) if k in ("attrs", "provenance") else v) for k, v in changes.items()})
        return new.with_(version=span.version + 1, updated_at=stamp)

    def restore_span(self, span: Span) -> Span:
        """Put back a deleted span under its old id (undo of a delete, redo of an add)."""
        if span.id is None:
            return self.add_span(span)
        ann = self.annotator_id(span.annotator)
        stamp = now()
        with self.transaction():
            try:
                self.db.execute(
                    "INSERT INTO spans (id, document_id, annotator_id, start_offset, end_offset, label, attrs, note,"
                    " unsure, created_at, updated_at, provenance) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (span.id, span.document_id, ann, span.start, span.end, span.label,
                     json.dumps(dict(span.attrs), ensure_ascii=False), span.note, int(span.unsure), stamp, stamp,
                     json.dumps(dict(span.provenance), ensure_ascii=False)))
            except sqlite3.IntegrityError:
                raise ConflictError(
                    f"cannot restore {span.label} [{span.start}, {span.end}) of document {span.document_id}: "
                    "an equal span exists already (added in another window?)") from None
            self.log(span.annotator, "restore_span", span.document_id, span.id,
                     start=span.start, end=span.end, label=span.label)
        return span.with_(version=1, updated_at=stamp)

    def delete_span(self, span: Span) -> None:
        with self.transaction():
            cur = self.db.execute("DELETE FROM spans WHERE id = ? AND version = ?", (span.id, span.version))
            if cur.rowcount != 1:
                raise ConflictError(
                    f"span {span.id} ({span.label} [{span.start}, {span.end})) of document {span.document_id} "
                    "was changed or removed in another window; reload the document")
            self.log(span.annotator, "delete_span", span.document_id, span.id,
                     start=span.start, end=span.end, label=span.label)

    def _touch_status(self, document_id: int, annotator_id: int) -> None:
        """A first span moves a document from todo to in progress."""
        self.db.execute(
            "INSERT OR IGNORE INTO statuses VALUES (?, ?, 'in_progress', ?)", (document_id, annotator_id, now()))

    # -- reporting ----------------------------------------------------------------------
    def status_counts(self, annotator: str, total: int | None = None) -> dict[str, int]:
        """Documents per status for one annotator; documents never touched count as todo."""
        total = self.document_count() if total is None else total
        rows = self.db.execute("SELECT status, count(*) FROM statuses WHERE annotator_id = ? GROUP BY status",
                               (self.annotator_id(annotator),)).fetchall()
        counts = {s.value: dict(rows).get(s.value, 0) for s in Status}
        counts["todo"] = total - sum(v for k, v in counts.items() if k != "todo")
        return counts

    def stats(self) -> dict[str, Any]:
        q = self.db.execute
        by_status: dict[str, dict[str, int]] = {}
        total = self.document_count()
        for name in self.annotators():
            by_status[name] = self.status_counts(name, total)
        return {
            "project": str(self.path),
            "schema_version": self.schema_version,
            "documents": total,
            "spans": q("SELECT count(*) FROM spans").fetchone()[0],
            "by_label": dict(q("SELECT label, count(*) FROM spans GROUP BY label ORDER BY label").fetchall()),
            "by_annotator": dict(q("SELECT a.name, count(s.id) FROM annotators a LEFT JOIN spans s"
                                   " ON s.annotator_id = a.id GROUP BY a.name ORDER BY a.name").fetchall()),
            "status": by_status,
        }
