"""Agreement over 10,000 generated articles labelled by three partly agreeing annotators.

Times the whole of `annotator agreement`: reading the labelled layers from the project file,
tokenizing every document once, and every pair's figures, alpha and the document ranking.

Usage: python benchmarks/agreement_speed.py [COUNT]
Last line: agreement_s=N docs=N annotators=N
"""
from __future__ import annotations

import random
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _corpus import _ACTORS, _PLACES, _VERBS, articles  # noqa: E402

from annotator.core.model import NewArticle, Status  # noqa: E402
from annotator.services.agreement import measure_agreement  # noqa: E402
from annotator.storage import ProjectStore  # noqa: E402

ANNOTATORS = ("alice", "bob", "carol")
_PATTERNS = [
    (re.compile(r"\d[\d,]*(?= people)"), "FIGURE"),
    (re.compile("|".join(re.escape(p) for p in _PLACES)), "LOCATION"),
    (re.compile("|".join(re.escape(a.removeprefix("the ").removeprefix("a ")) for a in _ACTORS)), "ACTOR"),
    (re.compile("|".join(re.escape(v.split()[0] if v != "according to" else v) for v in _VERBS)), "ATTRIBUTION"),
]
_LABELS = [label for _, label in _PATTERNS]


def reference_spans(text: str) -> list[tuple[int, int, str]]:
    """The spans a careful annotator would make (minimal spans, as the guidelines ask)."""
    return sorted({(m.start(), m.end(), label) for pattern, label in _PATTERNS for m in pattern.finditer(text)})


def annotator_spans(text: str, reference: list[tuple[int, int, str]], rng: random.Random) -> tuple:
    """A human's version: misses some, mislabels a few, takes in a neighbouring word now and then."""
    out = set()
    for start, end, label in reference:
        roll = rng.random()
        if roll < 0.07:
            continue
        if roll < 0.11:
            label = rng.choice([x for x in _LABELS if x != label])
        elif roll < 0.17:
            grow = text.find(" ", end + 1)  # one more word: "Idlib" -> "Idlib after"
            end = grow if grow > end else end
        out.add((start, end, label))
    if rng.random() < 0.5:  # an extra span nobody else made
        start = rng.randrange(0, max(1, len(text) - 10))
        out.add((start, start + 5, rng.choice(_LABELS)))
    return tuple(sorted(out))


def build(path: Path, count: int) -> int:
    rng = random.Random(7)
    texts = articles(count, seed=3)
    references = [reference_spans(t) for t in texts]
    store = ProjectStore(path)
    spans = 0
    for name in ANNOTATORS:
        batch = [NewArticle(text=t, title=t.split("\n", 1)[0], spans=annotator_spans(t, ref, rng))
                 for t, ref in zip(texts, references)]
        spans += store.import_articles(batch, annotator=name).spans_added
    ids = [row[0] for row in store.db.execute("SELECT id FROM documents").fetchall()]
    with store.transaction():  # one transaction: thirty thousand statuses in a second
        for name in ANNOTATORS:
            for doc in ids:
                store.set_status(doc, name, Status.DONE)
    store.close()
    return spans


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        spans = build(path, count)
        store = ProjectStore(path)
        t0 = time.perf_counter()
        report = measure_agreement(store)
        elapsed = time.perf_counter() - t0
        store.close()
    print(f"spans={spans} alpha={report.alpha:.3f}")
    for p in report.pairs:
        print(f"{p.a}/{p.b}: documents={p.documents} exact_f1={p.exact_f1:.3f} "
              f"overlap_f1={p.overlap_f1:.3f} token_kappa={p.token_kappa:.3f}")
    print(f"agreement_s={elapsed:.2f} docs={report.pairs[0].documents} annotators={len(ANNOTATORS)}")


if __name__ == "__main__":
    main()
