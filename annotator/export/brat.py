"""brat standoff: a folder with a .txt and an .ann per document, annotation.conf and visual.conf.

In an .ann file: `T` lines for spans (a span across a line break is written as fragments,
since brat's text column is one line), `A` lines for attributes (values with spaces get
underscores; yes/no attributes and the unsure flag are binary and written only when true),
`R` lines for relations, `#` AnnotatorNotes lines for notes. annotation.conf declares the
labels, the relation types, every attribute with its values (a number's values are those the
export met) and allows overlapping spans; visual.conf gives the labels their colours.
Offsets are code points, as brat (Python) counts them. Each document's language goes in the
folder's `documents.tsv` (core.document_table), which brat does not list: a `#` note needs a
span to hang on, and a document may have none.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from annotator.core import document_table
from annotator.core.schema import Schema
from annotator.export.options import ExportItem, ExportOptions

UNSURE = "unsure"  # binary attribute for the annotator's flag
_BREAKS = re.compile("[\n\t\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")  # would split an .ann line or field


def brat_value(value: Any) -> str:
    """An attribute value as brat can write it: one word."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "_".join(str(value).split()) or "_"


def ann_lines(item: ExportItem, schema: Schema | None) -> list[str]:
    """The .ann file of one document."""
    text = item.document.text
    lines: list[str] = []
    ids: dict[int | None, str] = {}
    attr_n = note_n = 0
    for n, p in enumerate(item.spans, 1):
        span = p.span
        tid = ids[span.id] = f"T{n}"
        fragments = _fragments(text, span.start, span.end)
        shown = " ".join(_BREAKS.sub(" ", text[s:e]) for s, e in fragments)  # only-whitespace span: still one line
        lines.append(f"{tid}\t{span.label} {';'.join(f'{s} {e}' for s, e in fragments)}\t{shown}")
        for name, value in sorted(span.attrs.items()):
            definition = schema.attribute(span.label, name) if schema is not None else None
            if definition is not None and definition.type == "bool":
                if value:
                    attr_n += 1
                    lines.append(f"A{attr_n}\t{name} {tid}")
                continue
            attr_n += 1
            lines.append(f"A{attr_n}\t{name} {tid} {brat_value(value)}")
        if span.unsure:
            attr_n += 1
            lines.append(f"A{attr_n}\t{UNSURE} {tid}")
        if span.note:
            note_n += 1
            lines.append(f"#{note_n}\tAnnotatorNotes {tid}\t{' '.join(span.note.split())}")
    rows = sorted((int(ids[r.head_id][1:]), int(ids[r.child_id][1:]), r.label) for r in item.relations
                  if r.head_id in ids and r.child_id in ids)
    lines += [f"R{n}\t{label} Arg1:T{h} Arg2:T{c}" for n, (h, c, label) in enumerate(rows, 1)]
    return lines


def _fragments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) cut at line breaks and tabs, each piece without its surrounding whitespace."""
    out, pos = [], start
    for piece in _BREAKS.split(text[start:end]):
        s, e = pos, pos + len(piece)
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
        pos += len(piece) + 1
    return out or [(start, end)]


def annotation_conf(schema: Schema, seen: dict[str, set[str]]) -> str:
    """brat's annotation.conf for the schema; `seen` adds values of numbers and free text met."""
    lines = ["[entities]", *schema.label_names, "", "[relations]"]
    lines += [f"{r.name} Arg1:{'|'.join(r.head)}, Arg2:{'|'.join(r.child)}" for r in schema.relations]
    lines += ["<OVERLAP> Arg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>", "", "[events]", "", "[attributes]"]
    owners: dict[str, list[str]] = {}
    values: dict[str, list[str]] = {}
    binary: set[str] = set()
    for label in schema.label_names:
        for a in schema.attributes_of(label):
            owners.setdefault(a.name, []).append(label)
            if a.type == "bool":
                binary.add(a.name)
            vals = values.setdefault(a.name, [])
            vals += [v for v in map(brat_value, a.values) if v not in vals]
    for name, labels in owners.items():
        extra = sorted(seen.get(name, set()) - set(values[name]), key=lambda v: (len(v), v))
        choices = values[name] + extra
        if name in binary:
            lines.append(f"{name} Arg:{'|'.join(labels)}")
        elif choices:  # a number or text never given in this export has no A lines to declare
            lines.append(f"{name} Arg:{'|'.join(labels)}, Value:{'|'.join(choices)}")
    lines.append(f"{UNSURE} Arg:<ENTITY>")
    return "\n".join(lines) + "\n"


def visual_conf(schema: Schema) -> str:
    lines = ["[labels]", *schema.label_names, "", "[drawing]"]
    lines += [f"{label.name} bgColor:{label.colour}" for label in schema.labels]
    return "\n".join(lines) + "\n"


_WRITTEN = re.compile(r"[0-9]+\.(txt|ann)|annotation\.conf|visual\.conf")
_BRAT_CACHE = ".stats_cache"  # what the brat server writes in a folder it opened: its own, rebuilt on demand


def writes(name: str) -> bool:
    """Whether a file called `name` in a split's folder is one a brat export writes (or brat's own cache)."""
    return name in (_BRAT_CACHE, document_table.TABLE_NAME) or _WRITTEN.fullmatch(name) is not None


class BratWriter:
    """One folder of documents (a split), with its own annotation.conf."""

    def __init__(self, path: Path, options: ExportOptions, labels: list[str]) -> None:
        self._path = path
        self._schema = options.schema
        self._seen: dict[str, set[str]] = {}
        path.mkdir(parents=True, exist_ok=True)
        self._table = (path / document_table.TABLE_NAME).open("w", encoding="utf-8", newline="\n")
        self._table.write(document_table.header())

    def write(self, item: ExportItem) -> None:
        name = str(item.document.id)
        self._table.write(document_table.row(name, item.document.lang, item.document.id, item.document.sha256))
        (self._path / f"{name}.txt").write_text(item.document.text, encoding="utf-8", newline="\n")
        (self._path / f"{name}.ann").write_text("".join(f"{line}\n" for line in ann_lines(item, self._schema)),
                                                encoding="utf-8", newline="\n")
        for p in item.spans:
            for key, value in p.span.attrs.items():
                self._seen.setdefault(key, set()).add(brat_value(value))

    def close(self) -> None:
        self._table.close()
        if self._schema is not None:
            (self._path / "annotation.conf").write_text(annotation_conf(self._schema, self._seen), encoding="utf-8")
            (self._path / "visual.conf").write_text(visual_conf(self._schema), encoding="utf-8")

    def discard(self) -> None:
        self._table.close()
        shutil.rmtree(self._path, ignore_errors=True)


def open_writer(path: Path, options: ExportOptions, labels: list[str]) -> BratWriter:
    return BratWriter(path, options, labels)
