"""The document table: each document's language where a format has no place for it (CoNLL, brat).

spaCy's CoNLL converter reads every line of a -DOCSTART- section as a token (a `# lang = fr`
comment would become a token "#" tagged "fr"), and a brat note must hang on an annotation of
the document (one with no span has none). So the language goes in a small table beside the
data, which spaCy and brat never open: `corpus.documents.tsv` beside `corpus.conll`, and
`documents.tsv` inside a brat folder. Tab-separated, a header line, a row per document:
`document` (the CoNLL file's -DOCSTART- section counted from 1, or the brat file's name
without `.txt`), `lang` (ISO 639-1), `id` (the document's id in the project it came from),
`sha256` (of its text). `annotator import` reads it back with the CoNLL file or brat folder.
"""
from __future__ import annotations

from pathlib import Path

TABLE_NAME = "documents.tsv"  # inside a brat folder
SUFFIX = ".documents.tsv"  # beside a CoNLL file: corpus.conll -> corpus.documents.tsv
COLUMNS = ("document", "lang", "id", "sha256")


def beside(data: Path) -> Path:
    """The table of a CoNLL file (`train.conll` -> `train.documents.tsv`)."""
    return data.with_name(data.stem + SUFFIX)


def is_table(name: str) -> bool:
    """Whether a file of a folder being imported is a document table (read with its data, not as data)."""
    return name == TABLE_NAME or name.endswith(SUFFIX)


def header() -> str:
    return "\t".join(COLUMNS) + "\n"


def row(document: str | int, lang: str, document_id: int, sha256: str) -> str:
    return f"{document}\t{lang}\t{document_id}\t{sha256}\n"


def languages(text: str) -> dict[str, str]:
    """document -> language as the table gives it (checked where it is used, like any metadata's `lang`).

    A table without our header reads as empty: its data comes in as if it had none."""
    lines = text.splitlines()
    if not lines or tuple(lines[0].split("\t")[:2]) != COLUMNS[:2]:
        return {}
    out: dict[str, str] = {}
    for line in lines[1:]:
        fields = line.split("\t")
        if len(fields) >= 2 and fields[0]:
            out[fields[0]] = fields[1]
    return out
