"""Span text between quotes, isolated from the text around it.

A span's text may be right-to-left (Arabic) while the line quoting it is left-to-right. Without
isolation the closing quote takes the Arabic word's direction whenever digits follow it (the next
line's `[1]` after a `<br>` is in the same bidi paragraph, and digits after Arabic count as Arabic),
and `LOCATION “إدلب”` shows as `LOCATION “”إدلب`. First Strong Isolate … Pop Directional Isolate
(U+2068 … U+2069) lays the span text out in its own direction as one block, so the quotes stay
on either side of it in every direction of the surrounding line.
"""
from __future__ import annotations

FSI, PDI = "\u2068", "\u2069"


def isolated(text: str) -> str:
    """`text` laid out in its own direction as one block, so what follows it stays in place (an Arabic title)."""
    return f"{FSI}{text}{PDI}"


def quoted(text: str) -> str:
    """`text` in curly quotes, bidi-isolated (escape markup before, for rich text)."""
    return f"“{isolated(text)}”"


__all__ = ["isolated", "quoted", "FSI", "PDI"]
