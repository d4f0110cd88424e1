"""JSON as this version writes and exports it: no NaN or Infinity, no integer SQLite cannot hold, bounded nesting.

Python's json module accepts NaN, Infinity and integers of any length, and recurses until
RecursionError on deep nesting; values like these, once stored, make every later export
fail. Files from outside (imports, merged projects) are read through `loads` instead.
"""
from __future__ import annotations

import json
import math
from typing import Any

MAX_INT_DIGITS = 19  # SQLite INTEGER and JSON readers elsewhere hold 64 bits
MAX_DEPTH = 64  # deeper than any article record needs; far from Python's recursion limit


class StrictJSONError(ValueError):
    """Text that is not JSON as this version accepts it; the message says why."""


def loads(text: str) -> Any:
    """Parse `text`; raises StrictJSONError (never RecursionError) with a short reason."""
    depth = _nesting(text)
    if depth > MAX_DEPTH:
        raise StrictJSONError(f"nested {depth} levels deep (at most {MAX_DEPTH})")
    try:
        return json.loads(text, parse_constant=_refuse_constant, parse_int=_bounded_int, parse_float=_finite_float)
    except StrictJSONError:
        raise
    except json.JSONDecodeError as exc:
        raise StrictJSONError(exc.msg + (f" at line {exc.lineno}" if exc.lineno > 1 else "")) from None
    except (ValueError, RecursionError) as exc:
        raise StrictJSONError(str(exc)[:80] or type(exc).__name__) from None


def _nesting(text: str) -> int:
    """Deepest bracket nesting outside strings, found without recursion."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def _refuse_constant(name: str) -> Any:
    raise StrictJSONError(f"{name} is not a JSON number")


def _bounded_int(text: str) -> int:
    digits = len(text.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        raise StrictJSONError(f"an integer of {digits} digits is too large (at most {MAX_INT_DIGITS})")
    return int(text)


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise StrictJSONError(f"{text[:20]} is not a finite number")
    return value
