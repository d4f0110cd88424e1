"""Agreement over a project: read the labelled layers, tokenize each document once, do the maths."""
from __future__ import annotations

from typing import Callable, Iterable, Iterator

import numpy as np

from annotator.core.agreement import AgreementReport, LayeredDocument, compute_agreement
from annotator.storage import ProjectStore
from annotator.storage import review_store as rs

Progress = Callable[[int, int], None]  # (documents done, documents in all)
_BATCH = 256  # documents per tokenizer batch


def measure_agreement(store: ProjectStore, progress: Progress | None = None) -> AgreementReport:
    """Every annotator pair over the documents both labelled (see annotator.storage.review_store)."""
    labelled = {doc: names for doc, names in rs.labelled_annotators(store).items() if len(names) >= 2}
    labels = [label.name for label in store.labels()]
    return compute_agreement(_layered(store, labelled, progress), labels)


def _layered(store: ProjectStore, labelled: dict[int, tuple[str, ...]],
             progress: Progress | None) -> Iterator[LayeredDocument]:
    batch: list[tuple[int, str, str, dict]] = []
    done = 0
    for item in rs.iter_layers(store, labelled, columns=True):
        batch.append(item)
        if len(batch) == _BATCH:
            yield from _tokenized(batch)
            done += len(batch)
            batch = []
            if progress is not None:
                progress(done, len(labelled))
    yield from _tokenized(batch)
    if progress is not None:
        progress(len(labelled), len(labelled))


def _tokenized(batch: list[tuple[int, str, str, dict]]) -> Iterator[LayeredDocument]:
    offsets = token_offsets_many(text for _, _, text, _ in batch)
    for (doc, title, _, layers), (starts, ends) in zip(batch, offsets):
        yield LayeredDocument(doc, title, starts, ends, layers)


def token_offsets_many(texts: Iterable[str]) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """(starts, ends) of the non-whitespace tokens of each text: token_offsets() in bulk, as arrays.

    Same tokenizer and rule as annotator.nlp.tokenizer.token_offsets (a test holds them
    equal), but batched and read out as arrays: no Python object per token.
    """
    from spacy.attrs import IDX, IS_SPACE, LENGTH

    from annotator.nlp.tokenizer import blank_nlp

    for doc in blank_nlp().tokenizer.pipe(texts, batch_size=_BATCH):
        columns = doc.to_array([IDX, LENGTH, IS_SPACE]).astype(np.int64).reshape(-1, 3)
        kept = columns[columns[:, 2] == 0]
        yield kept[:, 0], kept[:, 0] + kept[:, 1]
