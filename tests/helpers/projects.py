"""Builders of real project files: the example article, layered projects, a labelled project."""
from __future__ import annotations

from pathlib import Path

from annotator.core.model import NewArticle, Span, Status
from annotator.storage import ProjectStore

ARTICLE = (
    "Some 350,000 Syrians, mostly women and children, have fled Idlib province since early "
    "December, the UN said on Thursday."
)
SECOND = "Rebels said 21 civilians were killed near Saraqeb."
THIRD = "The Red Cross reported dozens displaced in Ariha."


def layered_project(path: Path, articles: list[tuple[str, str, dict[str, list[tuple[str, str]]]]]) -> Path:
    """A project file from (title, text, {annotator: [(phrase, label)]}); every layer marked done."""
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text=text, title=title) for title, text, _ in articles])
        ids = {d.text: d.id for d in store.iter_documents()}
        for _, text, layers in articles:
            for name, spans in layers.items():
                for phrase, label in spans:
                    start = text.index(phrase)
                    store.add_span(Span(ids[text], start, start + len(phrase), label, annotator=name))
                store.set_status(ids[text], name, Status.DONE)
    return path


ACTORS = ["Rebels", "Police", "Rescuers", "Witnesses", "Officials", "Doctors"]
PLACES = ["Idlib", "Hama", "Saraqeb", "Ariha", "Aleppo", "Khartoum"]
VERBS = ["said", "reported", "warned", "said", "claimed", "said"]


def labelled_texts(count: int) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """`count` short articles '<ACTOR> <VERB> <n> people were killed in <PLACE>.' with their spans."""
    out = []
    for i in range(count):
        actor, verb, place = ACTORS[i % 6], VERBS[(i // 2) % 6], PLACES[(i // 3) % 6]
        n = str(3 + i * 7)
        text = f"{actor} {verb} {n} people were killed in {place} on Monday."
        spans, pos = [], 0
        for phrase, label in ((actor, "ACTOR"), (verb, "ATTRIBUTION"), (n, "FIGURE"), (place, "LOCATION")):
            start = text.index(phrase, pos)
            spans.append((start, start + len(phrase), label))
            pos = start + len(phrase)
        out.append((text, spans))
    return out


def make_labelled_project(path: Path, count: int, annotator: str = "alice", done: int | None = None) -> Path:
    """A project whose first `done` documents (default: all) `annotator` labelled and marked done."""
    with ProjectStore(path) as store:
        texts = labelled_texts(count)
        store.import_articles([NewArticle(text=t, title=f"article {i}", spans=tuple(s))
                               for i, (t, s) in enumerate(texts)], annotator=annotator)
        for doc in list(store.iter_documents())[: count if done is None else done]:
            store.set_status(doc.id, annotator, Status.DONE)
    return path
