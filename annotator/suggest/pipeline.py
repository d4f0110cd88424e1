"""The project's own model: a blank-English spaCy NER pipeline trained on one layer, on the CPU.

Why NER and not spancat: our spans are flat and run to any length ("between 800 and 1,000",
"has repeatedly said", "Hayat Tahrir al-Sham" is five tokens), while spancat's default
suggester proposes 1-3 tokens only and a longer n-gram suggester multiplies the candidates it
scores; NER's transition parser finds spans of any length in one linear pass and trains in
about a minute on a few hundred short articles on two cores. The price: no overlapping spans
(of overlapping spans the longest is kept, as the export flattens) and no per-span score.

The pipeline is kept as spaCy bytes (config and weights) inside the project file, tagged with
the spaCy version that made it; another version is refused rather than guessed at. A stored
model is data from a file that may come from anyone: it is rebuilt from our own config
(`_our_pipeline`: blank English, our tokenizer, one NER with the project's labels) and only the
NER weights are read from it. A blob whose config differs from ours in any way (`source`,
paths, other factories, registered functions or callbacks) or that carries tokenizer rules or
parts of its own is refused in one line, before anything in it is used.
"""
from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Sequence

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
    from spacy.training import Example
    from spacy.util import compounding, fix_random_seed, minibatch

    fix_random_seed(settings.seed)
    nlp = _our_pipeline(labels)
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


def _our_pipeline(labels: Sequence[str]) -> "Language":
    """The one pipeline we train and load: blank English (our tokenizer) and a NER of `labels`."""
    import spacy

    nlp = spacy.blank("en")
    ner = nlp.add_pipe("ner")
    for label in labels:
        ner.add_label(label)
    return nlp


_PARTS = {"config.cfg", "meta.json", "vocab", "tokenizer", "ner"}  # what Language.to_bytes writes for ours


def load_pipeline(data: bytes, made_with: str, labels: Sequence[str] = ()) -> "Language":
    """Our pipeline for `labels` with the NER weights stored in `data`; refused in one line when
    another spaCy version made it, or when `data` asks for anything our own config does not."""
    here = spacy_version()
    if _minor(made_with) != _minor(here):
        raise ModelError(f"the stored model was trained with spaCy {made_with}, this is spaCy {here}: "
                         "train it again with `annotator train`")
    nlp = _our_pipeline(())  # its labels come with the weights' moves, and must be the project's
    parts = _blob_parts(data)
    for text in (parts["config"], parts["config.cfg"]):
        _same_config(nlp, text)
    if parts["tokenizer"] != nlp.tokenizer.to_bytes(exclude=["vocab"]):
        raise _refused("it carries tokenizer rules of its own")
    try:
        nlp.get_pipe("ner").from_bytes(parts["ner"], exclude=["vocab"])
    except Exception as exc:  # noqa: BLE001 - weights that do not fit are one line, never a traceback
        raise ModelError(f"the stored model's weights cannot be read ({type(exc).__name__}); train it again "
                         "with `annotator train`") from None
    extra = sorted(set(nlp.get_pipe("ner").labels) - set(labels))
    if extra:
        raise _refused(f"it predicts labels this project's table lacks ({', '.join(extra)[:80]})")
    return nlp


def _blob_parts(data: bytes) -> dict[str, Any]:
    """The stored config and the parts of the pipeline's bytes, as data: msgpack runs no code."""
    import srsly

    try:
        stored = srsly.msgpack_loads(data)
        parts = srsly.msgpack_loads(stored["bytes"]) if isinstance(stored, dict) else None
    except Exception:  # noqa: BLE001 - not msgpack at all
        parts = stored = None
    if not isinstance(parts, dict) or not isinstance(stored.get("config"), str):
        raise ModelError("the stored model cannot be read (not a pipeline this version writes); train it again "
                         "with `annotator train`")
    unknown = sorted(str(k) for k in parts if k not in _PARTS)
    if unknown or not all(isinstance(parts.get(k), bytes) for k in ("config.cfg", "tokenizer", "ner")):
        raise _refused(f"its pipeline has parts ours does not ({', '.join(unknown)[:80] or 'missing parts'})")
    return {**parts, "config": stored["config"], "config.cfg": parts["config.cfg"].decode("utf-8", "replace")}


def _same_config(nlp: "Language", text: str) -> None:
    """Refuse a stored config that differs from ours in any value (parsed as text, never resolved)."""
    from thinc.api import Config

    try:
        theirs = Config().from_str(text, interpolate=False)
    except Exception:  # noqa: BLE001 - a config that does not parse
        raise _refused("its config does not parse") from None
    ours = Config().from_str(nlp.config.to_str(), interpolate=False)
    for section in sorted(set(ours) | set(theirs)):  # [paths], [initialize] too: nothing of theirs is used
        mine, other = _flat(ours.get(section, {})), _flat(theirs.get(section, {}))
        for key in sorted(mine.keys() | other.keys()):
            if mine.get(key, _MISSING) != other.get(key, _MISSING):
                shown = repr(other.get(key, "(absent)"))
                raise _refused(f"its config sets {section}.{key} = {shown[:60]}, ours {mine.get(key, '(absent)')!r:.60}")


_MISSING = object()


def _flat(value: Any, prefix: str = "") -> dict[str, Any]:
    if not isinstance(value, dict):
        return {prefix: value}
    out: dict[str, Any] = {}
    for key, item in value.items():
        out.update(_flat(item, f"{prefix}.{key}" if prefix else str(key)))
    return out


def _refused(why: str) -> ModelError:
    return ModelError(f"the stored model is refused: {why}; a stored model is data, only the weights of our own "
                      "pipeline are read from it (train it again with `annotator train`)")


def _minor(version: str) -> tuple[str, ...]:
    return tuple(version.split(".")[:2])


def predict(nlp: "Language", texts: Sequence[str], batch_size: int = 64) -> list[list[Suggestion]]:
    """The model's entities of each text as suggestions."""
    out = []
    for doc in nlp.pipe(texts, batch_size=batch_size):
        out.append([Suggestion(e.start_char, e.end_char, e.label_, "model") for e in doc.ents])
    return out
