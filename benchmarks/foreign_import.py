"""brat and CoNLL import against JSONL: the same documents and spans, each imported by `annotator import`
in a fresh process; prints the time ratios and each run's peak memory at two corpus sizes.

Usage: python benchmarks/foreign_import.py [COUNT]   (default 10,000 documents)
Lines: brat_vs_jsonl=R, conll_vs_jsonl=R (target: within 2), then peak MB per format and size
(streaming keeps the peak flat as the files grow).
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _corpus import articles  # noqa: E402
from _process import annotator, best_of  # noqa: E402


def documents(count: int) -> list[tuple[list[list[str]], list[list[str]]]]:
    """Per document: sentences of tokens and their tags (every 7th token an ACTOR, every 11th a LOCATION)."""
    out = []
    for text in articles(count):
        sentences = [line.split() for line in text.split("\n") if line.split()]
        tags = [["U-ACTOR" if i % 7 == 3 else "U-LOCATION" if i % 11 == 5 else "O" for i in range(len(s))]
                for s in sentences]
        out.append((sentences, tags))
    return out


def text_and_spans(sentences: list[list[str]], tags: list[list[str]]) -> tuple[str, list[tuple[int, int, str]]]:
    text, spans, pos = [], [], 0
    for n, (words, marks) in enumerate(zip(sentences, tags)):
        for i, (word, tag) in enumerate(zip(words, marks)):
            if i:
                text.append(" ")
                pos += 1
            if tag != "O":
                spans.append((pos, pos + len(word), tag[2:]))
            text.append(word)
            pos += len(word)
        if n + 1 < len(sentences):
            text.append("\n")
            pos += 1
    return "".join(text), spans


def write_all(folder: Path, docs: list) -> dict[str, Path]:
    jsonl, conll, brat = folder / "docs.jsonl", folder / "docs.conll", folder / "brat"
    brat.mkdir()
    with jsonl.open("w", encoding="utf-8") as j, conll.open("w", encoding="utf-8") as c:
        for n, (sentences, tags) in enumerate(docs):
            text, spans = text_and_spans(sentences, tags)
            j.write(json.dumps({"text": text, "spans": [{"start": s, "end": e, "label": lab} for s, e, lab in spans]},
                               ensure_ascii=False) + "\n")
            c.write("-DOCSTART- O\n\n" + "\n".join("\n".join(f"{w} {t}" for w, t in zip(ws, ts)) + "\n"
                                                   for ws, ts in zip(sentences, tags)) + "\n")
            (brat / f"{n:05d}.txt").write_text(text, encoding="utf-8")
            (brat / f"{n:05d}.ann").write_text("".join(f"T{k}\t{lab} {s} {e}\t{text[s:e]}\n"
                                                       for k, (s, e, lab) in enumerate(spans, 1)), encoding="utf-8")
    return {"jsonl": jsonl, "brat": brat, "conll": conll}


def measure(folder: Path, paths: dict[str, Path], runs: int) -> dict[str, tuple[float, float]]:
    """Best time and peak MB per format, the formats taken in turn within each round (same minute)."""
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in paths}
    for round_ in range(runs):
        for name, path in paths.items():
            project = folder / f"{name}-{round_}.annotator.db"
            results[name].append(best_of(1, lambda: annotator(project, "import", str(path), "--annotator", "bench")))
    return {name: (min(r[0] for r in rs), max(r[1] for r in rs)) for name, rs in results.items()}


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    peaks: dict[str, list[str]] = {}
    for size in (count // 5, count):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            paths = write_all(folder, documents(size))
            got = measure(folder, paths, runs=2 if size == count else 1)
            for name, (_, peak) in got.items():
                peaks.setdefault(name, []).append(f"{size} docs {peak:.0f} MB")
            if size == count:
                base = got["jsonl"][0]
                print(f"documents={count} jsonl_s={base:.2f} brat_s={got['brat'][0]:.2f} conll_s={got['conll'][0]:.2f}")
                print(f"brat_vs_jsonl={got['brat'][0] / base:.2f}")
                print(f"conll_vs_jsonl={got['conll'][0] / base:.2f}")
    for name, line in peaks.items():
        print(f"peak_{name}: {', '.join(line)}")


if __name__ == "__main__":
    main()
