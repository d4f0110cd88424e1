"""Import 10,000 generated news-length article files into a fresh project; print documents/s.

Usage: python benchmarks/import_throughput.py [COUNT]
Last line: import_docs_per_s=N
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _corpus import articles  # noqa: E402

from annotator.services.importing import import_paths  # noqa: E402
from annotator.storage import ProjectStore  # noqa: E402


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        for i, text in enumerate(articles(count)):
            (folder / f"{i:05d}.txt").write_text(text, encoding="utf-8")
        size = sum(p.stat().st_size for p in folder.iterdir())
        store = ProjectStore(Path(tmp) / "bench.db")
        t0 = time.perf_counter()
        report = import_paths(store, [folder])
        elapsed = time.perf_counter() - t0
        store.close()
        assert report.documents_added == count, report.summary()
        print(f"files={count} bytes={size} seconds={elapsed:.2f}")
        print(f"import_docs_per_s={count / elapsed:.0f}")


if __name__ == "__main__":
    main()
