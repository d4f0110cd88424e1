"""What an export is asked to do (ExportOptions), what it hands each format writer (ExportItem)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Protocol

from annotator.core.errors import AnnotatorError, flag, option  # noqa: F401 (the options' words)
from annotator.core.model import Document, Span
from annotator.core.relation import Relation
from annotator.core.schema import Schema

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from annotator.nlp.tokens import DocTokens

SPLIT_NAMES = ("train", "dev", "test")
CORPUS = "corpus"  # the one file of an export without a split
SCHEMES = ("iob2", "bilou")
STATUSES = ("done", "all")
Progress = Callable[[int, int], None]  # (documents written, documents to write)


class ExportError(AnnotatorError):
    """An export that cannot run as asked (bad option, output folder in the way, nothing to export).

    The one check of an export's options raises it for the command line and the dialog alike; the
    options it concerns are marked with option() in its message (`fields`), and each edge words them:
    str() names the command line's flags, worded() the dialog's controls (annotator.core.errors)."""


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """One export: the format, where to, which layer and documents, how to split and tag."""

    format: str
    out: Path
    source: str
    status: str = "done"
    split: tuple[float, float, float] | None = None  # train, dev, test shares, summing to 1
    seed: int = 0
    scheme: str = "iob2"
    strict: bool = False
    schema: Schema | None = None  # the project's; set by the export run for writers that need it
    lang: str | None = None  # only documents in this language (ISO 639-1)
    mixed_languages: bool = False  # a spaCy export may hold documents of several languages

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise ExportError(f"{option('status')} must be one of {', '.join(STATUSES)}, not {self.status!r}")
        if self.scheme not in SCHEMES:
            raise ExportError(f"{option('scheme')} must be one of {', '.join(SCHEMES)}, not {self.scheme!r}")
        if self.split is not None and (len(self.split) != 3 or abs(sum(self.split) - 1) > 1e-9):
            raise ExportError("a split is three shares (train, dev, test) that sum to 1; use parse_split()")

    @property
    def split_names(self) -> tuple[str, ...]:
        return SPLIT_NAMES if self.split is not None else (CORPUS,)


def parse_split(text: str) -> tuple[float, float, float]:
    """ "80,10,10" or "0.8,0.1,0.1" -> shares of train, dev and test that sum to 1."""
    parts = [p for p in re.split(r"[,\s/:]+", text.strip()) if p]
    try:
        values = [float(p) for p in parts]
    except ValueError:
        values = []
    if len(values) != 3 or any(v < 0 or v != v for v in values) or sum(values) <= 0 or values[0] <= 0:
        raise ExportError(f"{option('split')} {text!r}: give three numbers TRAIN,DEV,TEST such as 80,10,10 "
                          "(train above zero, none negative)")
    total = sum(values)
    return values[0] / total, values[1] / total, values[2] / total


@dataclass(frozen=True, slots=True)
class Placed:
    """A stored span placed on the tokens of its document.

    token_start/token_end index spaCy tokens (whitespace tokens counted), half-open;
    start/end are the code points those tokens cover. They differ from the span's own
    offsets only when the span did not fall on token boundaries. token_start == token_end
    when the span touches no token at all (it covers only whitespace).
    """

    span: Span
    token_start: int
    token_end: int
    start: int
    end: int

    @property
    def label(self) -> str:
        return self.span.label

    @property
    def aligned(self) -> bool:
        return self.start == self.span.start and self.end == self.span.end

    @property
    def placed(self) -> bool:
        return self.token_end > self.token_start


@dataclass(slots=True)
class ExportItem:
    """One document on its way to a writer: its stored tokens, every span, and the non-overlapping layer.

    `tokens` are the arrays writers should use; `doc` is a spaCy Doc made from them on first
    use (words and spaces, no tokenizing) for a writer that needs spaCy's objects."""

    document: Document
    tokens: "DocTokens"
    spans: list[Placed] = field(default_factory=list)
    ents: list[Placed] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)  # of this layer, between stored spans
    team: dict = field(default_factory=dict)  # active time and note threads (annotator.export.team_metadata)
    _doc: "Doc | None" = None

    @property
    def doc(self) -> "Doc":
        if self._doc is None:
            self._doc = self.tokens.to_doc(self.document.text)
        return self._doc


class Writer(Protocol):
    """Writes one file of an export, a document at a time."""

    def write(self, item: ExportItem) -> None: ...

    def close(self) -> None: ...

    def discard(self) -> None: ...


@dataclass(frozen=True, slots=True)
class Exporter:
    """A registered format: file suffix, writer factory, and whether it flattens overlaps."""

    name: str
    suffix: str
    open: Callable[[Path, "ExportOptions", list[str]], Writer]  # (file, options, label names)
    flattens: bool  # True when the format keeps only the non-overlapping layer somewhere
    title: str = ""  # what a user picks from, e.g. "spaCy DocBin (.spacy)"
    description: str = ""
    corpus_name: str = ""  # the file (or folder) name of an export without a split, if not corpus+suffix
    companion: str = ""  # a second file the writer puts beside each (CoNLL: ".documents.tsv", the languages)
    # For a format that writes folders (brat): whether a file of this name inside one is one it writes.
    # A previous export's folder holding anything else is not replaced (export.output.check_output_folder).
    writes_inside: Callable[[str], bool] | None = None
