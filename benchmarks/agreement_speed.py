"""`annotator agreement` over 10,000 varied news articles and three annotators, against a script that
only tokenizes them.

Usage: python benchmarks/agreement_speed.py [COUNT]
Last line: agreement_s=N tokenize_s=N ratio=R docs=N annotators=3   (ratio = tokenize_s / agreement_s)

Both are whole processes, started cold, best of two each. Each annotator's layer is the
corpus's reference spans (about 35 an article, benchmarks/_corpus.py) with a human's noise:
some missed, some relabelled, some taking in the next word, an extra span now and then. The
tokens are stored first (as the app does right after an import), timed apart as
fill_tokens_s; the agreement reads them and tokenizes nothing.
"""
from __future__ import annotations

import random
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

ANNOTATORS = ("alice", "bob", "carol")
_LABELS = ["ACTOR", "LOCATION", "FIGURE", "ATTRIBUTION"]


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
            grow = text.find(" ", end + 1)
            end = grow if grow > end else end
        out.add((start, end, label))
    if rng.random() < 0.5:
        start = rng.randrange(0, max(1, len(text) - 10))
        out.add((start, start + 5, rng.choice(_LABELS)))
    return tuple(sorted(out))


def build(path: Path, count: int, share: float = 1.0) -> tuple[int, float]:
    """`count` articles, a `share` of them (every k-th) labelled by three annotators, their
    statuses done; tokens stored. Returns (spans, seconds to store the tokens)."""
    rng = random.Random(7)
    step = max(1, round(1 / share))
    store = ProjectStore(path)
    spans, batch = 0, []
    for n, (text, reference) in enumerate(varied_articles(count), 1):
        batch.append((text, reference, n % step == 0))
        if len(batch) == 500 or n == count:
            store.import_articles([NewArticle(text=t, title=t.split("\n", 1)[0]) for t, _, _ in batch])
            for name in ANNOTATORS:
                layer = [NewArticle(text=t, title="", spans=annotator_spans(t, ref, rng)) for t, ref, on in batch if on]
                spans += store.import_articles(layer, annotator=name).spans_added if layer else 0
            batch = []
    with store.transaction():
        store.db.execute("INSERT OR REPLACE INTO statuses SELECT DISTINCT s.document_id, s.annotator_id, 'done',"
                         " '2026-01-01' FROM spans s")
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
        agreement_s, agreement_mb = best_of(2, lambda: annotator(project, "agreement", "--json"))
        tokenize_s, tokenize_mb = best_of(2, lambda: tokenize_only(project))
    print(f"spans={spans} fill_tokens_s={fill_s:.2f} agreement_peak_mb={agreement_mb:.0f} "
          f"tokenize_peak_mb={tokenize_mb:.0f}")
    print(f"agreement_s={agreement_s:.2f} tokenize_s={tokenize_s:.2f} ratio={tokenize_s / agreement_s:.2f} "
          f"docs={count} annotators={len(ANNOTATORS)}")


if __name__ == "__main__":
    main()
