"""INCEpTION / WebAnno TSV 3.x in: one file is one document.

The header's `#T_SP=layer|feature|...` lines declare span layers and `#T_RL=layer|feature|...|BT_base`
relation layers, one column per feature after the token columns. A span's label is the value
of its first feature that names a schema label, else of its `value`/`label` feature (named
entities), else the layer's short name when that is a label; its other features whose names are
attributes of that label are attributes. Stacked annotations (`A|B`) are each read; a multi-token
span is gathered by its `[n]` id. A relation row names its source token in the `BT_` column
(`1-3`, or `1-3[7_9]` with source and target span ids). The text is rebuilt from the `#Text=`
lines: tokens are found in their sentence's text, so offsets are code points whatever the file
counted; sentences are joined by a line break (two where the offsets leave a wider gap), the
exact spacing between sentences is not in the file. Chains (`#T_CH`) and sub-token rows
(`1-3.1`) are counted as left out.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import IO, Any, Iterator

from annotator.core.annotations import SpanRecord
from annotator.core.errors import InputError
from annotator.core.schema import Schema
from annotator.ingest.records import Item, LeftOut, make_article

_ID = re.compile(r"^(.*?)(?:\[(\d+)\])?$", re.S)
_REF = re.compile(r"^(\d+-\d+)(?:\[(\d+)_(\d+)\])?$")
_UNESCAPE = re.compile(r"\\([\\\[\]|_>;*\-tnr])")
_ESCAPED = {"t": "\t", "n": "\n", "r": "\r"}


def is_webanno(head: bytes | str) -> bool:
    text = head.decode("utf-8", "replace") if isinstance(head, bytes) else head
    return text.lstrip("\ufeff").startswith("#FORMAT=WebAnno TSV 3")


def _unescape(value: str) -> str:
    return _UNESCAPE.sub(lambda m: _ESCAPED.get(m.group(1), m.group(1)), value)


def _split_stack(cell: str) -> list[str]:
    return [p for p in re.split(r"(?<!\\)\|", cell) if p]


class _Layer:
    def __init__(self, kind: str, spec: str) -> None:
        name, *features = spec.split("|")
        self.kind, self.name, self.short = kind, name, name.rsplit(".", 1)[-1]
        self.base = next((f[3:] for f in features if f.startswith("BT_")), None)
        self.features = [f for f in features if not f.startswith("BT_")]
        self.columns = len(features)


def read_webanno(path: Path, handle: IO[str], schema: Schema) -> Iterator[Item]:
    name = str(path)
    layers: list[_Layer] = []
    reader = _Reader(name, schema)
    for lineno, line in enumerate(handle, 1):
        line = line.rstrip("\n")
        if line.startswith("#FORMAT="):
            continue
        if line.startswith(("#T_SP=", "#T_RL=", "#T_CH=")):
            layers.append(_Layer(line[3:5], line[6:]))
            continue
        if line.startswith("#Text="):
            reader.text_line(_unescape(line[6:]) if "\\" in line else line[6:])
            continue
        if not line.strip() or line.startswith("#"):
            continue
        reader.row(line.split("\t"), layers, f"{name}:{lineno}")
    if not reader.sentences:
        raise InputError(name, "has no #Text= lines; not a WebAnno TSV document")
    spans, relations = reader.resolve()
    yield from (LeftOut(kind, n) for kind, n in reader.skipped.items())
    yield make_article(reader.text(), name, spans, relations, source=path.name, meta={"file": path.name})


class _Reader:
    """Sentences, token positions (code points), span pieces by (layer, id) and relation rows."""

    def __init__(self, name: str, schema: Schema) -> None:
        self.name, self.schema = name, schema
        self.sentences: list[list[str]] = []
        self.begins: list[int] = []  # the file's offset of each sentence's first token
        self.ends: list[int] = []
        self.tokens: dict[str, tuple[int, int]] = {}  # "1-3" -> (sentence, start, end within it)
        self.pieces: dict[tuple[str, str], list] = {}  # (layer, id or token) -> [label, attrs, tokens]
        self.at_token: dict[tuple[str, str], list[str]] = {}  # (layer, token) -> span keys there
        self.links: list[tuple[str, ...]] = []  # (base layer, source token, source id, target id, label, target token)
        self.skipped: dict[str, int] = {}
        self._cursor = 0
        self._new_sentence = True

    def _skip(self, kind: str) -> None:
        self.skipped[kind] = self.skipped.get(kind, 0) + 1

    def text_line(self, text: str) -> None:
        if self._new_sentence:
            self.sentences.append([text])
            self.begins.append(-1)
            self.ends.append(-1)
            self._cursor, self._new_sentence = 0, False
        else:
            self.sentences[-1].append(text)

    def row(self, cells: list[str], layers: list[_Layer], where: str) -> None:
        self._new_sentence = True
        if len(cells) < 3 or not re.match(r"^\d+-\d+(\.\d+)?$", cells[0]) or not self.sentences:
            raise InputError(where, f"is not a token row ('SENT-TOKEN<TAB>BEGIN-END<TAB>TOKEN...'): {cells[0][:30]!r}")
        if "." in cells[0]:
            self._skip("WebAnno sub-token rows")
            return
        sentence = "\n".join(self.sentences[-1])
        token = _unescape(cells[2])
        start = sentence.find(token, self._cursor)
        if start < 0:
            raise InputError(where, f"token {token[:30]!r} is not in its sentence's #Text")
        self._cursor = start + len(token)
        self.tokens[cells[0]] = (len(self.sentences) - 1, start, start + len(token))
        begin, _, end = cells[1].partition("-")
        if self.begins[-1] < 0 and begin.isdigit():
            self.begins[-1] = int(begin)
        if end.isdigit():
            self.ends[-1] = int(end)
        column = 3
        for layer in layers:
            values = cells[column:column + layer.columns]
            column += layer.columns
            if layer.kind == "SP":
                self._span_cells(layer, values, cells[0])
            elif layer.kind == "RL":
                self._relation_cells(layer, values, cells[0])
            elif any(v not in ("_", "") for v in values):
                self._skip("WebAnno chain annotations")

    def _span_cells(self, layer: _Layer, values: list[str], token: str) -> None:
        stacks = [_split_stack(v) if v not in ("_", "") else [] for v in values]
        depth = max((len(s) for s in stacks), default=0)
        for k in range(depth):
            feats: dict[str, str] = {}
            ident = None
            for feature, stack in zip(layer.features, stacks):
                if k < len(stack):
                    value, n = _ID.match(stack[k]).groups()  # type: ignore[union-attr]
                    ident = ident or n
                    if value not in ("*", "_", ""):
                        feats[feature] = _unescape(value)
            key = (layer.name, ident or f"@{token}")
            piece = self.pieces.setdefault(key, [self._label(layer, feats), feats, []])
            piece[2].append(token)
            self.at_token.setdefault((layer.name, token), []).append(key[1])

    def _label(self, layer: _Layer, feats: dict[str, str]) -> str | None:
        names = set(self.schema.label_names)
        found = next((v for v in feats.values() if v in names), None)
        return found or feats.get("value") or feats.get("label") or (layer.short if layer.short in names else None)

    def _relation_cells(self, layer: _Layer, values: list[str], token: str) -> None:
        if layer.base is None or not values:
            return
        refs = _split_stack(values[-1]) if values[-1] not in ("_", "") else []
        labels = _split_stack(values[0]) if layer.columns > 1 and values[0] not in ("_", "") else []
        for k, ref in enumerate(refs):
            m = _REF.match(ref)
            if m is None:
                self._skip("WebAnno relation cells it could not read")
                continue
            raw = _ID.match(labels[k]).group(1) if k < len(labels) else "*"  # type: ignore[union-attr]
            label = _unescape(raw) if raw not in ("*", "_", "") else layer.short
            self.links.append((layer.base, m.group(1), m.group(2) or "0", m.group(3) or "0", label, token))

    def resolve(self) -> tuple[list[SpanRecord], list[tuple[int, int, str]]]:
        starts = self._sentence_starts()
        spans: list[SpanRecord] = []
        index: dict[tuple[str, str], int] = {}
        for key, (label, feats, tokens) in self.pieces.items():
            if label is None:
                self._skip(f"WebAnno {key[0].rsplit('.', 1)[-1]} annotations with no label of the schema")
                continue
            first, last = self.tokens[tokens[0]], self.tokens[tokens[-1]]
            attrs = {k: v for k, v in feats.items() if v != label and self.schema.attribute(label, k) is not None}
            index[key] = len(spans)
            spans.append(SpanRecord(starts[first[0]] + first[1], starts[last[0]] + last[2], label, attrs or None))
        relations = []
        for base, source, src_id, dst_id, label, token in self.links:
            head = self._find(base, source, src_id, index)
            child = self._find(base, token, dst_id, index)
            if head is None or child is None:
                self._skip("WebAnno relations whose ends are not spans read here")
            else:
                relations.append((head, child, label))
        return spans, relations

    def _find(self, layer: str, token: str, ident: str, index: dict[tuple[str, str], int]) -> int | None:
        if ident != "0":
            return index.get((layer, ident))
        there = self.at_token.get((layer, token), [])
        return index.get((layer, there[0])) if there else None

    def _sentence_starts(self) -> list[int]:
        out, pos = [], 0
        for i, lines in enumerate(self.sentences):
            out.append(pos)
            pos += len("\n".join(lines)) + len(self._gap(i))
        return out

    def _gap(self, i: int) -> str:
        if i + 1 >= len(self.sentences):
            return ""
        wide = self.begins[i + 1] >= 0 and self.ends[i] >= 0 and self.begins[i + 1] - self.ends[i] > 1
        return "\n\n" if wide else "\n"

    def text(self) -> str:
        return "".join("\n".join(lines) + self._gap(i) for i, lines in enumerate(self.sentences))
