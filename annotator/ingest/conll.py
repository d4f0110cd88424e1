"""CoNLL in: CoNLL-2003 (token, POS, chunk, tag) and 2-column token/tag files, IOB1, IOB2, BILOU/BIOES.

Token first column, tag last. `-DOCSTART-` starts a new document, a blank line a new sentence.
The original spacing is not in the file: tokens are joined by one space and sentences by a line
break. One decoder reads every scheme: an entity starts at B-/U-/S-, or at I-/L-/E- when the
tag before it was O, another type, or closed an entity (L-/E-/U-/S-); it ends before the next
start and after L-/E-/U-/S-. A bare tag without prefix (IO scheme) is read as I-. The file is
read a line at a time (memory holds one document). The languages of the documents are read from
`<name>.documents.tsv` beside the file when it is there (core.document_table; our export writes it).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import IO, Iterator

from annotator.core import document_table
from annotator.core.annotations import SpanRecord
from annotator.core.errors import InputError
from annotator.ingest.records import Item, in_language, make_article

SUFFIXES = {".conll", ".conll03", ".iob", ".iob1", ".iob2", ".bio", ".bilou", ".bioes"}
_TAG = re.compile(r"^(O|[BIELSU]-\S+)$")
_DOCSTART = "-DOCSTART-"


def looks_like_conll(lines: list[str]) -> bool:
    """Whether every non-blank line reads as token ... tag columns with an IOB/BILOU tag."""
    seen = False
    for line in lines:
        parts = line.split()
        if not parts:
            continue
        if parts[0] == _DOCSTART:
            seen = True
            continue
        if len(parts) < 2 or not _TAG.match(parts[-1]):
            return False
        seen = True
    return seen


def read_conll(path: Path, handle: IO[str]) -> Iterator[Item]:
    """Articles from an open CoNLL file, one per -DOCSTART- section (or the whole file)."""
    name = str(path)
    langs = table_languages(document_table.beside(path))
    doc = _Doc(name)
    n = 0
    for lineno, line in enumerate(handle, 1):
        parts = line.split()
        if parts and parts[0] == _DOCSTART:
            if doc.tokens:
                n += 1
                yield from in_language(doc.article(path, n), langs.get(str(n)))
            doc = _Doc(name)
            continue
        if not parts:
            doc.end_sentence()
            continue
        if len(parts) < 2:
            yield f"{name}:{lineno}: is a token with no tag column ({line.strip()[:40]!r}); the line was left out"
            continue
        doc.add(parts[0], parts[-1], f"{name}:{lineno}")
    if doc.tokens:
        n += 1
        yield from in_language(doc.article(path, n), langs.get(str(n)))
    if not n:
        raise InputError(name, "has no tokens")


def table_languages(table: Path) -> dict[str, str]:
    """document -> language from a document table, or nothing when there is none (or it cannot be read)."""
    try:
        return document_table.languages(table.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return {}


class _Doc:
    """Tokens of one document as they come, and the entities their tags close."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.parts: list[str] = []
        self.pos = 0
        self.tokens = 0
        self.spans: list[SpanRecord] = []
        self.open: tuple[int, int, str] | None = None  # start, end, type of the entity being read
        self.closed = True  # the previous tag ended an entity (or was O)
        self.sentence_started = False

    def end_sentence(self) -> None:
        if self.sentence_started:
            self._close()
            self.sentence_started = False
            self.closed = True

    def add(self, token: str, tag: str, where: str) -> None:
        if self.tokens and not self.sentence_started:
            self.parts.append("\n")
            self.pos += 1
        elif self.sentence_started:
            self.parts.append(" ")
            self.pos += 1
        start, end = self.pos, self.pos + len(token)
        self.parts.append(token)
        self.pos = end
        self.tokens += 1
        self.sentence_started = True
        self._tag(tag, start, end, where)

    def _tag(self, tag: str, start: int, end: int, where: str) -> None:
        if tag == "O":
            self._close()
            self.closed = True
            return
        prefix, kind = (tag[0], tag[2:]) if len(tag) > 2 and tag[1] == "-" and tag[0] in "BIELSU" else ("I", tag)
        continues = prefix in "IEL" and self.open is not None and self.open[2] == kind and not self.closed
        if continues:
            self.open = (self.open[0], end, kind)  # type: ignore[index]
        else:
            self._close()
            self.open = (start, end, kind)
        self.closed = prefix in "ELSU"
        if self.closed:
            self._close()

    def _close(self) -> None:
        if self.open is not None:
            self.spans.append(SpanRecord(*self.open))
            self.open = None

    def article(self, path: Path, n: int) -> Iterator[Item]:
        self._close()
        text = "".join(self.parts)
        yield make_article(text, f"{self.name}: document {n}", self.spans, source=path.name,
                           meta={"file": path.name, "document": n})
