"""Builders of review-mode projects: two annotators who disagree on one article and agree on another."""
from __future__ import annotations

from pathlib import Path

from annotator.core.model import GOLD, NewArticle, Span, Status
from annotator.storage import ProjectStore

TEXT = "Some 350,000 Syrians have fled Idlib province, the UN said on Thursday."
CALM = "Rescuers said 21 people died."


def span_at(doc: int, text: str, piece: str, label: str, who: str, **kw) -> Span:
    start = text.index(piece)
    return Span(doc, start, start + len(piece), label, annotator=who, **kw)


def make_review_project(path: Path) -> Path:
    """Two documents, alice's and bob's layers disagreeing on the first, both done."""
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text=TEXT, title="Idlib"), NewArticle(text=CALM, title="Calm")])
        busy, calm = (s.id for s in store.summaries("alice"))
        layers = {
            "alice": [("350,000", "FIGURE"), ("Syrians", "ACTOR"), ("Idlib", "LOCATION"), ("UN", "ACTOR")],
            "bob": [("Some 350,000", "FIGURE"), ("Syrians", "ACTOR"), ("Idlib province", "LOCATION"),
                    ("UN", "ACTOR"), ("said", "ATTRIBUTION")],
        }
        for who, spans in layers.items():
            for piece, label in spans:
                note = "is 'Some' a qualifier?" if piece == "Some 350,000" else ""
                store.add_span(span_at(busy, TEXT, piece, label, who, note=note, unsure=bool(note)))
            store.add_span(span_at(calm, CALM, "Rescuers", "ACTOR", who))
            for doc in (busy, calm):
                store.set_status(doc, who, Status.DONE)
    return path


def gold_layer(project: Path, title: str = "Idlib") -> list[tuple[str, str]]:
    with ProjectStore(project) as store:
        doc = next(s.id for s in store.summaries(GOLD) if s.title == title)
        text = store.document(doc).text
        return sorted((s.label, text[s.start:s.end]) for s in store.spans(doc, GOLD))
