"""Full-text search of titles and texts: folding for case and accents, and FTS5 queries.

The index (table documents_fts, migration 6) holds folded text: decomposed (NFKD) with the
combining marks of Latin, Cyrillic, Hebrew and Arabic removed (accents, harakat, hamza
marks) and the Arabic tatweel dropped; SQLite's unicode61 tokenizer then folds case. A
query is folded the same way, and every word of it matches as a prefix, so the list
narrows as the user types ("alep" finds "Aleppo", "حلب" finds "حَلَب", "елка" finds "Ёлка").
"""
from __future__ import annotations

import re
import unicodedata

FOLD_FUNCTION = "annotator_fold"  # the SQL name of fold(), registered on every connection
_MARKS = re.compile("[\u0300-\u036f\u0483-\u0489\u0591-\u05c7\u0610-\u061a\u0640\u064b-\u065f\u0670"
                    "\u06d6-\u06ed\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


def fold(text: str | None) -> str | None:
    """`text` without accents and diacritics (case is left to the index's tokenizer)."""
    if not text or text.isascii():
        return text
    return _MARKS.sub("", unicodedata.normalize("NFKD", text))


def match_expression(query: str) -> str | None:
    """An FTS5 MATCH expression: every word of `query` as a prefix, all required; None if no word."""
    words = [w for w in (fold(query) or "").split() if any(ch.isalnum() for ch in w)]
    if not words:
        return None
    return " AND ".join('"' + w.replace('"', '""') + '"*' for w in words)
