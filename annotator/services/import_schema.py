"""`import --add-labels`: extend the schema with the labels and relation types import files use.

A first pass reads the files (streamed, memory flat) and gathers span labels the schema does
not have and relation types it does not know, with the labels at their ends; the schema
service then stores the extended schema (one transaction, after a backup), and the import
proper runs against it. Attributes are not added: those the schema lacks are left out and counted.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable, Iterable, Iterator

from annotator.core.errors import SpanError
from annotator.core.model import Label, NewArticle
from annotator.core.schema import RelationType, Schema, SchemaError
from annotator.ingest.formats import Source
from annotator.ingest.records import Item
from annotator.services.schema import set_schema
from annotator.storage import ProjectStore

_PALETTE = ("#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5",
            "#d9d9d9", "#bc80bd", "#ccebc5", "#ffed6f")


def extend_schema_for(store: ProjectStore, sources: Iterable[Source],
                      items: Callable[[Source, Schema], Iterator[Item]]) -> list[str]:
    """Add what the sources use to the project's schema; returns the names added (labels, then relations)."""
    schema = store.schema()
    labels: dict[str, None] = {}
    relations: dict[str, tuple[dict[str, None], dict[str, None]]] = {}
    for source in sources:
        try:
            for item in items(source, schema):
                if isinstance(item, NewArticle):
                    _gather(item, schema, labels, relations)
        except Exception:  # noqa: BLE001 - the import proper reports every problem of the file in one line
            continue
    new_labels = [name for name in labels if schema.label(name) is None and _valid_label(name)]
    new_relations = [name for name in relations if schema.relation(name) is None]
    if not new_labels and not new_relations:
        return []
    taken = len(schema.labels)
    extended = replace(
        schema,
        labels=(*schema.labels, *(Label(n, _PALETTE[(taken + i) % len(_PALETTE)]) for i, n in enumerate(new_labels))),
        relations=(*schema.relations, *(RelationType(n, tuple(relations[n][0]), tuple(relations[n][1]))
                                        for n in new_relations if _valid_relation(n))))
    set_schema(store, extended, annotator="import")
    return [*new_labels, *(n for n in new_relations if _valid_relation(n))]


def _gather(article: NewArticle, schema: Schema, labels: dict[str, None],
            relations: dict[str, tuple[dict[str, None], dict[str, None]]]) -> None:
    for _, _, label in article.spans:
        if schema.label(label) is None:
            labels[label] = None
    if article.annotations is None:
        return
    spans = article.annotations.spans
    for head, child, name in article.annotations.relations:
        ends = relations.setdefault(name, ({}, {}))
        ends[0][spans[head].label] = None
        ends[1][spans[child].label] = None


def _valid_label(name: str) -> bool:
    try:
        Label(name, "#000000")
    except SpanError:
        return False
    return True


def _valid_relation(name: str) -> bool:
    try:
        RelationType(name, ("X",), ("X",))
    except SchemaError:
        return False
    return True
