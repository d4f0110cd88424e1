"""Evaluate a suggestion source, or an annotator's layer, against a reference layer.

Over the documents the reference has labelled (as training and agreement count them). A
source is computed afresh, project memory as the reference's annotator is shown it, leaving out
the document's own labels (else it would find every reference span by remembering it); a NAME
is that annotator's layer as stored.
"""
from __future__ import annotations

from typing import Callable

from annotator.core.errors import AnnotatorError
from annotator.core.evaluation import Evaluation
from annotator.core.suggestion import SOURCES
from annotator.services.suggestions import Suggester
from annotator.services.training import labelled_documents
from annotator.storage import ProjectStore
from annotator.storage import suggestion_store as ss
from annotator.storage.corpus import iter_layer

Progress = Callable[[int, int], None]
_BATCH = 128


def evaluate(store: ProjectStore, predicted: str, against: str, progress: Progress | None = None) -> Evaluation:
    """Precision, recall and F1 of `predicted` (a source or a layer) against the layer `against`."""
    ids = labelled_documents(store, against)
    if not ids:
        raise AnnotatorError(f"layer {against!r} has labelled no document yet (labelled: marked done, or "
                             "adjudicated for gold); there is nothing to evaluate against")
    if predicted not in SOURCES:
        labelled_documents(store, predicted)  # an unknown layer is one line, not an empty evaluation
    evaluation = Evaluation([label.name for label in store.labels()])
    suggester = Suggester(store, (predicted,), annotator=against, leave_own_out=True) if predicted in SOURCES else None
    batch: list = []
    for item in iter_layer(store, against, ids):
        batch.append(item)
        if len(batch) == _BATCH:
            _add(store, evaluation, suggester, predicted, batch)
            batch = []
            if progress is not None:
                progress(evaluation.documents, len(ids))
    _add(store, evaluation, suggester, predicted, batch)
    return evaluation


def _add(store: ProjectStore, evaluation: Evaluation, suggester: Suggester | None, predicted: str,
         batch: list) -> None:
    if not batch:
        return
    if suggester is not None:
        found = suggester.compute([doc for doc, _ in batch])
        for doc, spans in batch:
            evaluation.add([s.key for s in found[doc.id].get(predicted, [])], [s.key for s in spans])
    else:
        for doc, spans in batch:
            evaluation.add(ss.layer_keys(store, doc.id, predicted), [s.key for s in spans])


def trained_on(store: ProjectStore) -> str | None:
    """The layer the stored model was trained on (None: no model)."""
    stored = ss.load_model(store)
    return stored.source_layer if stored else None
