"""Train/dev/test split by document that never separates a story's syndicated copies.

Documents sharing a `group` metadata value form one unit; any other document is a unit of
its own, named by its text's sha256 (its identity across project files). Units are ordered
by sha256(seed, unit name), a shuffle that depends on nothing but the seed and the unit
itself, then cut where the cumulative document count crosses each share (a unit goes where
its middle falls). So the same seed gives the same split, shares are met to within one
unit, and adding documents later moves few of the old ones (a new export of a grown
corpus does not leak old training documents into test).

Memory: 8-byte keys and ids per document, no texts, so the split of a large corpus is cheap.
"""
from __future__ import annotations

import hashlib
from array import array
from typing import Callable, Iterable, Iterator

import numpy

from annotator.export.options import SPLIT_NAMES
from annotator.storage.corpus import DocumentRef


def unit_key(ref: DocumentRef, seed: int) -> int:
    """Where the document's unit falls in the shuffle of `seed` (64 bits of a sha256)."""
    name = f"group:{ref.group}" if ref.group else f"doc:{ref.sha256}"
    return int.from_bytes(hashlib.sha256(f"{seed}\x00{name}".encode("utf-8")).digest()[:8], "big")


class Splits:
    """The split of each document, looked up by id (ids and split codes in numpy arrays)."""

    def __init__(self, ids: numpy.ndarray, codes: numpy.ndarray) -> None:
        order = numpy.argsort(ids, kind="stable")
        self._ids, self._codes = ids[order], codes[order]

    def __getitem__(self, doc_id: int) -> str:
        i = int(numpy.searchsorted(self._ids, doc_id))
        if i == len(self._ids) or self._ids[i] != doc_id:
            raise KeyError(doc_id)
        return SPLIT_NAMES[self._codes[i]]

    def __len__(self) -> int:
        return len(self._ids)

    def ascending(self) -> Callable[[int], str]:
        """A lookup for ids asked in ascending order (as exports stream them): O(1) each, and
        no numpy call per document (numpy releases the GIL, which then costs a thread switch)."""
        ids, codes = array("q", self._ids.tobytes()), self._codes.tobytes()
        position = 0

        def lookup(doc_id: int) -> str:
            nonlocal position
            while position < len(ids) and ids[position] < doc_id:
                position += 1
            if position == len(ids) or ids[position] != doc_id:
                raise KeyError(doc_id)
            return SPLIT_NAMES[codes[position]]
        return lookup

    def items(self) -> Iterator[tuple[int, str]]:
        return ((int(i), SPLIT_NAMES[c]) for i, c in zip(self._ids, self._codes))


def assign_splits(refs: Iterable[DocumentRef], shares: tuple[float, float, float], seed: int) -> Splits:
    """Assign each document to "train", "dev" or "test"."""
    keys, ids = array("Q"), array("q")
    for ref in refs:
        keys.append(unit_key(ref, seed))
        ids.append(ref.id)
    return split_keys(numpy.frombuffer(ids, dtype=numpy.int64), numpy.frombuffer(keys, dtype=numpy.uint64), shares)


def split_keys(ids: numpy.ndarray, keys: numpy.ndarray, shares: tuple[float, float, float]) -> Splits:
    """The cut of units (documents with equal keys) in key order by cumulative document count."""
    if len(ids) == 0:
        return Splits(ids, numpy.zeros(0, dtype=numpy.uint8))
    order = numpy.lexsort((ids, keys))
    ordered = keys[order]
    starts = numpy.flatnonzero(numpy.r_[True, ordered[1:] != ordered[:-1]])
    sizes = numpy.diff(numpy.r_[starts, len(ordered)])
    middles = (numpy.cumsum(sizes) - sizes / 2) / len(ordered)
    bounds = numpy.cumsum(shares) - 1e-12
    unit_codes = numpy.minimum(numpy.searchsorted(bounds, middles, side="right"), len(shares) - 1)
    codes = numpy.empty(len(ordered), dtype=numpy.uint8)
    codes[order] = numpy.repeat(unit_codes, sizes)
    return Splits(ids, codes)
