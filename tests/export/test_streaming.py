"""Memory stays flat: exporting ten times the documents does not take ten times the memory."""
from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from annotator.core.model import NewArticle, Status
from annotator.export import ExportOptions, docbin
from annotator.export.run import export_corpus
from annotator.nlp.tokenizer import blank_nlp
from annotator.storage import ProjectStore

SENTENCE = "{n} people fled Idlib after strikes by Syrian government forces, the UN said on day {d}. "


def project(path: Path, count: int) -> ProjectStore:
    store = ProjectStore(path)
    # unique texts over a bounded vocabulary (numbers below 200), as a real corpus's words are
    texts = [SENTENCE.format(n=i % 200, d=i // 200) * 12 for i in range(count)]
    articles = [NewArticle(text, f"a{i}", meta={"group": f"g{i // 4}"},
                           spans=((0, text.index(" "), "FIGURE"), (text.index("Idlib"), text.index(" after"), "LOCATION")))
                for i, text in enumerate(texts)]
    assert store.import_articles(articles, annotator="alice").documents_added == count
    with store.transaction():
        for doc in store.summaries("alice"):
            store.set_status(doc.id, "alice", Status.DONE)
    return store


def peak_of_export(store: ProjectStore, out: Path, fmt: str) -> int:
    tracemalloc.start()
    try:
        export_corpus(store, ExportOptions(fmt, out, "alice", split=(0.8, 0.1, 0.1)))
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("fmt", ["spacy", "conll", "jsonl"])
def test_peak_memory_does_not_grow_with_the_corpus(tmp_path: Path, fmt: str):
    small, large = project(tmp_path / "s.db", 300), project(tmp_path / "l.db", 3000)
    for text in ("warm up the string store", SENTENCE.format(n=1, d=2)):
        blank_nlp().make_doc(text)
    peak_of_export(small, tmp_path / "warm", fmt)  # spaCy's own first-use allocations
    small_peak = peak_of_export(small, tmp_path / "small", fmt)
    large_peak = peak_of_export(large, tmp_path / "large", fmt)
    # Holding the documents (as DocBin does) costs ~40 KB each here, 100 MB for the extra 2,700;
    # streaming, they may cost only their ids and split (well under 1 KB each), beyond the
    # fixed amount of token data on its way to the compressing thread.
    assert large_peak - small_peak < 2_700 * 1_000 + docbin.MAX_IN_FLIGHT, (small_peak, large_peak)
