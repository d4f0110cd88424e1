"""Documents' languages (column documents.lang, migration 10) and the project's default language."""
from __future__ import annotations

from typing import Sequence

from annotator.core.errors import ProjectError
from annotator.core.languages import DEFAULT_LANGUAGE
from annotator.storage.project_store import ProjectStore

_DEFAULT_KEY = "default_language"


def default_language(store: ProjectStore) -> str:
    """The language of a document nothing else tells the language of."""
    return store.meta(_DEFAULT_KEY) or DEFAULT_LANGUAGE


def set_default_language(store: ProjectStore, lang: str) -> None:
    store.set_meta(_DEFAULT_KEY, lang)


def languages_of(store: ProjectStore, ids: Sequence[int]) -> dict[int, str]:
    """Document id -> language, for `ids` (documents that are gone are left out)."""
    out: dict[int, str] = {}
    for i in range(0, len(ids), 500):
        chunk = list(ids[i:i + 500])
        out.update(store.db.execute(
            f"SELECT id, lang FROM documents WHERE id IN ({','.join('?' * len(chunk))})", chunk).fetchall())
    return out


def language_of(store: ProjectStore, document_id: int) -> str:
    row = store.db.execute("SELECT lang FROM documents WHERE id = ?", (document_id,)).fetchone()
    if row is None:
        raise ProjectError(f"{store.path}: no document {document_id}")
    return row[0]


def set_language(store: ProjectStore, document_id: int, lang: str, annotator: str = "") -> str:
    """Store a document's language and return the old one; what was derived from the old one (its
    tokens, its rule suggestions) is dropped, to be made again for the new one."""
    with store.transaction():
        old = language_of(store, document_id)
        store.db.execute("UPDATE documents SET lang = ? WHERE id = ?", (lang, document_id))
        store.db.execute("DELETE FROM tokens WHERE document_id = ?", (document_id,))
        store.db.execute("DELETE FROM suggestions WHERE document_id = ? AND source = 'rules'", (document_id,))
        store.log(annotator, "set_language", document_id, old=old, new=lang)
    return old


def language_counts(store: ProjectStore) -> dict[str, int]:
    """Documents per language, most first."""
    return dict(store.db.execute("SELECT lang, count(*) FROM documents GROUP BY lang ORDER BY count(*) DESC, lang"))
