from __future__ import annotations

import re

import pytest

from annotator.core.snapping import is_aligned, resize_by_token, snap_to_tokens, token_range


def toks(text: str) -> list[tuple[int, int]]:
    """A simple word/punctuation tokenizer for pure tests (the app uses spaCy's)."""
    return [m.span() for m in re.finditer(r"\w+|[^\w\s]", text)]


TEXT = 'the UN said: "350,000 fled" Idlib.'


def test_selection_inside_a_word_grows_to_the_word():
    t = toks("rescuers said")
    assert snap_to_tokens("rescuers said", t, 2, 5) == (0, 8)


def test_leading_and_trailing_space_and_punctuation_are_trimmed():
    text = 'the UN said: "Idlib" burns'
    t = toks(text)
    start = text.index(": ")
    end = text.index(" burns")
    assert snap_to_tokens(text, t, start, end) == (text.index("Idlib"), text.index("Idlib") + 5)


def test_only_whitespace_or_punctuation_gives_nothing():
    text = "a , b"
    assert snap_to_tokens(text, toks(text), 1, 4) is None


def test_reversed_selection_is_normalised():
    text = "rescuers said"
    assert snap_to_tokens(text, toks(text), 11, 9) == (9, 13)


def test_is_aligned():
    text = "rescuers said"
    t = toks(text)
    assert is_aligned(t, 0, 8)
    assert not is_aligned(t, 0, 7)
    assert not is_aligned(t, 1, 8)


@pytest.mark.parametrize("edge,delta,expected", [
    ("end", 1, "Idlib province"), ("end", -1, "Idlib"), ("start", -1, "fled Idlib"), ("start", 1, "Idlib"),
])
def test_resize_by_token(edge, delta, expected):
    text = "they fled Idlib province"
    t = toks(text)
    s = text.index("Idlib")
    start, end = resize_by_token(t, s, s + 5, edge, delta)
    assert text[start:end] == expected


def test_token_range_touching():
    text = "they fled Idlib"
    t = toks(text)
    assert token_range(t, 6, 12) == (1, 3)


def test_resize_moves_exactly_one_token_boundary():
    text = "they fled Idlib province, rescuers said"
    t = toks(text)
    s = text.index("dlib")  # an edge inside a token first reaches that token's own boundary
    start, end = resize_by_token(t, s, s + 4, "start", -1, text)
    assert text[start:end] == "Idlib"
    start, end = resize_by_token(t, start, end, "start", -1, text)
    assert text[start:end] == "fled Idlib"
    start, end = resize_by_token(t, start, end, "end", 1, text)
    assert text[start:end] == "fled Idlib province"
    start, end = resize_by_token(t, start, end, "end", 1, text)  # the comma is one token too
    assert text[start:end] == "fled Idlib province,"
    assert resize_by_token(t, start, end, "end", -2, text) == (start, text.index(" province"))


def test_resize_never_carries_a_span_across_a_paragraph_break():
    text = "Rebels advanced.\n\nIdlib burned.\nRescuers said"
    t = toks(text)
    s = text.index("Idlib")
    assert resize_by_token(t, s, s + 5, "start", -1, text) == (s, s + 5)  # "." of the last paragraph: refused
    end = text.index("burned.") + len("burned.")
    assert resize_by_token(t, s, end, "end", 1, text) == (s, end)  # "Rescuers" on the next line: refused
    assert resize_by_token(t, s, end, "end", -1, text) == (s, end - 1)  # shrinking is always fine
