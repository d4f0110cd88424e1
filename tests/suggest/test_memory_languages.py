"""Project memory in the document's language: strings matched by its tokenizer, FIGUREs read by its parser.

Driven through the Suggester (what the window's suggestion worker and `annotator suggest` run) and
instant_suggestions (what the window shows with a document), on a real project file.
"""
from __future__ import annotations

from annotator.core.model import NewArticle, Span
from annotator.services.suggestion_sources import stored_tokens
from annotator.services.suggestions import Suggester, build_memory, instant_suggestions
from annotator.storage import ProjectStore

FR_SEEN = "Selon l'ONU, au moins 3,5 millions de personnes ont fui."
FR_NEW = "Plus de 3,5 millions de déplacés, a indiqué l'ONU jeudi."
AR_SEEN = "قال د. أحمد الخطيب إن أكثر من ٣٥٠٬٠٠٠ شخص نزحوا."
AR_NEW = "وأكد د. أحمد الخطيب نزوح ٣٥٠٬٠٠٠ شخص من المدينة."


def _label(store: ProjectStore, doc: int, text: str, phrase: str, label: str) -> None:
    start = text.index(phrase)
    store.add_span(Span(doc, start, start + len(phrase), label, annotator="alice"))


def _project(tmp_path) -> ProjectStore:
    store = ProjectStore(tmp_path / "memory.annotator.db")
    store.import_articles([NewArticle(text=text, title=f"{lang} {n}", lang=lang) for n, lang, text in
                           ((1, "fr", FR_SEEN), (1, "ar", AR_SEEN), (2, "fr", FR_NEW), (2, "ar", AR_NEW))])
    _label(store, 1, FR_SEEN, "l'ONU", "ACTOR")
    _label(store, 1, FR_SEEN, "3,5 millions", "FIGURE")
    _label(store, 2, AR_SEEN, "د. أحمد الخطيب", "ACTOR")
    _label(store, 2, AR_SEEN, "٣٥٠٬٠٠٠", "FIGURE")
    return store


def _found(text, suggestions):
    return sorted((text[s.start:s.end], s.label, dict(s.attrs)) for s in suggestions)


def test_the_worker_path_finds_memory_in_french_and_arabic_documents_and_reads_their_figures(tmp_path):
    with _project(tmp_path) as store:
        suggester = Suggester(store, ("memory",), annotator="alice")
        fr, ar = store.document(3), store.document(4)
        found = suggester.compute([fr, ar], ("memory",))
        assert _found(FR_NEW, found[3]["memory"]) == [
            ("3,5 millions", "FIGURE", {"low": 3500000, "precision": "at_least"}),  # "plus de", a French reading
            ("l'ONU", "ACTOR", {})]  # French tokens "l'" "ONU": the string is matched by them
        assert _found(AR_NEW, found[4]["memory"]) == [
            ("د. أحمد الخطيب", "ACTOR", {}),  # Arabic keeps "د." one token; English would split it
            ("٣٥٠٬٠٠٠", "FIGURE", {"high": 350000, "low": 350000, "precision": "exact"})]


def test_the_window_path_shows_the_same_memory_suggestions(tmp_path):
    with _project(tmp_path) as store:
        memory = build_memory(store, "alice")
        for doc_id in (3, 4):
            doc = store.document(doc_id)
            [tokens] = stored_tokens(store, [doc])
            shown = [s for s in instant_suggestions(doc.text, tokens, memory, doc.lang) if s.source == "memory"]
            assert {doc.text[s.start:s.end] for s in shown} == ({"l'ONU", "3,5 millions"} if doc_id == 3
                                                                 else {"د. أحمد الخطيب", "٣٥٠٬٠٠٠"})


def test_a_string_from_one_language_is_matched_by_the_tokens_of_another(tmp_path):
    english = "The UN office, known locally as l'ONU, said so."
    with _project(tmp_path) as store:
        store.import_articles([NewArticle(text=english, title="en", lang="en")])
        [found] = Suggester(store, ("memory",), annotator="alice").compute([store.document(5)], ("memory",)).values()
        assert _found(english, found["memory"]) == [("l'ONU", "ACTOR", {})]  # English keeps "l'ONU" whole
