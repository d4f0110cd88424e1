"""Conversion between Python code-point offsets (ours) and UTF-16 offsets (Qt's QTextCursor).

Python counts code points; Qt counts UTF-16 units, so every character above U+FFFF (emoji,
some CJK) is one Python position but two Qt positions. Convert at the edge of the view only.
"""
from __future__ import annotations

import re
from bisect import bisect_right

_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")  # found at C speed: an Arabic article is 100,000 non-ASCII characters


class Utf16Map:
    """Maps offsets both ways for one text in O(log n); cheap when the text is all BMP."""

    __slots__ = ("_astral",)

    def __init__(self, text: str) -> None:
        # Code-point positions of characters that take two UTF-16 units.
        self._astral = [m.start() for m in _ASTRAL.finditer(text)] if not text.isascii() else []

    def to_utf16(self, cp: int) -> int:
        """UTF-16 offset of code-point offset `cp`."""
        return cp + bisect_right(self._astral, cp - 1)

    def to_codepoint(self, u16: int) -> int:
        """Code-point offset of UTF-16 offset `u16`; a position inside a surrogate pair rounds down."""
        lo, hi = 0, len(self._astral)
        # k = astral chars whose first unit lies before u16; a position inside a pair rounds down.
        while lo < hi:
            mid = (lo + hi) // 2
            # astral char `mid` at code point a occupies utf16 [a+mid, a+mid+2)
            if self._astral[mid] + mid + 1 <= u16:
                lo = mid + 1
            else:
                hi = mid
        return u16 - lo
