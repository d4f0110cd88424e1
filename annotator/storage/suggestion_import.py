"""Suggestions that came with imported files (Label Studio's predictions): into the suggestions table, never a layer."""
from __future__ import annotations

from typing import Iterable, Sequence

from annotator.core.model import text_sha256
from annotator.core.suggestion import Suggestion
from annotator.storage.project_store import ProjectStore
from annotator.storage.suggestion_store import replace_suggestions


def store_predicted(store: ProjectStore, found: Iterable[tuple[str, Sequence[Suggestion]]], made_by: str) -> int:
    """Make the suggestions found for each (stored) text its model suggestions; returns rows written."""
    by_sha: dict[str, list[Suggestion]] = {}
    for text, suggestions in found:
        by_sha.setdefault(text_sha256(text), []).extend(suggestions)
    ids = store._ids_by_sha(list(by_sha))  # the documents were stored by the same import just before
    by_document = {ids[sha]: list(dict.fromkeys(s)) for sha, s in by_sha.items() if sha in ids}
    return replace_suggestions(store, "model", by_document, made_by=made_by) if by_document else 0
