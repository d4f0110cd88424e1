"""Stored token arrays (table tokens, migration 6): read, write, and find documents still without them.

The arrays are opaque bytes here (annotator.nlp.tokens packs them); each row carries the tag of
the tokenizer that made it, and a row with another tag counts as missing.
"""
from __future__ import annotations

import sqlite3
from typing import Iterable, Sequence

from annotator.core.errors import ProjectError
from annotator.storage.project_store import ProjectStore


def read_tokens(store: ProjectStore, ids: Sequence[int], made_by: str) -> dict[int, bytes]:
    """Document id -> packed tokens, for those of `ids` tokenized by `made_by`."""
    out: dict[int, bytes] = {}
    for i in range(0, len(ids), 500):
        chunk = list(ids[i:i + 500])
        marks = ",".join("?" * len(chunk))
        out.update(store.db.execute(
            f"SELECT document_id, data FROM tokens WHERE made_by = ? AND document_id IN ({marks})",
            (made_by, *chunk)).fetchall())
    return out


def texts(store: ProjectStore, ids: Sequence[int]) -> dict[int, str]:
    """Document id -> text, for `ids` (documents that are gone are left out)."""
    out: dict[int, str] = {}
    for i in range(0, len(ids), 500):
        chunk = list(ids[i:i + 500])
        out.update(store.db.execute(
            f"SELECT id, text FROM documents WHERE id IN ({','.join('?' * len(chunk))})", chunk).fetchall())
    return out


def write_tokens(store: ProjectStore, rows: Iterable[tuple[int, bytes]], made_by: str) -> bool:
    """Store packed tokens; False (nothing stored) when the file cannot take a write now.

    Tokens are derived data: a busy or read-only file only means they are computed again later.
    """
    try:
        with store.transaction():
            store.db.conn.executemany(
                "INSERT OR REPLACE INTO tokens (document_id, made_by, data) SELECT ?, ?, ?"
                " WHERE EXISTS (SELECT 1 FROM documents WHERE id = ?)",
                ((doc, made_by, data, doc) for doc, data in rows))
    except (sqlite3.OperationalError, ProjectError):  # read-only, locked, busy
        return False
    return True


def untokenized(store: ProjectStore, made_by: str, after: int = 0, limit: int = 256) -> list[tuple[int, str]]:
    """(id, text) of up to `limit` documents after id `after` with no tokens by `made_by`."""
    return store.db.execute(
        "SELECT d.id, d.text FROM documents d LEFT JOIN tokens t ON t.document_id = d.id AND t.made_by = ?"
        " WHERE d.id > ? AND t.document_id IS NULL ORDER BY d.id LIMIT ?", (made_by, after, limit)).fetchall()


def untokenized_count(store: ProjectStore, made_by: str) -> int:
    total = store.db.execute("SELECT count(*) FROM documents").fetchone()[0]
    have = store.db.execute("SELECT count(*) FROM tokens WHERE made_by = ?", (made_by,)).fetchone()[0]
    return total - have
