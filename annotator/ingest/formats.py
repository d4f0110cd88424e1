"""Which reader reads what: formats chosen by extension and content, or named with --format.

A source is one thing to import: an article file, a record file, a CoNLL or WebAnno file, or a
brat folder (or one .txt/.ann pair). `find_sources` walks what the user named; `stream_source`
gives a streaming source's items (articles, error lines, LeftOut counts) as they are read.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from annotator.core.document_table import is_table
from annotator.core.errors import InputError
from annotator.core.schema import Schema
from annotator.ingest.brat import CONF_FILES, brat_pairs, is_brat_folder, read_brat
from annotator.ingest.conll import SUFFIXES as CONLL_SUFFIXES, read_conll
from annotator.ingest.readers import SUFFIXES as ARTICLE_SUFFIXES, open_regular_file
from annotator.ingest.records import Item
from annotator.ingest.webanno_tsv import is_webanno, read_webanno

FORMATS = ("text", "jsonl", "prodigy", "label-studio", "brat", "conll", "webanno")
STREAMED = {"brat", "conll", "webanno"}  # read a document at a time; the others by their file readers
KNOWN_SUFFIXES = ARTICLE_SUFFIXES | CONLL_SUFFIXES | {".tsv", ".ann"}


@dataclass(frozen=True)
class Source:
    """One thing to import and the format it is read as; `files` are a brat source's .txt files."""

    path: Path
    format: str
    files: tuple[Path, ...] = field(default=())
    given: bool = False  # the user named the format (--format); else it was read off the name and content

    @property
    def named_format(self) -> str | None:
        return self.format if self.given else None


def find_sources(paths: Iterable[str | Path], fmt: str | None = None) -> tuple[list[Source], list[str]]:
    """Sources under `paths`, and one line per path that cannot be imported."""
    if fmt is not None and fmt not in FORMATS:
        raise InputError("--format", f"{fmt!r} is not one of {', '.join(FORMATS)}")
    sources: list[Source] = []
    errors: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            if fmt == "brat" or (fmt is None and is_brat_folder(path)):
                sources.append(Source(path, "brat", tuple(brat_pairs(path))))
                errors += _stray_in_brat(path)
            else:
                _walk(path, fmt, sources, errors)
        elif path.exists():
            sources.append(_file_source(path, fmt))
        else:
            errors.append(f"{path}: no such file or folder")
    return sources, errors


def _walk(folder: Path, fmt: str | None, sources: list[Source], errors: list[str]) -> None:
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(n for n in names if not n.startswith(".")):
            path = Path(root) / name
            suffix = path.suffix.lower()
            if is_table(name):
                continue  # the languages of a CoNLL file's documents: read with that file
            if fmt is not None or suffix in KNOWN_SUFFIXES - {".ann"}:
                sources.append(_file_source(path, fmt))
            else:  # named, so nobody wonders where their .docx went
                errors.append(f"{path}: unsupported file type {suffix or '(none)'} (expected .txt, .md, .jsonl, "
                              f".json, {', '.join(sorted(CONLL_SUFFIXES))}, .tsv or a brat folder); not imported")


def _stray_in_brat(folder: Path) -> list[str]:
    out = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if name.startswith(".") or name in CONF_FILES or is_table(name) or name.lower().endswith((".txt", ".ann")):
                continue
            out.append(f"{Path(root) / name}: not a brat file (.txt, .ann or .conf); not imported")
    return sorted(out)


def _file_source(path: Path, fmt: str | None) -> Source:
    suffix = path.suffix.lower()
    if fmt == "brat" or (fmt is None and (suffix == ".ann" or (suffix == ".txt" and path.with_suffix(".ann").exists()))):
        return Source(path, "brat", (path.with_suffix(".txt"),))
    if fmt is not None:
        return Source(path, fmt, given=True)
    if suffix in CONLL_SUFFIXES:
        return Source(path, "conll")
    if suffix == ".tsv":
        return Source(path, "webanno" if _starts_webanno(path) else "conll")
    return Source(path, "jsonl" if suffix == ".jsonl" else "text")


def _starts_webanno(path: Path) -> bool:
    try:
        with open_regular_file(path, str(path)) as handle:
            return is_webanno(handle.read(64))
    except (OSError, InputError):
        return False


def stream_source(source: Source, schema: Schema) -> Iterator[Item]:
    """Items of a streaming source (brat, CoNLL, WebAnno); InputError for a file unread as a whole."""
    if source.format == "brat":
        yield from read_brat(list(source.files), schema)
        return
    name = str(source.path)
    try:
        with open_regular_file(source.path, name) as raw, \
                open(raw.fileno(), encoding="utf-8-sig", errors="strict", newline=None, closefd=False) as handle:
            if source.format == "conll":
                yield from read_conll(source.path, handle)
            else:
                yield from read_webanno(source.path, handle, schema)
    except UnicodeDecodeError as exc:
        raise InputError(name, f"is not UTF-8 text (byte {exc.start} of a line); nothing from it was imported") from None
