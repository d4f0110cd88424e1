"""CoNLL-2003 layout that `spacy convert --converter ner` reads: `TOKEN -X- _ TAG` a line.

Each document opens with "-DOCSTART- -X- O O" (the delimiter spaCy's converter splits
on), then a blank line between sentences. Four columns as in CoNLL-2003 (token, POS,
chunk, NER), POS and chunk unknown: readers that index columns by position (the conll2003
dataset loader) and readers that take the first and last (spaCy's converter, seqeval,
Hugging Face scripts) get every token and tag (IOB2 or BILOU).
Whitespace tokens are left out: a line is split on whitespace, so they cannot be written.
Each document's language goes in `corpus.documents.tsv` beside the file (core.document_table:
a comment line inside a section would be a token to spaCy's converter).
Sentences come from spaCy's rule-based sentencizer plus line breaks, and never end inside
an entity (the tags would break, and a model would see half an entity).
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Sequence

from annotator.core import document_table
from annotator.export.options import ExportItem, ExportOptions, Placed

if TYPE_CHECKING:
    from spacy.tokens import Doc

DOCSTART = "-DOCSTART- -X- O O"
UNKNOWN_POS_CHUNK = "-X- _"  # the POS and chunk columns of a token line: not annotated here


def tags_of(length: int, ents: Sequence[Placed], scheme: str) -> list[str]:
    """One tag per token (whitespace tokens inside an entity get I-, and are not written)."""
    tags = ["O"] * length
    for e in ents:
        i, j, label = e.token_start, e.token_end, e.label
        if scheme == "bilou" and j - i == 1:
            tags[i] = f"U-{label}"
            continue
        tags[i] = f"B-{label}"
        for k in range(i + 1, j):
            tags[k] = f"I-{label}"
        if scheme == "bilou":
            tags[j - 1] = f"L-{label}"  # ents never end on a whitespace token (align.place)
    return tags


def sentence_starts(doc: "Doc", ents: Sequence[Placed], sentencizer: object) -> list[bool]:
    """Sentence starts by punctuation and line breaks, none inside an entity."""
    starts = list(sentencizer.predict([doc])[0])  # type: ignore[attr-defined]
    for token in doc:
        if token.is_space and "\n" in token.text and token.i + 1 < len(doc):
            starts[token.i + 1] = True
    for e in ents:
        for k in range(e.token_start + 1, e.token_end):
            starts[k] = False
    return starts


class ConllWriter:
    """One .conll file, a document at a time."""

    def __init__(self, path: Path, options: ExportOptions, labels: list[str]) -> None:
        from spacy.pipeline import Sentencizer

        self._sentencizer = Sentencizer()
        self._scheme = options.scheme
        self._path = path
        self._table_path = document_table.beside(path)
        self._file = path.open("w", encoding="utf-8", newline="\n")
        self._table = self._table_path.open("w", encoding="utf-8", newline="\n")
        self._table.write(document_table.header())
        self._documents = 0

    def write(self, item: ExportItem) -> None:
        self._documents += 1
        d = item.document
        self._table.write(document_table.row(self._documents, d.lang, d.id, d.sha256))
        doc = item.doc
        tags = tags_of(len(doc), item.ents, self._scheme)
        starts = sentence_starts(doc, item.ents, self._sentencizer)
        lines = [DOCSTART, ""]
        sentence: list[str] = []
        for token in doc:
            if starts[token.i] and sentence:
                lines.extend(sentence)
                lines.append("")
                sentence = []
            if not token.is_space:
                sentence.append(f"{token.text} {UNKNOWN_POS_CHUNK} {tags[token.i]}")
        if sentence:
            lines.extend(sentence)
            lines.append("")
        self._file.write("\n".join(lines) + "\n")

    def close(self) -> None:
        self._file.close()
        self._table.close()

    def discard(self) -> None:
        self._file.close()
        self._table.close()
        self._path.unlink(missing_ok=True)
        self._table_path.unlink(missing_ok=True)


def open_writer(path: Path, options: ExportOptions, labels: list[str]) -> ConllWriter:
    return ConllWriter(path, options, labels)
