"""Headless UI latency: start-up, opening a 100 KB article with 2,000 spans, one label keystroke.

Usage: python benchmarks/ui_latency.py
Last line: startup_ms=N first_open_ms=N open_ms=N label_ms=N label_big_memory_ms=N
Rules and project memory are on: keystrokes are timed once memory suggestions show. The
same is measured again after 10,000 labelled wire articles join the annotator's layer (a
project memory of that size; the line before the last gives its opening figures).
startup: process start -> window shown and painted (nothing tokenizes before: tokens are stored;
the background fill starts after the first paint and loads spaCy only if a document lacks them).
first_open: the first open of the big article in a fresh window, + a full repaint.
open: Workspace.open_document + a full repaint (median of 5).
label: select a word, press its key, process events until painted (median of 50 keystrokes).
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

STARTUP = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    from annotator.ui.app.main_window import MainWindow
    from annotator.ui.app.settings import AppSettings
    app = QApplication([])
    w = MainWindow(Path(sys.argv[1]), AppSettings(Path(sys.argv[2])), "bench")
    w.show()
    app.processEvents()
    w.repaint()
    print(time.time(), flush=True)
""")


def _article(n_chars: int = 100_000) -> str:
    para = ("Some 350,000 Syrians, mostly women and children, have fled Idlib province since early December, "
            "the UN said on Thursday. Rescuers said dozens were missing near Atmeh camp. ")
    paras, size = [], 0
    while size < n_chars:
        paras.append(para)
        size += len(para) + 2
    return "\n\n".join(paras)[:n_chars]


def _prepare(folder: Path) -> Path:
    from annotator.core.model import NewArticle, Span
    from annotator.nlp.tokenizer import token_offsets
    from annotator.nlp.tokens import fill_missing
    from annotator.storage import ProjectStore

    path = folder / "bench.db"
    text = _article()
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text=text, title="Big"), NewArticle(text="Small one.", title="Small")])
        doc = store.summaries("bench")[0].id
        tokens = [t for t in token_offsets(text) if text[t[0]:t[1]].isalpha()]
        labels = ["ACTOR", "LOCATION", "FIGURE", "ATTRIBUTION"]
        rows = [(doc, s, e, labels[i % 4]) for i, (s, e) in enumerate(tokens[:2000])]
        with store.transaction():
            for doc_id, s, e, label in rows:
                store.add_span(Span(doc_id, s, e, label, annotator="bench"))
        fill_missing(store)  # as the app does in the background right after an import
    return path


def _startup_ms(project: Path, folder: Path) -> float:
    runs = []
    for _ in range(3):
        t0 = time.time()
        out = subprocess.run([sys.executable, "-c", STARTUP, str(project), str(folder / "s.ini")],
                             capture_output=True, text=True, check=True).stdout
        runs.append((float(out.strip().splitlines()[-1]) - t0) * 1000)
    return statistics.median(runs)


def _add_big_memory(project: Path, articles: int = 10_000) -> None:
    """The bench annotator's layer gets `articles` labelled short wire articles: a big project memory."""
    sys.path.insert(0, str(Path(__file__).parent))
    from _labelled import corpus

    from annotator.core.model import NewArticle
    from annotator.nlp.tokens import fill_missing
    from annotator.storage import ProjectStore

    with ProjectStore(project) as store:
        store.import_articles([NewArticle(text=t, title=f"wire {i}", spans=tuple(spans))
                               for i, (t, spans) in enumerate(corpus(articles, 11))], annotator="bench")
        fill_missing(store)  # as the app does in the background after an import, before anyone labels


def _wait(app, condition, timeout: float = 120.0) -> None:
    end = time.perf_counter() + timeout
    while not condition() and time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.002)


def _measure(project: Path, folder: Path) -> dict[str, float]:
    """first_open, open (median of 5) and label (median of 50) in a fresh window, rules and memory on."""
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from annotator.ui.app.main_window import MainWindow
    from annotator.ui.app.settings import AppSettings

    app = QApplication.instance() or QApplication([])
    w = MainWindow(project, AppSettings(folder / "b.ini"), "bench")
    w.resize(1340, 820)
    w.show()
    app.processEvents()
    big, small = (w.documents.model.summary(i).id for i in range(2))
    w.open_document(small)
    app.processEvents()
    t0 = time.perf_counter()
    w.open_document(big)
    w.repaint()
    first_open = (time.perf_counter() - t0) * 1000
    _wait(app, lambda: any(s.source == "memory" for s in w.suggestions.suggestions))  # memory built, shown
    opens = []
    for _ in range(5):
        w.open_document(small)
        app.processEvents()
        t0 = time.perf_counter()
        w.open_document(big)
        w.repaint()
        opens.append((time.perf_counter() - t0) * 1000)
    app.processEvents()  # tokens load after the first paint
    w.workspace.tokens.request(w.workspace.document)
    while w.article.token_ranges == []:
        app.processEvents()
    _wait(app, lambda: any(s.source == "memory" for s in w.suggestions.suggestions))
    shown = {s.source for s in w.suggestions.suggestions}
    count = len(w.suggestions.suggestions)
    text = w.workspace.document.text
    labels, start = [], 0
    for i in range(50):
        start = text.index("Rescuers", start + 1)
        w.article.select_range(start, start + len("Rescuers"))
        app.processEvents()
        t0 = time.perf_counter()
        QTest.keyClick(w.article, "1234"[i % 4])
        app.processEvents()  # the frame: paints exactly what the keystroke made dirty
        labels.append((time.perf_counter() - t0) * 1000)
    t0 = time.perf_counter()
    w.article.viewport().repaint()
    full_ms = (time.perf_counter() - t0) * 1000
    spans = len(w.article.spans())
    w.close()
    return {"first_open": first_open, "open": statistics.median(opens), "label": statistics.median(labels),
            "full": full_ms, "spans": spans, "chars": len(text), "suggestions": count,
            "sources": ",".join(sorted(shown))}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        project = _prepare(folder)
        startup = _startup_ms(project, folder)
        small = _measure(project, folder)
        (folder / "big").mkdir()
        big_project = _prepare(folder / "big")  # the same article, unlabelled keystrokes, and a big memory
        _add_big_memory(big_project)
        large = _measure(big_project, folder / "big")
        print(f"article_chars={small['chars']} spans={small['spans']} opens=5 keystrokes=50 "
              f"suggestions_shown={small['suggestions']} sources={small['sources']} "
              f"full_article_repaint_ms={small['full']:.1f}")
        print(f"big_memory_articles=10000 suggestions_shown={large['suggestions']} sources={large['sources']} "
              f"big_memory_first_open_ms={large['first_open']:.1f} big_memory_open_ms={large['open']:.1f}")
        print(f"startup_ms={startup:.0f} first_open_ms={small['first_open']:.1f} open_ms={small['open']:.1f} "
              f"label_ms={small['label']:.1f} label_big_memory_ms={large['label']:.1f}")


if __name__ == "__main__":
    main()
