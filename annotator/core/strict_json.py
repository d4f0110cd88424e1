"""JSON as this version writes and exports it: no NaN or Infinity, no integer SQLite cannot hold, bounded nesting.

Python's json module accepts NaN, Infinity and integers of any length, and recurses until
RecursionError on deep nesting; values like these, once stored, make every later export
fail. Files from outside (imports, merged projects) are read through `loads` instead.
"""
from __future__ import annotations

import json
import math
import re
from typing import Any

MAX_INT_DIGITS = 19  # SQLite INTEGER and JSON readers elsewhere hold 64 bits
MAX_DEPTH = 64  # deeper than any article record needs; far from Python's recursion limit


class StrictJSONError(ValueError):
    """Text that is not JSON as this version accepts it; the message says why."""


def loads(text: str) -> Any:
    """Parse `text`; raises StrictJSONError (never RecursionError) with a short reason.

    The walks over the parsed value run only where a cheap scan of the text says they may
    matter, so that ordinary records parse near the C parser's speed."""
    try:
        value = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float, parse_int=_bounded_int)
    except StrictJSONError:
        raise
    except json.JSONDecodeError as exc:
        raise StrictJSONError(exc.msg + (f" at line {exc.lineno}" if exc.lineno > 1 else "")) from None
    except RecursionError:
        raise StrictJSONError(f"nested too deep (at most {MAX_DEPTH} levels)") from None
    except ValueError as exc:
        raise StrictJSONError(str(exc)[:80] or type(exc).__name__) from None
    if text.count("[") + text.count("{") > MAX_DEPTH and _depth(value) > MAX_DEPTH:
        raise StrictJSONError(f"nested too deep (at most {MAX_DEPTH} levels)")
    if _SURROGATE_ESCAPE.search(text):
        bad = _lone_surrogate(value)
        if bad is not None:
            raise StrictJSONError(f"contains a lone surrogate U+{bad:04X}, which is not text")
    return value


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _lone_surrogate(value: Any) -> int | None:
    """The first unpaired surrogate in any string (key or value), walked without recursion."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError as exc:
                return ord(item[exc.start])
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


def _depth(value: Any) -> int:
    """Deepest nesting of lists and objects, walked without recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, (list, dict)):
            deepest = max(deepest, level)
            stack.extend((child, level + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def _refuse_constant(name: str) -> Any:
    raise StrictJSONError(f"{name} is not a JSON number")


def _bounded_int(text: str) -> int:
    if len(text) <= MAX_INT_DIGITS:  # the common case, first: called for every integer
        return int(text)
    digits = len(text.lstrip("-"))
    if digits > MAX_INT_DIGITS:
        raise StrictJSONError(f"an integer of {digits} digits is too large (at most {MAX_INT_DIGITS})")
    return int(text)


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise StrictJSONError(f"{text[:20]} is not a finite number")
    return value
