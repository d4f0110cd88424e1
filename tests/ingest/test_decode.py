from __future__ import annotations

import codecs

import pytest

from annotator.core.errors import InputError
from annotator.ingest.decode import decode_bytes, normalise_newlines

CURLY = "“We have nowhere left to go,” said Umm Khaled — a mother of four – in Maarat al-Numan’s camp."


@pytest.mark.parametrize("data", [
    CURLY.encode("utf-8"),
    codecs.BOM_UTF8 + CURLY.encode("utf-8"),
    CURLY.encode("utf-16"),  # with BOM, native order
    codecs.BOM_UTF16_BE + CURLY.encode("utf-16-be"),
    CURLY.encode("cp1252"),
])
def test_every_supported_encoding_gives_the_same_text(data):
    assert decode_bytes(data, "a.txt") == CURLY


def test_cp1252_curly_quotes_never_come_out_as_mojibake():
    text = decode_bytes("Caf\u00e9 \u201cquoted\u201d \u2013 na\u00efve".encode("cp1252"), "x.txt")
    assert text == "Café “quoted” – naïve"
    assert "â€" not in text


def test_legacy_cyrillic_is_detected():
    text = "Вооружённые силы сообщили, что в результате обстрела погибли 12 мирных жителей. " * 3
    assert decode_bytes(text.encode("cp1251"), "ru.txt") == text


@pytest.mark.parametrize("data,what", [
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG"),
    (b"%PDF-1.7\n" + b"\x00" * 10, "PDF"),
    (b"text\x00with\x00nul" * 10, "NUL"),
])
def test_binary_files_are_refused_by_name(data, what):
    with pytest.raises(InputError, match=what) as err:
        decode_bytes(data, "photo.txt")
    assert str(err.value).startswith("photo.txt: ")


def test_crlf_and_cr_become_lf_with_an_offset_map():
    text, mapping = normalise_newlines("ab\r\ncd\ref")
    assert text == "ab\ncd\nef"
    assert mapping is not None and len(mapping) == len("ab\r\ncd\ref") + 1
    # "cd" was at [4, 6) in the original and is at [3, 5) now; "ef" [7, 9) -> [6, 8)
    assert (mapping[4], mapping[6]) == (3, 5)
    assert (mapping[7], mapping[9]) == (6, 8)
    assert normalise_newlines("plain\ntext") == ("plain\ntext", None)
