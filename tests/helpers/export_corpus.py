"""The export tests' small corpus: emoji, Arabic, CRLF-origin text, overlapping and misaligned spans."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from annotator.core.model import GOLD, Span, Status
from annotator.services.importing import import_paths
from annotator.storage import ProjectStore

EXAMPLE = ("Some 350,000 Syrians, mostly women and children, have fled Idlib province since early "
           "December, the UN said on Thursday.")
SYNDICATED = "Some 350,000 Syrians have fled Idlib province since December, the UN said, according to AFP."
EMOJI = "🚀 Rescuers said 21 died in Saraqeb.\n\nقال المرصد السوري إن 21 مدنياً قتلوا في إدلب."
CRLF = "Ariha shelling\r\n\r\nThe UN said 40 civilians fled Ariha.\r\nRescuers counted 12 dead."
UNTOUCHED = "Local officials said dozens fled Hama."  # stays in progress: skipped by --status done


def spans_of(text: str, *marks: tuple[str, str] | tuple[str, str, int]) -> list[dict]:
    """Spans by quoted text: (piece, LABEL) or (piece, LABEL, occurrence)."""
    out = []
    for mark in marks:
        piece, label = mark[0], mark[1]
        start = -1
        for _ in range((mark[2] if len(mark) > 2 else 0) + 1):  # type: ignore[misc]
            start = text.index(piece, start + 1)
        out.append({"start": start, "end": start + len(piece), "label": label})
    return out


RECORDS = [
    {"text": EXAMPLE, "title": "Idlib exodus", "group": "idlib-story", "url": "https://example.org/1",
     "spans": spans_of(EXAMPLE, ("350,000", "FIGURE"), ("Some 350,000", "FIGURE"), ("Syrians", "ACTOR"),
                       ("Idlib", "LOCATION"), ("Idlib province", "LOCATION"), ("UN", "ACTOR"),
                       ("said", "ATTRIBUTION"))},
    {"text": SYNDICATED, "title": "Idlib exodus (AFP)", "group": "idlib-story",
     "spans": spans_of(SYNDICATED, ("350,000", "FIGURE"), ("yrians", "ACTOR"),  # cut at character precision
                       ("Idlib ", "LOCATION"), ("UN", "ACTOR"), ("said", "ATTRIBUTION"),
                       ("according to", "ATTRIBUTION"), ("AFP", "ACTOR"))},
    {"text": EMOJI, "title": "Saraqeb", "spans": spans_of(EMOJI, ("Rescuers", "ACTOR"), ("21", "FIGURE"),
                                                          ("Saraqeb", "LOCATION"), ("21", "FIGURE", 1),
                                                          ("إدلب", "LOCATION"), ("قال", "ATTRIBUTION"))},
    {"text": CRLF, "title": "Ariha", "spans": spans_of(CRLF, ("UN", "ACTOR"), ("said", "ATTRIBUTION"),
                                                       ("40", "FIGURE"), ("Ariha", "LOCATION", 1),
                                                       ("Rescuers", "ACTOR"), ("12", "FIGURE"))},
    {"text": UNTOUCHED, "title": "Hama", "spans": spans_of(UNTOUCHED, ("dozens", "FIGURE"))},
]


@dataclass
class Corpus:
    store: ProjectStore
    path: Path
    ids: dict[str, int]  # title -> document id


def build(store: ProjectStore, folder: Path, annotator: str = "alice") -> Corpus:
    """Import RECORDS into `store` as `annotator`'s layer; all but "Hama" are done."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "articles.jsonl"
    # offsets of the CRLF record count the \r; the importer moves them with the text (CRLF -> LF)
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS), encoding="utf-8")
    report = import_paths(store, [path], annotator=annotator)
    assert report.errors == [], report.errors
    ids = {store.document(s.id).title: s.id for s in store.summaries(annotator)}
    for title, doc_id in ids.items():
        store.set_status(doc_id, annotator, Status.IN_PROGRESS if title == "Hama" else Status.DONE)
    return Corpus(store, store.path, ids)


def add_gold(store: ProjectStore, doc_id: int, spans: list[tuple[int, int, str]], done: bool = True) -> None:
    for start, end, label in spans:
        store.add_span(Span(doc_id, start, end, label, annotator=GOLD))
    store.set_status(doc_id, GOLD, Status.DONE if done else Status.IN_PROGRESS)


THREE_LANGUAGES = {  # language -> articles of a project in English, Arabic and French, most English
    "en": ["At least 12 civilians were killed near Idlib, the UN said on Thursday.",
           "Some 350,000 Syrians have fled Idlib province since December.",
           "Rescuers said 21 people died in Saraqeb, south of Idlib."],
    "ar": ["قال المرصد السوري إن ٢١ مدنياً قتلوا في إدلب يوم الخميس."],
    "fr": ["Selon l'ONU, au moins 12 civils ont été tués près d'Idlib, a déclaré jeudi l'OCHA."],
}


def build_three_languages(store: ProjectStore, annotator: str = "alice") -> dict[str, int]:
    """THREE_LANGUAGES imported with their language (en 3, ar 1, fr 1), each with its place names
    labelled LOCATION by `annotator` and done; returns documents per language."""
    from annotator.core.model import NewArticle

    store.import_articles([NewArticle(text=text, title=f"{lang}{i}", lang=lang)
                           for lang, texts in THREE_LANGUAGES.items() for i, text in enumerate(texts)])
    for doc in store.document_ids(annotator):
        text = store.document(doc).text
        for place in ("Idlib", "إدلب"):
            if place in text:
                start = text.index(place)
                store.add_span(Span(doc, start, start + len(place), "LOCATION", annotator=annotator))
        store.set_status(doc, annotator, Status.DONE)
    return {lang: len(texts) for lang, texts in THREE_LANGUAGES.items()}
