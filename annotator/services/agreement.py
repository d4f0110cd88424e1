"""Agreement over a project: read the labelled layers and their stored tokens, do the maths."""
from __future__ import annotations

from dataclasses import replace
from typing import Callable, Iterator

from annotator.core.agreement import AgreementReport, LayeredDocument, compute_agreement
from annotator.core.attribute_agreement import RelationAgreement, extras_agreement
from annotator.nlp.tokens import tokens_of
from annotator.storage import ProjectStore
from annotator.storage import review_store as rs
from annotator.storage.extras_store import layer_extras

labelled_annotators = rs.labelled_annotators  # who labelled which document, for "why is it empty"

Progress = Callable[[int, int], None]  # (documents done, documents in all)
_BATCH = 256  # documents per tokenizer batch


def measure_agreement(store: ProjectStore, progress: Progress | None = None) -> AgreementReport:
    """Every annotator pair over the documents both labelled (see annotator.storage.review_store)."""
    labelled = {doc: names for doc, names in rs.labelled_annotators(store).items() if len(names) >= 2}
    labels = [label.name for label in store.labels()]
    report = compute_agreement(_layered(store, labelled, progress), labels)
    extras = extras_agreement(layer_extras(store, labelled))
    nothing = ({}, RelationAgreement(0, 0, 0, None))
    pairs = [replace(p, attributes=extras.get((p.a, p.b), nothing)[0], relations=extras.get((p.a, p.b), nothing)[1])
             for p in report.pairs]
    return replace(report, pairs=pairs)


def _layered(store: ProjectStore, labelled: dict[int, tuple[str, ...]],
             progress: Progress | None) -> Iterator[LayeredDocument]:
    batch: list[tuple[int, str, str, dict]] = []
    done = 0
    for item in rs.iter_layers(store, labelled, columns=True, with_text=False):  # tokens are stored
        batch.append(item)
        if len(batch) == _BATCH:
            yield from _tokenized(store, batch)
            done += len(batch)
            batch = []
            if progress is not None:
                progress(done, len(labelled))
    yield from _tokenized(store, batch)
    if progress is not None:
        progress(len(labelled), len(labelled))


def _tokenized(store: ProjectStore, batch: list[tuple[int, str, str, dict]]) -> Iterator[LayeredDocument]:
    tokens = tokens_of(store, [doc for doc, _, _, _ in batch])
    for (doc, title, _, layers), doc_tokens in zip(batch, tokens):
        yield LayeredDocument(doc, title, *doc_tokens.words(), layers)
