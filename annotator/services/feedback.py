"""What review changed of an annotator's work: their spans against gold on every adjudicated document."""
from __future__ import annotations

from annotator.core.evaluation import Evaluation
from annotator.core.feedback import AnnotatorFeedback, compare_with_gold
from annotator.core.model import GOLD, check_annotator_name
from annotator.services.training import labelled_documents
from annotator.storage import ProjectStore
from annotator.storage import review_store as rs
from annotator.storage.corpus import iter_layer


def annotator_feedback(store: ProjectStore, annotator: str, document_id: int | None = None) -> AnnotatorFeedback:
    """Per adjudicated document the annotator labelled (or just `document_id`): outcomes, misses, P/R.

    An unknown annotator is one line (labelled_documents says which layers there are)."""
    name = check_annotator_name(annotator)
    mine = set(labelled_documents(store, name))
    ids = sorted(mine & rs.adjudicated_documents(store))
    if document_id is not None:
        ids = [d for d in ids if d == document_id]
    labels = [label.name for label in store.labels()]
    feedback = AnnotatorFeedback(name, labels, evaluation=Evaluation(labels))
    gold = {doc.id: [s.key for s in spans] for doc, spans in iter_layer(store, GOLD, ids)}
    for doc, spans in iter_layer(store, name, ids):
        keys = [s.key for s in spans]
        feedback.add(compare_with_gold(doc.id, doc.title, keys, gold[doc.id]), keys, gold[doc.id])
    return feedback
