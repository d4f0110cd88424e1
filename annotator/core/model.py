"""Small immutable values the whole application passes around: Label, Span, Document."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any, Mapping

from annotator.core.errors import SpanError

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_LABEL_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_\-]{0,39}$")
GOLD = "gold"  # reserved annotator name of the reviewers' layer
_TAG_PREFIXES = ("B-", "I-", "L-", "U-", "E-", "S-")  # IOB/BILOU/IOBES tag prefixes: a label starting so is ambiguous


def shortcut_ok(key: str) -> bool:
    """A shortcut key is empty (none) or one visible character: no space, newline or control."""
    return key == "" or (len(key) == 1 and key.isprintable() and not key.isspace())


def normalise_name(name: str, what: str = "an annotator") -> str:
    """A name as stored: NFC, with surrounding whitespace and invisible characters removed.

    The same rule for a name typed here and one read from another file, so that "gold " or
    "gold\\x00" cannot pass for a different name. Control characters inside are refused."""
    if not isinstance(name, str):
        raise SpanError(f"{what} name must be text, not {type(name).__name__}")
    name = unicodedata.normalize("NFC", name)
    start, end = 0, len(name)
    while start < end and _invisible(name[start]):
        start += 1
    while end > start and _invisible(name[end - 1]):
        end -= 1
    name = name[start:end]
    if not name:
        raise SpanError(f"{what} needs a name")
    bad = next((ch for ch in name if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")), None)
    if bad is not None:
        raise SpanError(f"{what} name {name!r} contains the control character U+{ord(bad):04X}")
    if len(name) > 100:
        raise SpanError(f"{what} name {name[:20]!r}... is longer than 100 characters")
    return name


def _invisible(ch: str) -> bool:
    return ch.isspace() or unicodedata.category(ch) in ("Cc", "Cf", "Zs", "Zl", "Zp")


def is_gold(name: str) -> bool:
    """Whether a (normalised) name stands for the reviewers' layer: any case, any width."""
    return unicodedata.normalize("NFKC", name).casefold() == GOLD


def check_annotator_name(name: str) -> str:
    """A person's annotator name, normalised; the reviewers' layer name is not one."""
    name = normalise_name(name)
    if is_gold(name):
        raise SpanError(f"{GOLD!r} is the reviewers' adjudicated layer, written by review only; "
                        "choose another annotator name")
    return name


class Status(str, Enum):
    """An annotator's progress on one document."""

    TODO = "todo"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class Label:
    """A span label: name, colour (#rrggbb), shortcut key and guideline text."""

    name: str
    colour: str
    key: str = ""
    description: str = ""
    guideline: str = ""

    def __post_init__(self) -> None:
        if not _LABEL_NAME.fullmatch(self.name):
            raise SpanError(f"label name {self.name!r} must be a letter then letters, digits, _ or -")
        if self.name == "O" or self.name[:2] in _TAG_PREFIXES:
            raise SpanError(f"label name {self.name!r} would collide with CoNLL tags (O, B-, I-, L-, U-, E-, S-); "
                            "choose another name")
        if not _COLOUR.fullmatch(self.colour):
            raise SpanError(f"label {self.name}: colour {self.colour!r} is not #rrggbb")
        if not shortcut_ok(self.key):
            raise SpanError(f"label {self.name}: shortcut {self.key!r} must be one visible character")


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled range of a document, in Python code points, half-open [start, end)."""

    document_id: int
    start: int
    end: int
    label: str
    annotator: str = ""
    id: int | None = None
    note: str = ""
    unsure: bool = False
    attrs: Mapping[str, Any] = field(default_factory=dict, hash=False)
    version: int = 0
    updated_at: str = ""
    # which tool proposed it, when it was accepted, parsed or typed figure (core.provenance):
    # metadata the tool writes, never compared by agreement or review, never an attribute
    provenance: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def __post_init__(self) -> None:
        if self.start < 0 or self.end <= self.start:
            raise SpanError(f"span [{self.start}, {self.end}) of document {self.document_id} is empty or reversed")

    @property
    def key(self) -> tuple[int, int, str]:
        """What makes two annotators' spans 'the same': range and label."""
        return (self.start, self.end, self.label)

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end

    def with_(self, **changes: Any) -> "Span":
        return replace(self, **changes)

    def check_within(self, text_length: int) -> None:
        if self.end > text_length:
            raise SpanError(
                f"span [{self.start}, {self.end}) {self.label} is outside the text "
                f"of document {self.document_id} (length {text_length})"
            )


@dataclass(frozen=True, slots=True)
class Document:
    """An article as annotators see it; its sha256 is its identity across project files."""

    id: int
    text: str
    title: str
    sha256: str
    source: str = ""
    meta: Mapping[str, Any] = field(default_factory=dict, hash=False)
    imported_at: str = ""
    lang: str = "en"  # ISO 639-1: which blank spaCy pipeline tokenizes it, which rules read it


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """One row of the document list: enough to show and filter without loading the text."""

    id: int
    title: str
    length: int
    status: Status = Status.TODO
    span_count: int = 0
    lang: str = "en"


@dataclass(frozen=True, slots=True)
class NewArticle:
    """An article on its way into the store, with spans (start, end, label) of one layer."""

    text: str
    title: str
    source: str = ""
    meta: dict[str, Any] = field(default_factory=dict)
    spans: tuple[tuple[int, int, str], ...] = ()
    annotations: Any = None  # core.annotations.RecordAnnotations: attributes, notes, relations of `spans`
    lang: str = ""  # as the file gives it; ISO 639-1 once chosen at import (metadata, detection, the default)
    annotator: str | None = None  # the layer the file names for these spans (e.g. Prodigy's _annotator_id)


def text_sha256(text: str) -> str:
    """Identity of a text: sha256 of its UTF-8 bytes, hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
