"""What a merge brings of the team's tables: whose bundle a file is, its active time and note threads.

Read read-only from the other file, checked like everything a merge brings (one line naming the
file and the problem), and added by id: a bundle merged twice adds nothing the second time.
A file that is a bundle of another coordinator project, or a bundle holding any layer but its
annotator's (another annotator's, gold), is refused before anything is written.
"""
from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.errors import ProjectError, SpanError
from annotator.core.model import is_gold, normalise_name
from annotator.storage.note_store import NoteEntry, add_entries
from annotator.storage.project_store import ProjectStore
from annotator.storage.team_store import BUNDLE_ANNOTATOR, BUNDLE_OF, ActivityStretch, add_stretches, team_id

_MAX_SECONDS = 10 * 24 * 3600.0  # one stretch longer than ten days is not a stretch of work


@dataclass
class TeamSource:
    """The team tables of another project file, keyed by document sha256 (ids differ between files)."""

    path: Path
    bundle_of: str | None = None
    bundle_annotator: str | None = None
    layers: list[str] = field(default_factory=list)  # names of the layers the file holds anything of
    stretches: list[tuple[str, ActivityStretch]] = field(default_factory=list)  # (sha256, stretch)
    notes: list[tuple[str, NoteEntry]] = field(default_factory=list)


def read_team_source(path: Path) -> TeamSource:
    """The bundle marks, active time and threads of `path` (files of older schemas have none)."""
    src = TeamSource(path)
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, isolation_level=None)
    try:
        conn.execute("BEGIN")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        meta = dict(conn.execute("SELECT key, value FROM project_meta WHERE key IN (?, ?)",
                                 (BUNDLE_OF, BUNDLE_ANNOTATOR)).fetchall())
        src.bundle_of, src.bundle_annotator = meta.get(BUNDLE_OF), meta.get(BUNDLE_ANNOTATOR)
        sha = dict(conn.execute("SELECT id, sha256 FROM documents").fetchall())
        held = [f"SELECT annotator_id FROM {t}" for t in ("spans", "relations", "statuses", "assignments", "activity")
                if t in tables] + (["SELECT layer_id FROM note_entries"] if "note_entries" in tables else [])
        src.layers = [r[0] for r in conn.execute(f"SELECT name FROM annotators WHERE id IN ({' UNION '.join(held)})"
                                                 " ORDER BY name")]
        if "activity" in tables:
            src.stretches = [(sha.get(doc), ActivityStretch(i, doc, name, at, s)) for i, doc, name, at, s in conn.execute(
                "SELECT t.id, t.document_id, a.name, t.started_at, t.seconds FROM activity t"
                " JOIN annotators a ON a.id = t.annotator_id")]
        if "note_entries" in tables:
            src.notes = [(sha.get(row[1]), NoteEntry(*row)) for row in conn.execute(
                "SELECT n.id, n.document_id, a.name, n.start_offset, n.end_offset, n.label, n.author, n.written_at,"
                " n.text FROM note_entries n JOIN annotators a ON a.id = n.layer_id")]
    except sqlite3.DatabaseError as exc:
        raise ProjectError(f"{path}: not a project file ({exc})") from None
    finally:
        conn.close()
    try:
        _check(src)
    except SpanError as exc:
        raise ProjectError(f"{path}: {exc}; nothing was merged") from None
    return src


def _check(src: TeamSource) -> None:
    for sha, s in src.stretches:
        where = f"active time {s.id!r}"
        if not isinstance(s.id, str) or sha is None or not isinstance(s.started_at, str):
            raise SpanError(f"{where} has no id, document or start time")
        if not isinstance(s.seconds, (int, float)) or not math.isfinite(s.seconds) or not 0 <= s.seconds <= _MAX_SECONDS:
            raise SpanError(f"{where}: {s.seconds!r} seconds is not a time of work")
        normalise_name(s.annotator)
    for sha, n in src.notes:
        where = f"note entry {n.id!r}"
        if not isinstance(n.id, str) or sha is None:
            raise SpanError(f"{where} has no id or document")
        if not all(isinstance(v, str) for v in (n.author, n.written_at, n.text)):
            raise SpanError(f"{where}: author, time and text must be text")
        anchor = (n.start, n.end, n.label)
        if anchor != (None, None, None) and not (isinstance(n.start, int) and isinstance(n.end, int)
                                                 and 0 <= n.start < n.end and isinstance(n.label, str)):
            raise SpanError(f"{where}: its span {n.start!r}..{n.end!r} {n.label!r} is not a span")
        normalise_name(n.layer)
        normalise_name(n.author, "a note's author")


def check_target(store: ProjectStore, src: TeamSource) -> None:
    """Refuse a bundle made by another coordinator project (not this project's assignment)."""
    if src.bundle_of is None:
        return
    mine = team_id(store)
    if src.bundle_of != mine:
        raise ProjectError(f"{src.path}: is {src.bundle_annotator!r}'s bundle of another coordinator project, "
                           f"not of {store.path.name}; merge it into the project that assigned it (nothing was merged)")
    others = [name for name in src.layers if name != src.bundle_annotator]
    if others:
        more = f" (and {len(others) - 1} more)" if len(others) > 1 else ""
        raise ProjectError(f"{src.path}: is {src.bundle_annotator!r}'s bundle but holds the layer of {others[0]!r}{more}; "
                           "a bundle brings back only its annotator's own layer (nothing was merged)")


def merge_team_tables(store: ProjectStore, src: TeamSource) -> tuple[int, int]:
    """Add the file's active time and thread entries this project lacks; call inside the merge's
    transaction, after the documents came. Returns (stretches added, entries added)."""
    local = dict(store.db.execute("SELECT sha256, id FROM documents").fetchall())
    stretches = [ActivityStretch(s.id, local[sha], normalise_name(s.annotator), s.started_at, float(s.seconds))
                 for sha, s in src.stretches if sha in local and not is_gold(normalise_name(s.annotator))]
    notes = [NoteEntry(n.id, local[sha], normalise_name(n.layer), n.start, n.end, n.label,
                       normalise_name(n.author, "a note's author"), n.written_at, n.text)
             for sha, n in src.notes if sha in local]
    return add_stretches(store, stretches), add_entries(store, notes)
