"""The check a project runs when it opens (`annotator check --quick`): the one validator on every span.

Usage: python benchmarks/opening_check.py [DOCUMENTS] [SPANS_PER_DOCUMENT]   (default 2,000 x 100)
Prints: opening_check spans=N quick_ms=N sql_rules_ms=N ratio=N full_ms=N

A real project file (ProjectStore) with DOCUMENTS articles of ~4 KB and SPANS_PER_DOCUMENT
spans each, spread over three annotators. quick_ms: check_project(quick=True), what the window
runs off the GUI thread on opening (SQLite's quick_check, statuses, names, and the validator on
every span's offsets, label and duplicates). sql_rules_ms, measured in the same process and
minute as the baseline: what the opening check ran before, SQLite's quick_check and two SQL
rules of its own (offsets inside the text, label declared), a second copy of the validator's rules. full_ms: `check`
without --quick (attributes, relations, texts against their hash, gold review), for scale.
Each figure is the median of 3 runs.
"""
from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from annotator.core.model import NewArticle
from annotator.services.check import check_project
from annotator.storage import ProjectStore
from annotator.storage.checks import sqlite_problems

OLD_SQL_RULES = (
    "SELECT s.id, s.document_id, s.start_offset, s.end_offset, length(d.text) FROM spans s"
    " JOIN documents d ON d.id = s.document_id"
    " WHERE s.start_offset < 0 OR s.end_offset <= s.start_offset OR s.end_offset > length(d.text)"
    " OR typeof(s.start_offset) != 'integer' OR typeof(s.end_offset) != 'integer'",
    "SELECT id, document_id, label FROM spans WHERE label NOT IN (SELECT name FROM labels)",
)
LABELS = ("ACTOR", "LOCATION", "FIGURE", "ATTRIBUTION")


def build(path: Path, documents: int, per_document: int) -> int:
    words = "Rebels said 21 civilians were killed near Saraqeb on Monday, according to local rescuers. "
    text = words * 45  # ~4 KB
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text=f"{i} {text}", title=f"a{i}") for i in range(documents)])
        ids = [store.annotator_id(name) for name in ("alice", "bob", "carol")]
        rows = [(doc, ids[n % 3], 10 * n, 10 * n + 6, LABELS[n % 4], "{}", "t", "t")
                for doc in range(1, documents + 1) for n in range(per_document)]
        with store.transaction():
            store.db.conn.executemany("INSERT INTO spans (document_id, annotator_id, start_offset, end_offset, label,"
                                      " attrs, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    return len(rows)


def median_ms(fn, runs: int = 3) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    documents = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    per_document = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "check.annotator.db"
        spans = build(path, documents, per_document)
        with ProjectStore(path) as store:
            assert check_project(store, quick=True) == []
            quick = median_ms(lambda: check_project(store, quick=True))
            old = median_ms(lambda: (list(sqlite_problems(store, quick=True)),
                                     [store.db.execute(sql).fetchall() for sql in OLD_SQL_RULES]))
            full = median_ms(lambda: check_project(store), runs=1)
    print(f"opening_check spans={spans} quick_ms={quick:.0f} sql_rules_ms={old:.0f} "
          f"ratio={quick / max(old, 1e-9):.1f} full_ms={full:.0f}")


if __name__ == "__main__":
    main()
