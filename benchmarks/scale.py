"""A 100,000-article project, end to end: import, window, list, search, agreement, export, memory.

Usage: python benchmarks/scale.py [COUNT]   (a few minutes for 100,000; run it sparingly)
Last line: scale docs=N import_s=N window_ms=N list_ms=N search_ms=N agreement_s=N export_s=N peak_rss_mb=N

Varied text (benchmarks/_corpus.py: ~4 KB, ~35 spans an article, long-tailed vocabulary),
written as COUNT text files. Every step a user runs is a fresh process, timed whole:
- import_s: `annotator import FOLDER` of the COUNT text files into a new project.
- layers: three annotators' JSON Lines files with spans on a tenth of the articles (every
  tenth), imported with `--annotator`; their statuses set done.
- search_index_s: indexing the imported documents for search (the first thing the app's
  background fill does after an import); then the tokens of the labelled documents are
  stored (the rate is printed, so filling the rest can be reckoned from it).
- The window's own background fill then tokenizes the other nine tenths while list and
  search are timed: the figures are those of the hour after a large import.
- window_ms: process start -> main window shown and painted on the project (offscreen).
- list_ms: in that window, a refresh of the document list (worker query, model reset,
  repaint), median of 5; search_ms: the same for a search of a word, median of 5 words.
- agreement_s: `annotator agreement --json`; export_s: `annotator export --format spacy`
  of one annotator's layer (the tenth she labelled).
- peak_rss_mb: the largest peak resident memory of those processes.
"""
from __future__ import annotations

import json
import random
import sys
import tempfile
import textwrap
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _corpus import varied_articles  # noqa: E402
from _process import annotator, run  # noqa: E402
from agreement_speed import ANNOTATORS, annotator_spans  # noqa: E402

WINDOW = textwrap.dedent("""
    import os, statistics, time
    t_start = time.time()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    from annotator.ui.app.main_window import MainWindow
    from annotator.ui.app.settings import AppSettings
    app = QApplication([])
    w = MainWindow(Path(sys.argv[1]), AppSettings(Path(sys.argv[2])), "alice")
    w.resize(1340, 820)
    w.show()
    app.processEvents()
    w.repaint()
    window_ms = (time.time() - t_start) * 1000

    def timed(search):
        w.documents.search.setText(search)
        w.documents._search_timer.stop()  # the pause after typing is the user's, not the list's
        done = []
        mark = lambda *a: done.append(1)
        w.desk._list_loader.loaded.connect(mark)
        t0 = time.perf_counter()
        w.refresh_documents()
        while not done:
            app.processEvents()
        w.documents.table.viewport().repaint()  # what a refresh changes on screen
        ms = (time.perf_counter() - t0) * 1000
        w.desk._list_loader.loaded.disconnect(mark)
        return ms, w.documents.model.rowCount()

    lists = [timed("")[0] for _ in range(5)]
    searches = [timed(word) for word in sys.argv[3].split(",")]
    print(json.dumps({"window_ms": window_ms, "list_ms": statistics.median(lists),
                      "search_ms": statistics.median(ms for ms, _ in searches),
                      "search_hits": [n for _, n in searches], "rows": timed("")[1]}))
    w.close()
""")


def write_corpus(folder: Path, count: int) -> list[tuple[int, str, list]]:
    """COUNT text files; returns (n, text, reference spans) of every tenth article."""
    folder.mkdir()
    labelled = []
    for n, (text, spans) in enumerate(varied_articles(count)):
        (folder / f"{n // 1000:03d}").mkdir(exist_ok=True)
        (folder / f"{n // 1000:03d}" / f"{n:06d}.txt").write_text(text, encoding="utf-8")
        if n % 10 == 0:
            labelled.append((n, text, spans))
    return labelled


def write_layers(folder: Path, labelled: list[tuple[int, str, list]]) -> list[Path]:
    rng = random.Random(7)
    files = []
    for name in ANNOTATORS:
        path = folder / f"{name}.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for _, text, reference in labelled:
                spans = [{"start": s, "end": e, "label": label} for s, e, label in annotator_spans(text, reference, rng)]
                f.write(json.dumps({"text": text, "spans": spans}, ensure_ascii=False) + "\n")
        files.append(path)
    return files


def index_search(project: Path) -> float:
    """The window's first background step after an import: index the queued documents. Seconds."""
    from annotator.storage import ProjectStore
    from annotator.storage.search import index_pending

    with ProjectStore(project) as store:
        t0 = time.perf_counter()
        while index_pending(store, 2000):
            pass
        return time.perf_counter() - t0


def store_tokens(project: Path) -> tuple[int, float]:
    """Statuses done for the layers; tokens of the labelled documents stored. (documents, seconds)."""
    from annotator.nlp.tokens import tokens_of
    from annotator.storage import ProjectStore

    with ProjectStore(project) as store:
        with store.transaction():
            store.db.execute("INSERT OR REPLACE INTO statuses SELECT DISTINCT s.document_id, s.annotator_id,"
                             " 'done', '2026-01-01' FROM spans s")
        ids = [r[0] for r in store.db.execute("SELECT DISTINCT document_id FROM spans ORDER BY 1")]
        t0 = time.perf_counter()
        for i in range(0, len(ids), 256):
            tokens_of(store, ids[i:i + 256])
        return len(ids), time.perf_counter() - t0


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    peaks: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        project = tmp_path / "scale.annotator.db"
        labelled = write_corpus(tmp_path / "articles", count)
        import_s, peaks["import"] = annotator(project, "import", str(tmp_path / "articles"))
        layers_s = 0.0
        for path, name in zip(write_layers(tmp_path, labelled), ANNOTATORS):
            seconds, peak = annotator(project, "import", str(path), "--annotator", name)
            layers_s, peaks[f"import {name}"] = layers_s + seconds, peak
        index_s = index_search(project)
        tokenized, tokens_s = store_tokens(project)
        words = "preorlyn,nevik,said,teshro,monitors"
        window = _window(project, tmp_path, words, peaks)
        agreement_s, peaks["agreement"] = annotator(project, "agreement", "--json")
        export_s, peaks["export"] = annotator(project, "export", "--format", "spacy", "--source", "alice",
                                              "--out", str(tmp_path / "out"))
        size_mb = project.stat().st_size / 2**20
    print(f"layers_import_s={layers_s:.1f} search_index_s={index_s:.1f} labelled_docs={len(labelled)} "
          f"tokens_stored={tokenized} "
          f"tokens_docs_per_s={tokenized / tokens_s:.0f} project_mb={size_mb:.0f} "
          f"search_hits={window['search_hits']} rows={window['rows']}")
    print("peaks_mb " + " ".join(f"{k.replace(' ', '_')}={v:.0f}" for k, v in peaks.items()))
    print(f"scale docs={count} import_s={import_s:.1f} window_ms={window['window_ms']:.0f} "
          f"list_ms={window['list_ms']:.0f} search_ms={window['search_ms']:.0f} agreement_s={agreement_s:.1f} "
          f"export_s={export_s:.1f} peak_rss_mb={max(peaks.values()):.0f}")


def _window(project: Path, tmp_path: Path, words: str, peaks: dict[str, float]) -> dict:
    out = tmp_path / "window.json"
    code = "import json\n" + WINDOW.replace("print(json.dumps(", f"open({str(out)!r}, 'w').write(json.dumps(")
    _, peaks["window"] = run(code, [str(project), str(tmp_path / "ui.ini"), words])
    return json.loads(out.read_text())


if __name__ == "__main__":
    main()
