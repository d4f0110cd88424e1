"""Full-text search of titles and texts: folding for case and accents, the FTS5 index and its filling.

The index (table documents_fts, migration 6) holds folded text: decomposed (NFKD) with the
combining marks of Latin, Cyrillic, Hebrew and Arabic removed (accents, harakat, hamza
marks) and the Arabic tatweel dropped; SQLite's unicode61 tokenizer then folds case. A
query is folded the same way, and every word of it matches as the start of a word, so the
list narrows as the user types ("alep" finds "Aleppo", "حلب" finds "حَلَب", "елка" finds "Ёлка").

Indexing costs more than storing a document (about half a millisecond for a 4 KB article),
so imports only queue new documents in search_pending and `index_pending` indexes them in
the background; until then a search reads the queued documents' texts (`matches`), so
nothing is ever missing from a result, only slower to find.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any

MATCH_FUNCTION = "annotator_matches"  # SQL name of matches(), registered on every connection
_MARKS = re.compile("[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u0640\u064b-\u065f\u0670"
                    "\u06d6-\u06ed\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str | None) -> str | None:
    """`text` without accents and diacritics (case is left to the index's tokenizer)."""
    if not text or text.isascii():
        return text
    return _MARKS.sub("", unicodedata.normalize("NFKD", text))


_CONTROLS = {i: " " for i in (*range(0x20), 0x7f)}  # a NUL inside a word ends FTS5's string: a separator here


def _words(query: str) -> list[str]:
    return [w for w in (fold(query.translate(_CONTROLS)) or "").split() if any(ch.isalnum() for ch in w)]


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression: every word of `query` as a prefix, all required; None if no word."""
    words = _words(query)
    if not words:
        return None
    return " AND ".join('"' + w.replace('"', '""') + '"*' for w in words)


def matches(title: str, text: str, query: str) -> int:
    """1 when every word of `query` starts a word of the title or text (what the index answers)."""
    haystack = (fold(title) or "").casefold() + "\n" + (fold(text) or "").casefold()
    return int(all(re.search(r"(?<!\w)" + re.escape(w.casefold()), haystack) for w in _words(query)))


def pending_count(store: Any) -> int:  # a ProjectStore (which imports this module)
    return store.db.execute("SELECT count(*) FROM search_pending").fetchone()[0]


def index_pending(store: Any, limit: int = 500) -> int:
    """Index up to `limit` queued documents in one transaction; returns how many."""
    with store.transaction():
        rows = store.db.execute("SELECT d.id, d.title, d.text FROM search_pending p JOIN documents d"
                                " ON d.id = p.document_id ORDER BY p.document_id LIMIT ?", (limit,)).fetchall()
        store.db.conn.executemany("INSERT INTO documents_fts (rowid, title, text) VALUES (?, ?, ?)",
                                  ((i, fold(title), fold(text)) for i, title, text in rows))
        store.db.conn.executemany("DELETE FROM search_pending WHERE document_id = ?", ((r[0],) for r in rows))
    return len(rows)
