"""Stored token arrays (table tokens, migration 6): read, write, and find documents still without them.

The arrays are opaque bytes here (annotator.nlp.tokens packs them); each row carries the tag of
the tokenizer that made it, and a row with another tag counts as missing. A tag names the
document's language, so it is given as a Tag (prefix, suffix): made_by = prefix || lang || suffix.
"""
from __future__ import annotations

import sqlite3
from typing import Iterable, NamedTuple, Sequence

from annotator.core.errors import ProjectError
from annotator.storage.project_store import ProjectStore


class Tag(NamedTuple):
    """What made a document's tokens, around its language: `prefix + lang + suffix`."""

    prefix: str
    suffix: str

    def of(self, lang: str) -> str:
        return f"{self.prefix}{lang}{self.suffix}"


_MATCHES = "t.made_by = ? || d.lang || ?"  # the row was made by the tokenizer of the document's language


def read_tokens(store: ProjectStore, ids: Sequence[int], made_by: Tag) -> dict[int, bytes]:
    """Document id -> packed tokens, for those of `ids` tokenized by `made_by` for their language."""
    out: dict[int, bytes] = {}
    for i in range(0, len(ids), 500):
        chunk = list(ids[i:i + 500])
        marks = ",".join("?" * len(chunk))
        out.update(store.db.execute(
            f"SELECT t.document_id, t.data FROM tokens t JOIN documents d ON d.id = t.document_id"
            f" WHERE {_MATCHES} AND t.document_id IN ({marks})", (*made_by, *chunk)).fetchall())
    return out


def texts(store: ProjectStore, ids: Sequence[int]) -> dict[int, tuple[str, str]]:
    """Document id -> (text, lang), for `ids` (documents that are gone are left out)."""
    out: dict[int, tuple[str, str]] = {}
    for i in range(0, len(ids), 500):
        chunk = list(ids[i:i + 500])
        out.update((r[0], (r[1], r[2])) for r in store.db.execute(
            f"SELECT id, text, lang FROM documents WHERE id IN ({','.join('?' * len(chunk))})", chunk))
    return out


def write_tokens(store: ProjectStore, rows: Iterable[tuple[int, bytes, str]], made_by: Tag) -> bool:
    """Store packed tokens (id, data, the language they were made for); False (nothing stored)
    when the file cannot take a write now.

    Tokens are derived data: a busy or read-only file only means they are computed again later.
    """
    try:
        with store.transaction():
            store.db.conn.executemany(
                "INSERT OR REPLACE INTO tokens (document_id, made_by, data) SELECT ?, ?, ?"
                " WHERE EXISTS (SELECT 1 FROM documents WHERE id = ?)",
                ((doc, made_by.of(lang), data, doc) for doc, data, lang in rows))
    except (sqlite3.OperationalError, ProjectError):  # read-only, locked, busy
        return False
    return True


def untokenized(store: ProjectStore, made_by: Tag, after: int = 0,
                limit: int = 256) -> list[tuple[int, str, str]]:
    """(id, text, lang) of up to `limit` documents after id `after` with no tokens by `made_by`."""
    return store.db.execute(
        f"SELECT d.id, d.text, d.lang FROM documents d LEFT JOIN tokens t ON t.document_id = d.id AND {_MATCHES}"
        " WHERE d.id > ? AND t.document_id IS NULL ORDER BY d.id LIMIT ?", (*made_by, after, limit)).fetchall()


def untokenized_count(store: ProjectStore, made_by: Tag) -> int:
    total = store.db.execute("SELECT count(*) FROM documents").fetchone()[0]
    have = store.db.execute(f"SELECT count(*) FROM tokens t JOIN documents d ON d.id = t.document_id"
                            f" WHERE {_MATCHES}", made_by).fetchone()[0]
    return total - have
