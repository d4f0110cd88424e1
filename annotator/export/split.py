"""Train/dev/test split by document that never separates a story's syndicated copies.

Documents sharing a `group` metadata value form one unit; any other document is a unit of
its own, named by its text's sha256 (its identity across project files). Units are ordered
by sha256(seed, unit name), a shuffle that depends on nothing but the seed and the unit
itself, then cut where the cumulative document count crosses each share. So the same seed
gives the same split, and adding documents later moves few of the old ones.
"""
from __future__ import annotations

import hashlib
from itertools import accumulate
from typing import Iterable

from annotator.export.model import SPLIT_NAMES
from annotator.storage.corpus import DocumentRef


def unit_of(ref: DocumentRef) -> str:
    return f"group:{ref.group}" if ref.group else f"doc:{ref.sha256}"


def assign_splits(refs: Iterable[DocumentRef], shares: tuple[float, float, float], seed: int) -> dict[int, str]:
    """Document id -> "train", "dev" or "test"."""
    units: dict[str, list[int]] = {}
    for ref in refs:
        units.setdefault(unit_of(ref), []).append(ref.id)
    order = sorted(units, key=lambda u: hashlib.sha256(f"{seed}\x00{u}".encode("utf-8")).digest())
    total = sum(len(ids) for ids in units.values())
    bounds = list(accumulate(shares))
    out: dict[int, str] = {}
    before = 0
    for unit in order:
        ids = units[unit]
        middle = (before + len(ids) / 2) / max(total, 1)  # where the unit's middle falls decides
        index = next((i for i, b in enumerate(bounds) if middle < b - 1e-12), len(bounds) - 1)
        for doc_id in ids:
            out[doc_id] = SPLIT_NAMES[index]
        before += len(ids)
    return out
