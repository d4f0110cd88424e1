"""Numbered schema migrations. Never edit a released one: add the next number instead."""
from __future__ import annotations

import sqlite3

APPLICATION_ID = 0x434E4154  # "CNAT": marks a SQLite file as one of our projects

MIGRATIONS: dict[int, str] = {
    1: """
    CREATE TABLE project_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        sha256 TEXT NOT NULL UNIQUE,
        text TEXT NOT NULL,
        title TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT '',
        meta TEXT NOT NULL DEFAULT '{}',
        imported_at TEXT NOT NULL
    );
    CREATE TABLE labels (
        name TEXT PRIMARY KEY,
        colour TEXT NOT NULL,
        key TEXT NOT NULL DEFAULT '',
        description TEXT NOT NULL DEFAULT '',
        guideline TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE annotators (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
    );
    CREATE TABLE spans (
        id INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: undo restores a span under its id
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        annotator_id INTEGER NOT NULL REFERENCES annotators(id),
        start_offset INTEGER NOT NULL,
        end_offset INTEGER NOT NULL,
        label TEXT NOT NULL REFERENCES labels(name) ON UPDATE CASCADE,
        attrs TEXT NOT NULL DEFAULT '{}',
        note TEXT NOT NULL DEFAULT '',
        unsure INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        CHECK (start_offset >= 0 AND end_offset > start_offset),
        UNIQUE (document_id, annotator_id, start_offset, end_offset, label)
    );
    CREATE INDEX spans_by_annotator ON spans(annotator_id, document_id);
    CREATE TABLE statuses (
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        annotator_id INTEGER NOT NULL REFERENCES annotators(id),
        status TEXT NOT NULL CHECK (status IN ('todo', 'in_progress', 'done', 'skipped')),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (document_id, annotator_id)
    );
    CREATE TABLE changes (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        annotator TEXT NOT NULL,
        action TEXT NOT NULL,
        document_id INTEGER,
        span_id INTEGER,
        payload TEXT NOT NULL DEFAULT '{}'
    );
    CREATE TRIGGER changes_no_update BEFORE UPDATE ON changes
        BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
    CREATE TRIGGER changes_no_delete BEFORE DELETE ON changes
        BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
    """,
    # 2: review. Adjudication decisions with their provenance and what they did to the gold
    # layer (JSON lists of spans), so each can be undone; and the time of each layer a merge
    # brought in, so merging the same file again is recognised as "not newer".
    2: """
    CREATE TABLE decisions (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        unit_start INTEGER NOT NULL,
        unit_end INTEGER NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('take', 'reject', 'edit', 'unanimous')),
        reviewer TEXT NOT NULL,
        decided_at TEXT NOT NULL,
        agreed TEXT NOT NULL DEFAULT '[]',
        added TEXT NOT NULL DEFAULT '[]',
        removed TEXT NOT NULL DEFAULT '[]',
        undone_at TEXT
    );
    CREATE INDEX decisions_by_unit ON decisions(document_id, unit_start, unit_end);
    CREATE TABLE merged_layers (
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        annotator_id INTEGER NOT NULL REFERENCES annotators(id),
        layer_time TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT '',
        PRIMARY KEY (document_id, annotator_id)
    );
    """,
    # An annotator's layer that changes after adjudication (an edit, a merge) reopens the
    # document's gold layer: its units may have changed, so it is no longer "adjudicated"
    # until review settles it again. Triggers, so that no path writing spans can forget it.
    3: """
    CREATE TRIGGER gold_reopens_on_insert AFTER INSERT ON spans
        WHEN NEW.annotator_id IS NOT (SELECT id FROM annotators WHERE name = 'gold')
        BEGIN
            UPDATE statuses SET status = 'in_progress', updated_at = strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')
            WHERE document_id = NEW.document_id AND status = 'done'
              AND annotator_id = (SELECT id FROM annotators WHERE name = 'gold');
        END;
    CREATE TRIGGER gold_reopens_on_delete AFTER DELETE ON spans
        WHEN OLD.annotator_id IS NOT (SELECT id FROM annotators WHERE name = 'gold')
        BEGIN
            UPDATE statuses SET status = 'in_progress', updated_at = strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')
            WHERE document_id = OLD.document_id AND status = 'done'
              AND annotator_id = (SELECT id FROM annotators WHERE name = 'gold');
        END;
    CREATE TRIGGER gold_reopens_on_update AFTER UPDATE OF start_offset, end_offset, label ON spans
        WHEN NEW.annotator_id IS NOT (SELECT id FROM annotators WHERE name = 'gold')
        BEGIN
            UPDATE statuses SET status = 'in_progress', updated_at = strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now')
            WHERE document_id = NEW.document_id AND status = 'done'
              AND annotator_id = (SELECT id FROM annotators WHERE name = 'gold');
        END;
    """,
    # 4 was set aside for the fault-tolerance work, which needed no schema change; numbers are
    # only ever added, so the gap stays (apply_migrations runs whatever numbers are above a
    # file's version, in order).
    # 5: a decision remembers the annotators' versions of its unit when it was made, so a
    # later change inside the unit (relabel, resize, delete, a new span, a merged layer)
    # reopens exactly that unit. NULL for older decisions: they stand while their range does.
    5: """
    ALTER TABLE decisions ADD COLUMN versions TEXT;
    """,
    # 6: scale. Derived data, each piece rebuildable from the documents: token arrays per
    # document tagged with what made them; the text length as a column, so a list refresh
    # reads no text; a full-text index of titles and texts folded for case and accents
    # (contentless: the documents table holds the text once), filled in the background from
    # search_pending (indexing costs more than storing a document, so imports do not wait
    # for it; annotator.storage.search); an index that lets the list filter by status. Both
    # the tokens and the search index of an older project are filled after it opens.
    # documents_list holds the ids alone: the list reads 100,000 of them without touching texts.
    6: """
    CREATE TABLE tokens (
        document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        made_by TEXT NOT NULL,
        data BLOB NOT NULL
    );
    ALTER TABLE documents ADD COLUMN text_length INTEGER NOT NULL DEFAULT 0;
    UPDATE documents SET text_length = length(text);
    CREATE INDEX statuses_by_annotator ON statuses(annotator_id, status, document_id);
    CREATE INDEX documents_list ON documents(id);
    CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='', tokenize='unicode61 remove_diacritics 2');
    CREATE TABLE search_pending (document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE);
    INSERT INTO search_pending SELECT id FROM documents;
    CREATE TRIGGER documents_derive AFTER INSERT ON documents
        BEGIN
            INSERT OR IGNORE INTO search_pending VALUES (NEW.id);
            UPDATE documents SET text_length = length(NEW.text)
                WHERE id = NEW.id AND NEW.text_length != length(NEW.text);
        END;
    """,
    # 7: the schema the project owns (attributes per label, relation types, vague quantities),
    # relations between two spans of one layer, and reviewers' decisions on relations. A relation goes when either end goes
    # (ON DELETE CASCADE); ids are never reused, so undo restores it under its id. The
    # defaults of DOMAIN.md are seeded here for projects made before; a new project gets
    # them from the seed that also writes its labels.
    7: """
    CREATE TABLE label_attributes (
        label TEXT NOT NULL REFERENCES labels(name) ON UPDATE CASCADE ON DELETE CASCADE,
        name TEXT NOT NULL,
        type TEXT NOT NULL CHECK (type IN ('choice', 'number', 'text', 'bool')),
        choices TEXT NOT NULL DEFAULT '[]',
        position INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (label, name)
    );
    CREATE TABLE relation_types (
        name TEXT PRIMARY KEY,
        head TEXT NOT NULL,
        child TEXT NOT NULL,
        key TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE vague_quantities (phrase TEXT PRIMARY KEY, value INTEGER NOT NULL);
    CREATE TABLE relations (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        annotator_id INTEGER NOT NULL REFERENCES annotators(id),
        head_id INTEGER NOT NULL REFERENCES spans(id) ON DELETE CASCADE,
        child_id INTEGER NOT NULL REFERENCES spans(id) ON DELETE CASCADE,
        label TEXT NOT NULL REFERENCES relation_types(name) ON UPDATE CASCADE,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 1,
        CHECK (head_id <> child_id),
        UNIQUE (head_id, child_id, label)
    );
    CREATE INDEX relations_by_layer ON relations(annotator_id, document_id);
    CREATE INDEX relations_by_child ON relations(child_id);
    CREATE TABLE relation_decisions (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        head_start INTEGER NOT NULL,
        head_end INTEGER NOT NULL,
        head_label TEXT NOT NULL,
        child_start INTEGER NOT NULL,
        child_end INTEGER NOT NULL,
        child_label TEXT NOT NULL,
        label TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('take', 'reject')),
        reviewer TEXT NOT NULL,
        decided_at TEXT NOT NULL,
        agreed TEXT NOT NULL DEFAULT '[]',
        undone_at TEXT
    );
    CREATE INDEX relation_decisions_by_document ON relation_decisions(document_id);
    INSERT INTO vague_quantities VALUES ('tens', 10), ('dozens', 12), ('a dozen', 12), ('scores', 20),
        ('hundreds', 100), ('thousands', 1000), ('tens of thousands', 10000),
        ('hundreds of thousands', 100000), ('millions', 1000000), ('several', 3), ('a few', 3);
    INSERT INTO label_attributes SELECT 'FIGURE', 'category', 'choice', '["killed", "injured", "displaced", "refugees",
        "detained", "missing", "affected", "fighters", "events", "other"]', 0 FROM labels WHERE name = 'FIGURE';
    INSERT INTO label_attributes SELECT 'FIGURE', 'precision', 'choice', '["exact", "approximate", "at_least",
        "at_most", "range", "vague"]', 1 FROM labels WHERE name = 'FIGURE';
    INSERT INTO label_attributes SELECT 'FIGURE', 'low', 'number', '[]', 2 FROM labels WHERE name = 'FIGURE';
    INSERT INTO label_attributes SELECT 'FIGURE', 'high', 'number', '[]', 3 FROM labels WHERE name = 'FIGURE';
    INSERT INTO label_attributes SELECT 'ACTOR', 'type', 'choice', '["state forces", "rebel group", "militia",
        "civilians", "international organisation", "NGO or monitor", "media", "government", "other"]', 0
        FROM labels WHERE name = 'ACTOR';
    INSERT INTO label_attributes SELECT 'LOCATION', 'type', 'choice', '["country", "region or province",
        "city or town", "village", "camp", "facility", "area or border", "other"]', 0 FROM labels WHERE name = 'LOCATION';
    INSERT INTO relation_types SELECT 'SOURCE', '["ATTRIBUTION"]', '["ACTOR"]', 's', 0
        WHERE (SELECT count(*) FROM labels WHERE name IN ('ATTRIBUTION', 'ACTOR')) = 2;
    INSERT INTO relation_types SELECT 'CLAIM', '["ATTRIBUTION"]', '["FIGURE"]', 'c', 1
        WHERE (SELECT count(*) FROM labels WHERE name IN ('ATTRIBUTION', 'FIGURE')) = 2;
    """,
    # 8: suggestions (issue 13). Derived data, each table droppable without losing anyone's work:
    # what the sources proposed per document (never a layer, never exported), what each annotator
    # rejected (not shown to them again), and the project's one trained model with what made it.
    8: """
    CREATE TABLE suggestions (
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        source TEXT NOT NULL CHECK (source IN ('rules', 'memory', 'model')),
        start_offset INTEGER NOT NULL,
        end_offset INTEGER NOT NULL,
        label TEXT NOT NULL,
        score REAL,
        attrs TEXT NOT NULL DEFAULT '{}',
        made_by TEXT NOT NULL DEFAULT '',
        computed_at TEXT NOT NULL,
        CHECK (start_offset >= 0 AND end_offset > start_offset),
        PRIMARY KEY (document_id, source, start_offset, end_offset, label)
    ) WITHOUT ROWID;
    CREATE TABLE rejected_suggestions (
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        annotator_id INTEGER NOT NULL REFERENCES annotators(id),
        start_offset INTEGER NOT NULL,
        end_offset INTEGER NOT NULL,
        label TEXT NOT NULL,
        source TEXT NOT NULL,
        rejected_at TEXT NOT NULL,
        PRIMARY KEY (document_id, annotator_id, start_offset, end_offset, label)
    ) WITHOUT ROWID;
    CREATE TABLE suggestion_models (
        name TEXT PRIMARY KEY,
        source_layer TEXT NOT NULL,
        labels TEXT NOT NULL,
        spacy_version TEXT NOT NULL,
        pipeline BLOB NOT NULL,
        scores TEXT NOT NULL DEFAULT '{}',
        documents INTEGER NOT NULL,
        held_out INTEGER NOT NULL,
        seconds REAL NOT NULL,
        trained_at TEXT NOT NULL
    );
    """,
    # 9: provenance (issue 16) is span metadata, never an attribute: which source proposed a span,
    # when it was accepted, whether its figure reading was parsed or typed. Older versions kept
    # an accepted suggestion's source as the attribute `suggested_by`; it moves out here, so
    # agreement, review, schema checks and exports of attributes never see it again.
    9: """
    ALTER TABLE spans ADD COLUMN provenance TEXT NOT NULL DEFAULT '{}';
    UPDATE spans SET provenance = json_object('source', json_extract(attrs, '$.suggested_by')),
        attrs = json_remove(attrs, '$.suggested_by')
        WHERE json_valid(attrs) AND json_type(attrs) = 'object' AND json_type(attrs, '$.suggested_by') = 'text';
    """,
    # 10: a document has a language (issue 19), ISO 639-1: its blank spaCy pipeline tokenizes it
    # and its rules read it. Documents from before were all tokenized and read as English.
    10: """
    ALTER TABLE documents ADD COLUMN lang TEXT NOT NULL DEFAULT 'en';
    """,
    # 11: the team (issue 18). Who each document is assigned to, by which assign run (a batch
    # number, so later runs leave earlier ones alone); a project file that is an annotator's
    # bundle says in project_meta whose it is ('bundle_annotator') and which coordinator
    # project it belongs to ('bundle_of', that project's 'team_id').
    11: """
    CREATE TABLE assignments (
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        annotator_id INTEGER NOT NULL REFERENCES annotators(id),
        batch INTEGER NOT NULL,
        assigned_at TEXT NOT NULL,
        PRIMARY KEY (document_id, annotator_id)
    ) WITHOUT ROWID;
    CREATE INDEX assignments_by_annotator ON assignments(annotator_id, document_id);
    """,
    # 12: active time per document and annotator, one row per stretch of work (a document open
    # in an active window), each with its own random id: merging unions them by id, so time
    # worked in a bundle and here adds up, and a bundle merged twice counts once.
    12: """
    CREATE TABLE activity (
        id TEXT PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        annotator_id INTEGER NOT NULL REFERENCES annotators(id),
        started_at TEXT NOT NULL,
        seconds REAL NOT NULL CHECK (seconds >= 0)
    );
    CREATE INDEX activity_by_layer ON activity(annotator_id, document_id);
    """,
    # 13: notes become threads. A span's note stays its first entry; replies (and document
    # notes, which have no span: start_offset NULL) hang on the span's layer, range and label,
    # not its id, so a merge that replaces a layer keeps them on the same span; a trigger moves
    # them with a span that is resized or relabelled. Random ids: a merge unions them by id.
    13: """
    CREATE TABLE note_entries (
        id TEXT PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        layer_id INTEGER NOT NULL REFERENCES annotators(id),
        start_offset INTEGER,
        end_offset INTEGER,
        label TEXT,
        author TEXT NOT NULL,
        written_at TEXT NOT NULL,
        text TEXT NOT NULL
    );
    CREATE INDEX note_entries_by_layer ON note_entries(document_id, layer_id);
    CREATE TRIGGER note_entries_follow_span AFTER UPDATE OF start_offset, end_offset, label ON spans
        BEGIN
            UPDATE note_entries SET start_offset = NEW.start_offset, end_offset = NEW.end_offset, label = NEW.label
            WHERE document_id = OLD.document_id AND layer_id = OLD.annotator_id
              AND start_offset = OLD.start_offset AND end_offset = OLD.end_offset AND label = OLD.label;
        END;
    """,
}

LATEST = max(MIGRATIONS)


def apply_migrations(conn: sqlite3.Connection, current: int) -> int:
    """Bring the schema from `current` to LATEST, each step in its own transaction."""
    for number in sorted(n for n in MIGRATIONS if n > current):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(MIGRATIONS[number]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        current = number
    return current


def create_schema(conn: sqlite3.Connection) -> None:
    """Every migration at once, inside the caller's transaction: a new file is made all or nothing."""
    for number in sorted(MIGRATIONS):
        for statement in _statements(MIGRATIONS[number]):
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version = {max(MIGRATIONS)}")  # the version of what ran
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def _statements(script: str) -> list[str]:
    """Split a migration into statements, keeping trigger bodies whole."""
    out: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
