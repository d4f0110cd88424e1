"""A small labelled project for suggestion tests: short articles written here, one layer done."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.model import NewArticle, Status
from annotator.storage import ProjectStore

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


@pytest.fixture
def labelled_project(tmp_path: Path) -> Path:
    return make_labelled_project(tmp_path / "labelled.annotator.db", 14, done=12)
