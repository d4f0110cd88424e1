"""Builders over an open store: a project of texts, a span by its phrase, a layer read back, a snapshot."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from annotator.core.model import NewArticle, Span
from annotator.storage import ProjectStore
from annotator.storage.project_store import now

OTHER = "Rebels said 21 civilians were killed near Saraqeb on Monday."
THIRD = "The Red Cross reported dozens displaced in Ariha."


def tick() -> None:
    """Wait until the store's clock (milliseconds) moves on, so later edits are strictly newer."""
    start = now()
    while now() == start:
        pass


def doc_id(store: ProjectStore, text: str) -> int:
    return next(d.id for d in store.iter_documents() if d.text == text)


def project(path: Path, texts: list[str]) -> ProjectStore:
    store = ProjectStore(path)
    store.import_articles([NewArticle(text=t, title=t[:12]) for t in texts])
    return store


def label(store: ProjectStore, text: str, annotator: str, phrase: str, name: str, **kw) -> Span:
    d = doc_id(store, text)
    start = text.index(phrase)
    return store.add_span(Span(d, start, start + len(phrase), name, annotator=annotator, **kw))


def layer(store: ProjectStore, text: str, annotator: str) -> list[tuple]:
    return [(text[s.start:s.end], s.label, s.note, s.unsure) for s in store.spans(doc_id(store, text), annotator)]


def snapshot(path: Path) -> dict[str, list]:
    """Every data table of a project file, for "nothing changed" checks (the change log aside)."""
    conn = sqlite3.connect(path)
    tables = ["documents", "labels", "annotators", "spans", "statuses", "merged_layers", "decisions"]
    out = {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in tables}
    conn.close()
    return out
