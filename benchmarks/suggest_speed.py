"""Speed of the suggestion sources, and the trained model's quality on unseen documents.

- rules: rule_suggestions() on generated news-length articles (about 3 KB each);
- memory: a project memory of every string of 500 labelled documents (plus 5,000 made-up
  names), tokenizing each article included (what opening a document costs today);
- model: `train_model` on a real project file whose layer has 500 short labelled documents
  (400 trained on, 100 held out, as `annotator train` does), then predictions on 300 unseen
  documents whose names and places the training documents never use.

Usage: python benchmarks/suggest_speed.py [EPOCHS]
Last line: rules_ms_per_doc=N memory_ms_per_doc=N model_docs_per_s=N train_s=N
"""
from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from _corpus import articles  # noqa: E402
from _labelled import corpus  # noqa: E402

from annotator.core.evaluation import Evaluation  # noqa: E402
from annotator.core.model import NewArticle, Status  # noqa: E402
from annotator.nlp.tokenizer import blank_nlp  # noqa: E402
from annotator.services.suggestions import build_memory, load_project_model  # noqa: E402
from annotator.services.training import train_model  # noqa: E402
from annotator.storage import ProjectStore  # noqa: E402
from annotator.suggest.pipeline import TrainingSettings, predict  # noqa: E402
from annotator.suggest.rules import rule_suggestions  # noqa: E402
from annotator.suggest.token_source import document_tokens  # noqa: E402


def timed_ms(fn, items) -> float:
    started = time.perf_counter()
    for item in items:
        fn(item)
    return 1000 * (time.perf_counter() - started) / len(items)


def project_with_layer(path: Path, labelled: list) -> None:
    rng = random.Random(3)
    names = [f"Brigade {n} Commander" for n in rng.sample(range(10**6), 5000)]
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text=t, title=f"doc {i}", spans=tuple(s))
                               for i, (t, s) in enumerate(labelled)], annotator="alice")
        extra = " ".join(names)
        store.import_articles([NewArticle(text=extra, title="names", spans=tuple(
            (extra.index(n), extra.index(n) + len(n), "ACTOR") for n in names))], annotator="bob")
        for doc in store.iter_documents():
            if doc.title != "names":
                store.set_status(doc.id, "alice", Status.DONE)


def main(epochs: int) -> None:
    news = articles(200, seed=7)
    blank_nlp()  # spaCy loads once, in the background of the app; not part of a document's cost
    rules_ms = timed_ms(rule_suggestions, news)
    labelled, unseen = corpus(500, seed=1), corpus(300, seed=2, unseen=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.annotator.db"
        project_with_layer(path, labelled)
        with ProjectStore(path) as store:
            memory = build_memory(store)
            memory_ms = timed_ms(lambda t: memory.suggest(t, document_tokens(t)), news)
            print(f"memory_strings={len(memory)} article_chars={sum(map(len, news)) // len(news)}")
            result = train_model(store, "alice", TrainingSettings(epochs=epochs))
            nlp = load_project_model(store)
    print(result.summary())
    started = time.perf_counter()
    found = predict(nlp, [t for t, _ in unseen])
    docs_per_s = len(unseen) / (time.perf_counter() - started)
    ev = Evaluation(["ACTOR", "LOCATION", "FIGURE", "ATTRIBUTION"])
    for (_, gold), pred in zip(unseen, found):
        ev.add([s.key for s in pred], gold)
    per = " ".join(f"{k.lower()}_f1={v.f1:.3f}" for k, v in ev.per_label().items())
    print(f"unseen_docs={len(unseen)} model_f1={ev.overall().f1:.3f} {per}")
    print(f"rules_ms_per_doc={rules_ms:.2f} memory_ms_per_doc={memory_ms:.2f} "
          f"model_docs_per_s={docs_per_s:.0f} train_s={result.seconds:.1f}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else TrainingSettings().epochs)
