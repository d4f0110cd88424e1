"""Headless: how long after opening a news article its suggestions are on screen, in the real window.

A project of 200 generated news-length articles (about 2 KB) and a memory of 5,000 labelled
strings. Once the background thread has built the memory (the first document), each of 30
articles is opened in turn and timed until painted with its rule and memory suggestions. The
same window opening the next 30 without suggestions (the controller detached) is the
baseline, measured in the same process.

Usage: python benchmarks/suggest_ui_latency.py
Last line: open_ms=N open_with_suggestions_ms=N suggestions_ms=N (medians; the last is the difference)
"""
from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))
from _corpus import articles  # noqa: E402


def prepare(path: Path) -> None:
    from annotator.core.model import NewArticle, Span
    from annotator.storage import ProjectStore

    rng = random.Random(5)
    names = [f"Brigade {n} Commander" for n in rng.sample(range(10**6), 5000)]
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text=t, title=f"article {i}") for i, t in enumerate(articles(200, 9))])
        extra = " ".join(names)
        store.import_articles([NewArticle(text=extra, title="names")])
        doc = store.document(201)
        for n in names[:5000]:
            start = extra.index(n)
            store.add_span(Span(doc.id, start, start + len(n), "ACTOR", annotator="bob"))
        text = store.document(1).text
        start = text.index("Idlib")
        store.add_span(Span(1, start, start + 5, "LOCATION", annotator="bob"))


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from annotator.ui.app.main_window import MainWindow
    from annotator.ui.app.settings import AppSettings

    app = QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.annotator.db"
        prepare(path)
        w = MainWindow(path, AppSettings(Path(tmp) / "settings.ini"), "alice")
        w.show()
        app.processEvents()
        # the first document: spaCy and the memory load once, in the background
        _wait(app, lambda: any(s.source == "memory" for s in w.suggestions.suggestions))
        timings, sources = [], set()
        for doc in range(2, 32):
            started = time.perf_counter()
            w.open_document(doc)
            w.article.repaint()
            timings.append(1000 * (time.perf_counter() - started))
            sources.update(s.source for s in w.suggestions.suggestions)
            app.processEvents()
        counts = len(w.suggestions.suggestions)
        w.suggestions.attach(None, None)  # the baseline: the same window, no suggestions
        baseline = []
        for doc in range(32, 62):
            started = time.perf_counter()
            w.open_document(doc)
            w.article.repaint()
            baseline.append(1000 * (time.perf_counter() - started))
        w.close()
    print(f"suggestions_on_last_article={counts} sources={','.join(sorted(sources))}")
    base, full = statistics.median(baseline), statistics.median(timings)
    print(f"open_ms={base:.1f} open_with_suggestions_ms={full:.1f} suggestions_ms={full - base:.1f}")


def _wait(app, condition, timeout: float = 60.0) -> None:
    end = time.perf_counter() + timeout
    while not condition() and time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)


if __name__ == "__main__":
    main()
