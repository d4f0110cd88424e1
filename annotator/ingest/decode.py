"""Bytes to text: BOMs, UTF-8, legacy single-byte code pages; binary files refused by name.

Newlines become LF. `normalise_newlines` also returns a map so that span offsets given
against the original text (CRLF) can be moved to the stored text (LF).
"""
from __future__ import annotations

import codecs

from annotator.core.errors import InputError

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
# Single-byte code pages worth trying, most likely first for news copy.
_LEGACY = ["cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1256", "iso8859_15", "koi8_r"]


def decode_bytes(data: bytes, source: str) -> str:
    """Decode an article file; raises InputError naming `source` when it is not text."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", source)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", source)
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(source, f"is binary ({what}), not an article")
    if b"\x00" in data[:8192]:
        raise InputError(source, "is binary (contains NUL bytes), not an article")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _legacy(data, source)


def _strict(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(source, f"is not valid {encoding.upper()} (byte {exc.start}): {exc.reason}") from None


def _legacy(data: bytes, source: str) -> str:
    """A file that is not UTF-8: let charset-normalizer choose among single-byte code pages."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_LEGACY).best()
    encoding = best.encoding if best is not None else None
    # Western European news is by far the most common legacy case; when cp1252 reads the
    # bytes and the detector prefers a sibling that maps them to the same text, keep cp1252.
    try:
        cp1252 = data.decode("cp1252")
    except UnicodeDecodeError:
        cp1252 = None
    if encoding is None or (cp1252 is not None and encoding in ("cp1250", "iso8859_15", "cp1254")):
        if cp1252 is None:
            raise InputError(source, "is not text in UTF-8, UTF-16 or a known single-byte encoding")
        text = cp1252
    else:
        text = data.decode(encoding)
    if _control_ratio(text) > 0.01:
        raise InputError(source, "is binary (control characters), not an article")
    return text


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
