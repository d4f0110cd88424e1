"""The project's own model: a blank-English spaCy NER pipeline trained on one layer, on the CPU.

Why NER and not spancat: our spans are flat and run to any length ("between 800 and 1,000",
"has repeatedly said", "Hayat Tahrir al-Sham" is five tokens), while spancat's default
suggester proposes 1-3 tokens only and a longer n-gram suggester multiplies the candidates it
scores; NER's transition parser finds spans of any length in one linear pass and trains in
about a minute on a few hundred short articles on two cores. The price: no overlapping spans
(of overlapping spans the longest is kept, as the export flattens) and no per-span score.

The pipeline is kept as spaCy bytes (config and weights) inside the project file, tagged with
the spaCy version that made it; another version is refused rather than guessed at.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Sequence

from annotator.core.errors import AnnotatorError
from annotator.core.suggestion import Suggestion

if TYPE_CHECKING:
    from spacy.language import Language

Triple = tuple[int, int, str]
Progress = Callable[[int, int], None]  # (steps done, steps in all)


class ModelError(AnnotatorError):
    """A model that cannot be trained, loaded or used; one line for the user."""


@dataclass(frozen=True, slots=True)
class TrainingSettings:
    epochs: int = 12
    dropout: float = 0.2
    seed: int = 0
    batch_start: float = 4.0  # minibatch sizes compound from this to batch_stop (spaCy's default schedule)
    batch_stop: float = 32.0


def spacy_version() -> str:
    import spacy

    return spacy.__version__


def train_pipeline(examples: Sequence[tuple[str, Sequence[Triple]]], labels: Sequence[str],
                   settings: TrainingSettings = TrainingSettings(), progress: Progress | None = None) -> "Language":
    """A blank-English NER pipeline trained on `examples` (text, spans); overlaps are flattened."""
    import spacy
    from spacy.training import Example
    from spacy.util import compounding, fix_random_seed, minibatch

    fix_random_seed(settings.seed)
    nlp = spacy.blank("en")
    ner = nlp.add_pipe("ner")
    for label in labels:
        ner.add_label(label)
    train = [Example(nlp.make_doc(text), _reference(nlp, text, spans)) for text, spans in examples]
    optimizer = nlp.initialize(lambda: train)
    rng = random.Random(settings.seed)
    batches_per_epoch = max(1, len(train) // int(settings.batch_start))  # an upper bound, for progress only
    total = settings.epochs * batches_per_epoch
    step = 0
    for _ in range(settings.epochs):
        rng.shuffle(train)
        sizes = compounding(settings.batch_start, settings.batch_stop, 1.001)
        done_in_epoch = 0
        for batch in minibatch(train, size=sizes):
            nlp.update(batch, drop=settings.dropout, sgd=optimizer)
            done_in_epoch += 1
            if progress is not None:
                progress(min(step + done_in_epoch, total), total)
        step += batches_per_epoch
        if progress is not None:
            progress(min(step, total), total)
    return nlp


def _reference(nlp: "Language", text: str, spans: Sequence[Triple]):
    """The gold Doc of one example: spans grown to whole tokens, overlaps flattened (longest first)."""
    doc = nlp.make_doc(text)
    ents, taken = [], set()
    for start, end, label in sorted(spans, key=lambda s: (-(s[1] - s[0]), s[0], s[2])):
        span = doc.char_span(start, end, label=label, alignment_mode="expand")
        if span is None or not span.text.strip() or taken & set(range(span.start, span.end)):
            continue
        taken.update(range(span.start, span.end))
        ents.append(span)
    doc.ents = sorted(ents, key=lambda s: s.start)
    return doc


def pipeline_bytes(nlp: "Language") -> bytes:
    """Config and weights of a pipeline in one byte string (stored in the project file)."""
    import srsly  # spaCy's own serializer: msgpack, which (unlike pickle) runs no code when read

    return srsly.msgpack_dumps({"config": nlp.config.to_str(), "bytes": nlp.to_bytes()})


def load_pipeline(data: bytes, made_with: str) -> "Language":
    """The pipeline stored as `data`; refused in one line when another spaCy version made it."""
    import spacy
    import srsly
    from thinc.api import Config

    here = spacy_version()
    if _minor(made_with) != _minor(here):
        raise ModelError(f"the stored model was trained with spaCy {made_with}, this is spaCy {here}: "
                         "train it again with `annotator train`")
    try:
        stored = srsly.msgpack_loads(data)
        nlp = spacy.util.load_model_from_config(Config().from_str(stored["config"]), auto_fill=True)
        return nlp.from_bytes(stored["bytes"])
    except Exception as exc:  # noqa: BLE001 - any unreadable model is one line, never a traceback
        raise ModelError(f"the stored model cannot be read ({type(exc).__name__}); train it again "
                         "with `annotator train`") from None


def _minor(version: str) -> tuple[str, ...]:
    return tuple(version.split(".")[:2])


def predict(nlp: "Language", texts: Sequence[str], batch_size: int = 64) -> list[list[Suggestion]]:
    """The model's entities of each text as suggestions."""
    out = []
    for doc in nlp.pipe(texts, batch_size=batch_size):
        out.append([Suggestion(e.start_char, e.end_char, e.label_, "model") for e in doc.ents])
    return out
