from __future__ import annotations

import random

from annotator.core.offsets import Utf16Map


def _utf16_len(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def test_emoji_shifts_qt_positions_but_not_python_ones():
    text = "🚀 Acme"
    m = Utf16Map(text)
    assert text[2:6] == "Acme"
    assert (m.to_utf16(2), m.to_utf16(6)) == (3, 7)
    assert (m.to_codepoint(3), m.to_codepoint(7)) == (2, 6)


def test_arabic_is_in_the_bmp_so_offsets_agree():
    text = "قال مسؤولون في إدلب"
    m = Utf16Map(text)
    assert all(m.to_utf16(i) == i and m.to_codepoint(i) == i for i in range(len(text) + 1))


def test_position_inside_a_surrogate_pair_rounds_down():
    m = Utf16Map("a😀b")
    assert m.to_codepoint(2) == 1  # between the two halves of 😀
    assert m.to_codepoint(3) == 2


def test_round_trip_on_random_mixed_text():
    rng = random.Random(7)
    alphabet = ["a", " ", "é", "ب", "😀", "🇸🇾", "中", "\n"]
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        m = Utf16Map(text)
        for cp in range(len(text) + 1):
            assert m.to_utf16(cp) == _utf16_len(text[:cp])
            assert m.to_codepoint(m.to_utf16(cp)) == cp
