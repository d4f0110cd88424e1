"""Train the project's suggestion model on one layer and store it in the project file.

The layer's labelled documents (counted as agreement counts them; for gold, the adjudicated
ones) are split by the SHA-256 of their text: a fifth (at least one document) is kept aside,
never trained on, and the model's exact-match scores on it are stored and reported.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Callable

from annotator.core.errors import AnnotatorError
from annotator.core.evaluation import Evaluation
from annotator.core.model import GOLD
from annotator.storage import ProjectStore
from annotator.storage import review_store as rs
from annotator.storage import suggestion_store as ss
from annotator.storage.corpus import iter_layer
from annotator.suggest.pipeline import TrainingSettings, pipeline_bytes, predict, spacy_version, train_pipeline
from annotator.core.wording import plural

MIN_DOCUMENTS = 10  # fewer cannot both train a model and measure it
HELD_OUT_SHARE = 0.2
Progress = Callable[[int, int, str], None]  # (done, total, what)


@dataclass(frozen=True, slots=True)
class TrainingResult:
    source: str
    documents: int
    held_out: int
    seconds: float
    scores: dict[str, Any]  # Evaluation.to_json() on the held-out documents

    def summary(self) -> str:
        overall = self.scores["overall"]
        lines = [f"trained on {plural(self.documents - self.held_out, 'document')} of {self.source!r} in "
                 f"{self.seconds:.1f} s; on the {self.held_out} held out (exact match):"]
        for label, s in {**self.scores["per_label"], "overall": overall}.items():
            lines.append(f"  {label:<14} P {_f(s['precision'])}  R {_f(s['recall'])}  F1 {_f(s['f1'])}")
        return "\n".join(lines)


def _f(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.3f}"


def labelled_documents(store: ProjectStore, source: str) -> list[int]:
    """Documents `source` has labelled: adjudicated for gold, else as agreement counts them."""
    if source == GOLD:
        return sorted(rs.adjudicated_documents(store))
    if source not in store.annotators():
        raise AnnotatorError(f"{store.path.name}: no layer called {source!r}; one of "
                             f"{', '.join(store.annotators()) or '(nobody has annotated yet)'}")
    return [doc for doc, names in rs.labelled_annotators(store).items() if source in names]


def train_model(store: ProjectStore, source: str, settings: TrainingSettings = TrainingSettings(),
                progress: Progress | None = None) -> TrainingResult:
    """Train on `source`'s labelled documents, measure on the held-out part, store the model."""
    ids = labelled_documents(store, source)
    if len(ids) < MIN_DOCUMENTS:
        raise AnnotatorError(f"layer {source!r} has {plural(len(ids), 'labelled document')}; training needs at least "
                             f"{MIN_DOCUMENTS} (labelled: marked done, or adjudicated for gold)")
    examples = [(doc.sha256, doc.text, [s.key for s in spans]) for doc, spans in iter_layer(store, source, ids)]
    examples.sort()  # by the text's SHA-256: the same corpus always gives the same split
    cut = max(1, round(len(examples) * HELD_OUT_SHARE))
    held, train = examples[:cut], examples[cut:]
    labels = [label.name for label in store.labels()]
    started = time.perf_counter()
    nlp = train_pipeline([(t, s) for _, t, s in train], labels, settings,
                         (lambda d, t: progress(d, t, "training")) if progress else None)
    seconds = time.perf_counter() - started
    evaluation = Evaluation(labels)
    for (_, _, gold), found in zip(held, predict(nlp, [t for _, t, _ in held])):
        evaluation.add([s.key for s in found], gold)
    scores = evaluation.to_json()
    ss.save_model(store, ss.StoredModel(
        source, tuple(labels), spacy_version(), pipeline_bytes(nlp), scores, len(examples), len(held), seconds,
        datetime.now(timezone.utc).isoformat(timespec="seconds")))
    return TrainingResult(source, len(examples), len(held), seconds, scores)


def train_in_process(project: str, source: str, epochs: int, messages: Any) -> None:
    """Entry point of a separate training process (the app's): progress and the result go to `messages`,
    a multiprocessing queue, as ("progress", done, total), then ("done", summary) or ("error", line)."""
    from annotator.storage import ProjectStore

    try:
        with ProjectStore(project, create=False) as store:
            result = train_model(store, source, TrainingSettings(epochs=epochs),
                                 lambda d, t, _what: messages.put(("progress", d, t)))
        messages.put(("done", result.summary()))
    except AnnotatorError as exc:
        messages.put(("error", str(exc)))
    except Exception as exc:  # noqa: BLE001 - the window shows one line; the process ends either way
        messages.put(("error", f"{type(exc).__name__}: {exc}"))
