"""Import and background tokenizing of English articles with language detection and per-language tokenizers, against without.

Usage: python benchmarks/language_speed.py [N]   (N English articles, default 2000)
"without": the import with the detector switched off (every article the project default, as
before issue 19) and the fill timed as the bare blank-English tokenizer over the same texts
plus the store writes. Runs alternate in this process, which goes first changing each round, a
garbage collection before each, so that load and warm caches move both alike; ratios are of the
medians of 9 rounds. Each round's import ratio is printed too (a shared machine loads some
rounds), and the ratio of the fastest runs (`import_ratio_best`: timeit's estimator of what the
code itself costs).
Last line: import_ratio=N import_ratio_best=N fill_ratio=N detect_us_per_article=N
"""
from __future__ import annotations

import gc
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from annotator.ingest import language  # noqa: E402
from annotator.nlp import tokens as nlp_tokens  # noqa: E402
from annotator.services.importing import import_paths  # noqa: E402
from annotator.storage import ProjectStore, token_store  # noqa: E402


def _articles(n: int) -> list[str]:
    para = ("Some {n:,} Syrians, mostly women and children, have fled Idlib province since early December, "
            "the UN said on Thursday. Rescuers said dozens were missing near Atmeh camp, officials told Reuters. ")
    return [" ".join(para.format(n=i * 7 + k) for k in range(6)) for i in range(n)]


def _import(folder: Path, texts: list[str], detect: bool) -> tuple[float, Path]:
    source = folder / "in.jsonl"
    source.write_text("\n".join(json.dumps({"text": t}) for t in texts), encoding="utf-8")
    path = folder / f"p-{detect}-{time.monotonic_ns()}.db"
    original = language.detect_language
    if not detect:
        language.detect_language = lambda text: None
    try:
        with ProjectStore(path) as store:
            start = time.perf_counter()
            import_paths(store, [source])
            return time.perf_counter() - start, path
    finally:
        language.detect_language = original


def _fill(path: Path, per_language: bool) -> float:
    with ProjectStore(path) as store:
        start = time.perf_counter()
        if per_language:
            nlp_tokens.fill_missing(store, helpers=0)
        else:  # the pre-issue-19 path: one English pipeline, one tag, no language column read
            tag = nlp_tokens.tokenizer_tag()
            rows = store.db.execute("SELECT id, text FROM documents ORDER BY id").fetchall()
            made = nlp_tokens.tokenize_many([t for _, t in rows])
            token_store.write_tokens(store, ((i, t.pack(), "en") for (i, _), t in zip(rows, made)), tag)
        return time.perf_counter() - start


ROUNDS = 9


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    texts = _articles(n)
    nlp_tokens.tokenize_many(["warm up"])
    folder = Path(tempfile.mkdtemp(prefix="lang-speed-"))
    with_import, without_import, with_fill, without_fill = [], [], [], []
    for round_ in range(ROUNDS):
        for detect in (True, False) if round_ % 2 == 0 else (False, True):
            gc.collect()
            seconds, path = _import(folder, texts, detect=detect)
            (with_import if detect else without_import).append(seconds)
            gc.collect()
            (with_fill if detect else without_fill).append(_fill(path, per_language=detect))
    start = time.perf_counter()
    for text in texts:
        language.detect_language(text)
    detect_us = (time.perf_counter() - start) / n * 1e6
    a, b = statistics.median(with_import), statistics.median(without_import)
    c, d = statistics.median(with_fill), statistics.median(without_fill)
    print(f"import_s={a:.2f} base_import_s={b:.2f} fill_s={c:.2f} base_fill_s={d:.2f}")
    print("round_import_ratios=" + ",".join(f"{w / o:.2f}" for w, o in zip(with_import, without_import)))
    best = min(with_import) / min(without_import)
    print(f"import_ratio={a / b:.2f} import_ratio_best={best:.2f} fill_ratio={c / d:.2f} "
          f"detect_us_per_article={detect_us:.0f}")


if __name__ == "__main__":
    main()
