"""Headless UI latency: start-up, opening a 100 KB article with 2,000 spans, one label keystroke.

Usage: python benchmarks/ui_latency.py
Last line: startup_ms=N first_open_ms=N open_ms=N label_ms=N
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


def main() -> None:
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from annotator.ui.app.main_window import MainWindow
    from annotator.ui.app.settings import AppSettings

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        project = _prepare(folder)
        startup = _startup_ms(project, folder)
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
        print(f"article_chars={len(text)} spans={spans} opens={len(opens)} keystrokes={len(labels)} "
              f"full_article_repaint_ms={full_ms:.1f}")
        print(f"startup_ms={startup:.0f} first_open_ms={first_open:.1f} open_ms={statistics.median(opens):.1f} "
              f"label_ms={statistics.median(labels):.1f}")


if __name__ == "__main__":
    main()
