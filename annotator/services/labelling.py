"""Labelling use cases of one annotator: add, delete, relabel, resize, note, status.

Each call writes to the project file at once and returns a ProjectChanges value saying what
changed, so that views refresh only what concerns them. Selections are snapped to the
tokens of the shared tokenizer unless exact characters are asked for.
"""
from __future__ import annotations

import re
from typing import Any, Sequence

from annotator.core.errors import ConflictError, SpanError
from annotator.core.model import Document, Span, Status
from annotator.core.provenance import FIGURE_NUMBERS, figure_read, typed
from annotator.core.relation import Relation
from annotator.core.schema import Schema, figure_attrs
from annotator.core.snapping import TokenIndex
from annotator.storage import ProjectStore
from annotator.storage import relation_store
from annotator.services.changes import ProjectChanges


class LabellingService:
    """The annotator's edits on the project store; holds no state but a token cache."""

    def __init__(self, store: ProjectStore, annotator: str) -> None:
        self.store = store
        self.annotator = annotator
        self._tokens: dict[int, TokenIndex] = {}

    # -- tokens -------------------------------------------------------------------------
    def tokens(self, doc: Document) -> list[tuple[int, int]]:
        """Token offsets of `doc` (cached per document for the session)."""
        return self._index(doc).tokens

    def _index(self, doc: Document) -> TokenIndex:
        index = self._tokens.get(doc.id)
        if index is None:
            from annotator.nlp.tokens import document_tokens

            index = self._tokens[doc.id] = TokenIndex(doc.text, document_tokens(self.store, doc).pairs())
        return index

    def set_tokens(self, doc: Document, tokens: list[tuple[int, int]]) -> None:
        """Tokens computed elsewhere (the UI's background tokenizer) for a document."""
        self._tokens[doc.id] = TokenIndex(doc.text, tokens)

    def snap(self, doc: Document, start: int, end: int, exact: bool = False) -> tuple[int, int] | None:
        """The range a selection labels: whole tokens, edges trimmed; or the exact characters."""
        start, end = min(start, end), max(start, end)
        if exact:
            while start < end and doc.text[start].isspace():
                start += 1
            while end > start and doc.text[end - 1].isspace():
                end -= 1
            return (start, end) if end > start else None
        return self._index(doc).snap(start, end)

    def resize(self, doc: Document, start: int, end: int, edge: str, delta: int) -> tuple[int, int]:
        """[start, end) with one edge moved by `delta` tokens."""
        return self._index(doc).resize(start, end, edge, delta)

    # -- spans --------------------------------------------------------------------------
    def spans(self, document_id: int) -> list[Span]:
        return self.store.spans(document_id, self.annotator)

    def add(self, doc: Document, start: int, end: int, label: str, exact: bool = False) -> ProjectChanges:
        """Label a selection. An identical span already there is left as it is."""
        snapped = self.snap(doc, start, end, exact)
        if snapped is None:
            return ProjectChanges(doc.id)
        return self.add_ranges(doc, [snapped], label)

    def add_ranges(self, doc: Document, ranges: list[tuple[int, int]], label: str) -> ProjectChanges:
        """Add spans over exact ranges (already snapped), skipping those that exist."""
        added = []
        schema = self.store.schema()
        with self.store.transaction():  # label-all is one write, as it is one undo step
            for start, end in dict.fromkeys(ranges):
                attrs = figure_attrs(schema, label, doc.text, start, end, doc.lang)  # a FIGURE's numbers, read once
                try:
                    added.append(self.store.add_span(Span(doc.id, start, end, label, annotator=self.annotator,
                                                          attrs=attrs, provenance=figure_read(attrs))))
                except ConflictError:
                    continue  # the layer has this span already
        return ProjectChanges(doc.id, added=tuple(added))

    def add_spans(self, doc: Document, spans: Sequence[tuple[Any, ...]]) -> ProjectChanges:
        """Add (start, end, label, attrs[, provenance]) spans as they are (accepted suggestions), in one
        write; attributes the schema does not allow are left out, provenance is kept beside them."""
        added = []
        schema = self.store.schema()
        with self.store.transaction():
            for start, end, label, attrs, *rest in spans:
                provenance = dict(rest[0]) if rest else {}
                try:
                    added.append(self.store.add_span(
                        Span(doc.id, start, end, label, annotator=self.annotator,
                             attrs={k: v for k, v in attrs.items() if _fits(schema, label, k, v)},
                             provenance=provenance)))
                except ConflictError:
                    continue  # the layer has this span already
        return ProjectChanges(doc.id, added=tuple(added))

    def restore(self, spans: list[Span], relations: Sequence[Relation] = ()) -> ProjectChanges:
        """Put deleted spans (and the links they took along) back under their ids: all or none."""
        with self.store.transaction():
            restored = tuple(self.store.restore_span(s) for s in spans)
            links = tuple(relation_store.restore_relation(self.store, r) for r in relations)
        return ProjectChanges(spans[0].document_id if spans else 0, added=restored, relations_added=links)

    def delete(self, spans: list[Span], expect: str = "version") -> ProjectChanges:
        """Delete spans and the links touching them, each still as the caller saw it: all or none."""
        with self.store.transaction():
            gone = tuple(self._current(span, expect) for span in spans)  # every check before any write
            links = tuple(relation_store.relations_touching(self.store, [s.id for s in gone if s.id is not None]))
            for link in links:
                relation_store.delete_relation(self.store, link)
            for current in gone:
                self.store.delete_span(current)
        return ProjectChanges(spans[0].document_id if spans else 0, removed=gone, relations_removed=links)

    def relabel(self, doc: Document, span: Span, label: str) -> dict[str, Any]:
        """The changes that relabel `span`: label, and attributes kept where the new label has them
        (a new FIGURE gets its numbers read). Refused if one of its links would not fit the new label."""
        schema = self.store.schema()
        for link in relation_store.relations_touching(self.store, [span.id] if span.id is not None else []):
            head, child = (label if end == span.id else getattr(self.store.span(end), "label", "")
                           for end in (link.head_id, link.child_id))
            if link.label not in {r.name for r in schema.relations_between(head, child)}:
                raise SpanError(f"{span.label} [{span.start}, {span.end}) has a {link.label} link that a {label} "
                                "cannot have; delete the link first")
        attrs = {k: v for k, v in span.attrs.items() if _fits(schema, label, k, v)}
        if not attrs:
            attrs = figure_attrs(schema, label, doc.text, span.start, span.end, doc.lang)
        return {"label": label, "attrs": attrs}

    def set_attribute(self, span: Span, name: str, value: Any) -> ProjectChanges:
        """Set (or with None, clear) one attribute of `span`, checked against the schema."""
        attrs = dict(span.attrs)
        attrs[name] = value
        changes: dict[str, Any] = {"attrs": self.store.schema().check_attrs(span.label, attrs)}
        if name in FIGURE_NUMBERS:  # a person's reading, not the parser's
            changes["provenance"] = typed(span.provenance)
        return self.update(span, **changes)

    # -- links --------------------------------------------------------------------------
    def relations(self, document_id: int) -> list[Relation]:
        return relation_store.relations(self.store, document_id, self.annotator)

    def link(self, head: Span, child: Span, label: str) -> ProjectChanges:
        """Link two spans of this layer with relation type `label` (the schema must allow it)."""
        if head.id is None or child.id is None:
            raise SpanError("both ends of a link must be stored spans")
        added = relation_store.add_relation(self.store, Relation(head.document_id, head.id, child.id, label,
                                                                 annotator=self.annotator))
        return ProjectChanges(head.document_id, relations_added=(added,))

    def unlink(self, relations: Sequence[Relation]) -> ProjectChanges:
        """Delete links as the caller saw them: all or none."""
        with self.store.transaction():
            for link in relations:
                relation_store.delete_relation(self.store, link)
        return ProjectChanges(relations[0].document_id if relations else 0, relations_removed=tuple(relations))

    def relink(self, relations: Sequence[Relation]) -> ProjectChanges:
        """Put deleted links back under their ids (undo of unlink, redo of link)."""
        with self.store.transaction():
            back = tuple(relation_store.restore_relation(self.store, r) for r in relations)
        return ProjectChanges(relations[0].document_id if relations else 0, relations_added=back)

    def update(self, span: Span, expected: dict[str, Any] | None = None, **changes: Any) -> ProjectChanges:
        """Relabel, resize, or change note/unsure of `span`.

        A direct edit passes the span as shown: it fails if another window changed it since.
        Undo and redo pass `expected`, the fields the span must have now.
        """
        current = self._current(span, "version" if expected is None else "fields", expected)
        if all(getattr(current, k) == v for k, v in changes.items()):
            return ProjectChanges(span.document_id)
        return ProjectChanges(span.document_id, updated=(self.store.update_span(current, **changes),))

    def _current(self, span: Span, expect: str, fields: dict[str, Any] | None = None) -> Span:
        """The span as stored now, if it is as the caller expects: the version the caller saw
        ("version"), or for undo and redo, which follow edits of their own, the same `fields`
        (default: range and label)."""
        if span.id is None:
            raise SpanError(f"span [{span.start}, {span.end}) has no id")
        current = self.store.span(span.id)
        if expect == "version":
            unchanged = current is not None and current.version == span.version
        else:
            wanted = fields if fields is not None else {"start": span.start, "end": span.end, "label": span.label}
            unchanged = current is not None and all(getattr(current, k) == v for k, v in wanted.items())
        if current is None or not unchanged:
            text = self.store.document(span.document_id).text[span.start:span.end]
            raise ConflictError(f"{span.label} “{text}” (characters {span.start}–{span.end}) was changed or removed "
                                "in another window; the document is reloaded, please redo your edit")
        return current

    # -- find ---------------------------------------------------------------------------
    @staticmethod
    def find_all(doc: Document, query: str, whole_words: bool = True) -> list[tuple[int, int]]:
        """Every case-insensitive occurrence of `query` in the document (whole words by default)."""
        query = query.strip()
        if not query:
            return []
        pattern = re.escape(query)
        if whole_words:
            pattern = rf"(?<!\w){pattern}(?!\w)"
        return [m.span() for m in re.finditer(pattern, doc.text, flags=re.IGNORECASE)]

    # -- status -------------------------------------------------------------------------
    def set_status(self, document_id: int, status: Status) -> ProjectChanges:
        self.store.set_status(document_id, self.annotator, status)
        return ProjectChanges(document_id, status=status)

    def next_to_do(self, after_id: int) -> int | None:
        """The next document still to do: first among those assigned to this annotator (issue 18's
        assignments, the document list's order too), then among the rest."""
        nxt = self.store.next_document(self.annotator, after_id, assigned=True)
        return nxt if nxt is not None else self.store.next_document(self.annotator, after_id)


def _fits(schema: Schema, label: str, name: str, value: Any) -> bool:
    """Whether attribute `name` = `value` is allowed on a `label` span (kept when relabelling)."""
    try:
        schema.check_attrs(label, {name: value})
    except SpanError:
        return False
    return True
