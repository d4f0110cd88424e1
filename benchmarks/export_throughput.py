"""`annotator export --format spacy` of 10,000 varied news articles against a script that only tokenizes them.

Usage: python benchmarks/export_throughput.py [COUNT]
Last line: export_s=N tokenize_s=N ratio=R   (ratio = tokenize_s / export_s: 1.0 or more is the goal)

Both are whole processes, started cold (a fresh interpreter: imports, spaCy's vocabulary,
reading the project file, all counted), best of two each. The corpus (benchmarks/_corpus.py
varied_articles) has about 4 KB and 35 spans an article over a long-tailed vocabulary, so
spaCy's tokenizer cache helps it as little as it helps real news. The project is built first
and its tokens stored (as the app does in the background right after an import), timed
apart as fill_tokens_s: the export reads the stored arrays and tokenizes nothing.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _corpus import varied_articles  # noqa: E402
from _process import annotator, best_of, tokenize_only  # noqa: E402

from annotator.core.model import NewArticle  # noqa: E402
from annotator.nlp.tokens import fill_missing  # noqa: E402
from annotator.storage import ProjectStore  # noqa: E402


def build(path: Path, count: int, annotators: tuple[str, ...] = ("bench",)) -> tuple[int, float]:
    """A project of `count` varied articles, every annotator's layer done; (spans, seconds to fill tokens)."""
    store = ProjectStore(path)
    spans = 0
    batch: list[tuple[str, list]] = []
    for item in varied_articles(count):
        batch.append(item)
        if len(batch) == 500 or len(batch) + store.document_count() == count:
            for name in annotators:
                articles = [NewArticle(text=t, title=t.split("\n", 1)[0], meta={"group": f"s{hash(t) % 5000}"},
                                       spans=tuple(s)) for t, s in batch]
                spans += store.import_articles(articles, annotator=name).spans_added
            batch = []
    with store.transaction():  # every layer done, as exports and agreement select
        store.db.execute("INSERT OR REPLACE INTO statuses SELECT d.id, a.id, 'done', '2026-01-01' "
                         "FROM documents d, annotators a")
    t0 = time.perf_counter()
    fill_missing(store)
    fill_s = time.perf_counter() - t0
    store.close()
    return spans, fill_s


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp) / "bench.annotator.db"
        spans, fill_s = build(project, count)
        out = Path(tmp) / "out"
        export_s, export_mb = best_of(2, lambda: annotator(project, "export", "--format", "spacy", "--source",
                                                           "bench", "--split", "80,10,10", "--out", str(out)))
        tokenize_s, tokenize_mb = best_of(2, lambda: tokenize_only(project))
        size = sum(p.stat().st_size for p in out.glob("*.spacy"))
    print(f"documents={count} spans={spans} spacy_bytes={size} fill_tokens_s={fill_s:.2f} "
          f"export_peak_mb={export_mb:.0f} tokenize_peak_mb={tokenize_mb:.0f}")
    print(f"export_s={export_s:.2f} tokenize_s={tokenize_s:.2f} ratio={tokenize_s / export_s:.2f}")


if __name__ == "__main__":
    main()
