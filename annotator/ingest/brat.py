"""brat standoff in: a folder of .txt + .ann pairs (annotation.conf and the other .conf files passed over).

The .txt is taken as written (its final newline kept; CRLF becomes LF with offsets moved), so
offsets and text hash stay true. In the .ann: `T` lines are spans; a discontinuous span
(fragments `0 5;9 14`) becomes one span from its first fragment's start to its last's end, and
fragments parted by more than whitespace are counted in the summary (our own export cuts spans
at line breaks only, so they come back whole). `A`/`M` lines are attributes: binary ones are
true, valued ones take the schema's type; `unsure` is our flag; attributes the schema does not
give the label are left out and counted. `R` lines are relations, `#` AnnotatorNotes are notes
(several on one span are joined by line breaks). `E`, `N`, `*` and anything else are counted
and named as left out. A bad line refuses its document, with one line naming file and line.
Each document's language comes from the folder's `documents.tsv` when there is one (our export
writes it; core.document_table).
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from annotator.core import document_table
from annotator.core.annotations import SpanRecord
from annotator.core.errors import InputError
from annotator.core.schema import AttributeDef, Schema
from annotator.ingest.decode import decode_bytes, normalise_newlines
from annotator.ingest.conll import table_languages
from annotator.ingest.records import Item, LeftOut, check_range, in_language, make_article

CONF_FILES = {"annotation.conf", "visual.conf", "tools.conf", "kb_shortcuts.conf"}
UNSURE = "unsure"
_OTHER_KINDS = {"E": "brat E (event) lines", "N": "brat N (normalization) lines", "*": "brat * (equivalence) lines"}


def brat_pairs(folder: Path) -> Iterator[Path]:
    """The .txt files of a brat folder (walked, sorted, hidden ones passed over)."""
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(n for n in names if not n.startswith(".")):
            if name.lower().endswith(".txt"):
                yield Path(root) / name


def is_brat_folder(folder: Path) -> bool:
    """A folder holding at least one .ann file (anywhere below it)."""
    return any(name.lower().endswith(".ann") for _, _, names in os.walk(folder) for name in names)


def read_brat(paths: Iterator[Path] | list[Path], schema: Schema) -> Iterator[Item]:
    """One article per .txt (with its .ann, if there is one), as the files are read."""
    tables: dict[Path, dict[str, str]] = {}  # folder -> its documents' languages
    for txt in paths:
        ann = txt.with_suffix(".ann")
        if txt.parent not in tables:
            tables[txt.parent] = table_languages(txt.parent / document_table.TABLE_NAME)
        try:
            yield from in_language(_document(txt, ann if ann.exists() else None, schema),
                                   tables[txt.parent].get(txt.stem))
        except InputError as exc:
            yield str(exc)
        except OSError as exc:
            yield f"{txt}: cannot be read ({exc.strerror or exc}); this document was not imported"


def _document(txt: Path, ann: Path | None, schema: Schema) -> Iterator[Item]:
    raw = decode_bytes(txt.read_bytes(), str(txt))
    if not raw.strip():
        raise InputError(str(txt), "contains only whitespace")
    text, mapping = normalise_newlines(raw)
    parsed = _Ann(str(ann), len(raw), schema) if ann else None
    if parsed is not None:
        parsed.read(decode_bytes(ann.read_bytes(), str(ann)) if ann.stat().st_size else "")
        yield from parsed.left_out()
    spans = parsed.span_records(mapping) if parsed else []
    relations = parsed.relations if parsed else []
    yield make_article(text, str(ann or txt), spans, relations, source=txt.name, meta={"file": txt.name})


class _Ann:
    """One .ann file read into spans (by T id), attributes, notes and relations."""

    def __init__(self, name: str, length: int, schema: Schema) -> None:
        self.name, self.length, self.schema = name, length, schema
        self.spans: dict[str, list] = {}  # T id -> [start, end, label, attrs, note, unsure]
        self.relations: list[tuple[int, int, str]] = []
        self.skipped: dict[str, int] = {}
        self._pending: list[tuple[str, str, str, str]] = []  # (where, kind, id, rest) after all T lines

    def read(self, content: str) -> None:
        for lineno, line in enumerate(content.split("\n"), 1):
            line = line.rstrip("\r")
            if not line.strip():
                continue
            where = f"{self.name}:{lineno}"
            ident, _, rest = line.partition("\t")
            kind = ident[:1]
            if kind == "T":
                self._span(where, ident, rest)
            elif kind in "AMR#" and kind:
                self._pending.append((where, kind, ident, rest))
            else:
                self._skip(_OTHER_KINDS.get(kind, "brat lines of another kind"))
        for where, kind, ident, rest in self._pending:
            {"A": self._attribute, "M": self._attribute, "R": self._relation, "#": self._note}[kind](where, rest)

    def _skip(self, kind: str) -> None:
        self.skipped[kind] = self.skipped.get(kind, 0) + 1

    def _span(self, where: str, ident: str, rest: str) -> None:
        head, _, shown = rest.partition("\t")
        label, _, ranges = head.partition(" ")
        try:
            fragments = [tuple(int(x) for x in piece.split()) for piece in ranges.split(";")]
        except ValueError:
            raise InputError(where, f"span {ident} has offsets that are not numbers: {ranges!r}") from None
        if not label or not fragments or any(len(f) != 2 for f in fragments):
            raise InputError(where, f"span {ident} is not 'LABEL START END[;START END...]': {head!r}")
        for s, e in fragments:
            check_range(where, f"span {ident}", s, e, self.length)
        start, end = fragments[0][0], fragments[-1][1]
        if len(fragments) > 1:
            self._skip("gaps inside discontinuous brat spans (each kept whole, first fragment to last)")
        self.spans[ident] = [start, end, label, None, None, None, where]

    def _target(self, where: str, ident: str, what: str) -> list | None:
        if ident in self.spans:
            return self.spans[ident]
        if ident[:1] in ("E", "R", "N", "A", "M", "*", "#"):
            self._skip(f"brat {what} on {ident[:1]} lines")
            return None
        raise InputError(where, f"{what} points to {ident!r}, which is not a span of this file")

    def _attribute(self, where: str, rest: str) -> None:
        parts = rest.split()
        if len(parts) not in (2, 3):
            raise InputError(where, f"attribute line is not 'NAME ID [VALUE]': {rest!r}")
        span = self._target(where, parts[1], "attributes")
        if span is None:
            return
        name, value = parts[0], parts[2] if len(parts) == 3 else None
        if name == UNSURE and value is None and self.schema.attribute(span[2], name) is None:
            span[5] = True
            return
        definition = self.schema.attribute(span[2], name)
        if definition is None:
            self._skip(f"brat attribute {name!r} (the schema gives {span[2]} no such attribute)")
            return
        span[3] = {**(span[3] or {}), name: attribute_value(definition, value)}

    def _relation(self, where: str, rest: str) -> None:
        name, *args = rest.split() or [""]
        ends = dict(arg.split(":", 1) for arg in args if ":" in arg)
        if not name or len(args) != 2 or len(ends) != 2:
            raise InputError(where, f"relation line is not 'TYPE Arg1:ID Arg2:ID': {rest!r}")
        head_id, child_id = ends.get("Arg1"), ends.get("Arg2")
        if head_id is None or child_id is None:
            head_id, child_id = list(ends.values())
        head, child = self._target(where, head_id, "relations"), self._target(where, child_id, "relations")
        if head is not None and child is not None:
            order = list(self.spans)
            self.relations.append((order.index(head_id), order.index(child_id), name))

    def _note(self, where: str, rest: str) -> None:
        head, _, note = rest.partition("\t")
        parts = head.split()
        if len(parts) != 2:
            raise InputError(where, f"note line is not 'AnnotatorNotes ID<TAB>TEXT': {rest!r}")
        if parts[0] != "AnnotatorNotes":
            self._skip(f"brat # lines of type {parts[0]!r}")
            return
        span = self._target(where, parts[1], "notes")
        if span is not None and note.strip():
            span[4] = note if span[4] is None else f"{span[4]}\n{note}"

    def left_out(self) -> Iterator[LeftOut]:
        return (LeftOut(kind, n) for kind, n in self.skipped.items())

    def span_records(self, mapping: list[int] | None) -> list[SpanRecord]:
        out = []
        for start, end, label, attrs, note, unsure, _ in self.spans.values():
            if mapping is not None:
                start, end = mapping[start], mapping[end]
            out.append(SpanRecord(start, end, label, attrs, note, unsure))
        return out


def attribute_value(definition: AttributeDef, value: str | None) -> object:
    """A brat attribute value in the type the schema gives it (brat writes one word, spaces as _)."""
    if value is None:
        return True if definition.type == "bool" else ""
    if definition.type == "bool":
        return {"true": True, "false": False}.get(value.lower(), value)
    if definition.type == "number":
        for convert in (int, float):
            try:
                return convert(value)
            except ValueError:
                pass
        return value
    if definition.type == "choice" and value not in definition.values and value.replace("_", " ") in definition.values:
        return value.replace("_", " ")
    return value
