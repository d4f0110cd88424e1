"""How counts are written for people: "1 document", "2 annotators", never "1 document(s)"."""
from __future__ import annotations


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """`count` and the noun in the number it needs: plural(1, "unit") -> "1 unit"."""
    return f"{count:,} {noun if count == 1 else (nouns or noun + 's')}"
