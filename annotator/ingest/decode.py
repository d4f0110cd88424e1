"""Bytes to text: BOMs, UTF-8, legacy single-byte code pages; binary files refused by name.

Newlines become LF. `normalise_newlines` also returns a map so that span offsets given
against the original text (CRLF) can be moved to the stored text (LF).
"""
from __future__ import annotations

import codecs

from annotator.core.errors import InputError
from annotator.ingest.legacy_encodings import read_legacy

_MAGIC = {
    b"\x89PNG\r\n\x1a\n": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or .docx/.xlsx)",
    b"\x1f\x8b": "a gzip archive",
    b"SQLite format 3\x00": "a SQLite database",
    b"\xd0\xcf\x11\xe0": "an old Office document",
    b"\x7fELF": "a program",
}


def decode_bytes(data: bytes, source: str) -> str:
    """Decode an article file; raises InputError naming `source` when it is not text, or when no
    code page reads it as one language (see legacy_encodings: refused, never stored as mojibake)."""
    for bom, encoding in _BOMS:  # UTF-32 first: its little-endian BOM begins with UTF-16's
        if data.startswith(bom):
            return _no_nul(_strict(data[len(bom):], encoding, source), source)
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(source, f"is binary ({what}), not an article")
    if b"\x00" in data:  # anywhere, not only in the first block: a NUL is never article text
        raise InputError(source, f"is binary (contains NUL bytes, the first at byte {data.index(0)}), not an article")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _legacy(data, source)


_BOMS = [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")]


def _no_nul(text: str, source: str) -> str:
    if "\x00" in text:
        raise InputError(source, f"is binary (contains NUL characters, the first at {text.index(chr(0))}), "
                                 "not an article")
    return text


def _strict(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(source, f"is not valid {encoding.upper()} (byte {exc.start}): {exc.reason}") from None


def _legacy(data: bytes, source: str) -> str:
    """A file that is not UTF-8: the single-byte code page whose reading fits one language."""
    reading, why = read_legacy(data)
    if reading is None:
        raise InputError(source, why)
    if _control_ratio(reading.text) > 0.01:
        raise InputError(source, "is binary (control characters), not an article")
    return reading.text


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    return bad / len(text)


def normalise_newlines(text: str) -> tuple[str, list[int] | None]:
    """CRLF and CR become LF. Returns the text and, if anything changed, old->new offset map.

    The map has len(text) + 1 entries so that both start and end offsets can be mapped.
    """
    if "\r" not in text:
        return text, None
    out: list[str] = []
    mapping: list[int] = []
    pos = 0
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        mapping.append(pos)
        if ch == "\r":
            if i + 1 < n and text[i + 1] == "\n":
                mapping.append(pos)  # the LF of a CRLF collapses onto the same position
                i += 1
            out.append("\n")
        else:
            out.append(ch)
        pos += 1
        i += 1
    mapping.append(pos)
    return "".join(out), mapping
