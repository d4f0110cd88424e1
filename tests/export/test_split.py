"""Splits by document: reproducible for a seed, a story's copies together, shares respected."""
from __future__ import annotations

from collections import Counter

import pytest

from annotator.core.model import Status
from annotator.export.options import ExportError, parse_split
from annotator.export.split import assign_splits as assign
from annotator.storage.corpus import DocumentRef

SHARES = (0.8, 0.1, 0.1)


def assign_splits(refs: list[DocumentRef], shares: tuple[float, float, float], seed: int) -> dict[int, str]:
    return dict(assign(refs, shares, seed).items())


def refs(n: int, group_every: int = 0) -> list[DocumentRef]:
    return [DocumentRef(i, f"{i:064x}", f"story-{i // group_every}" if group_every else "", Status.DONE)
            for i in range(n)]


def test_same_seed_same_split_other_seed_other_split():
    docs = refs(500)
    assert assign_splits(docs, SHARES, 7) == assign_splits(list(reversed(docs)), SHARES, 7)
    assert assign_splits(docs, SHARES, 7) != assign_splits(docs, SHARES, 8)


def test_shares_are_met_to_within_one_unit():
    counts = Counter(assign_splits(refs(1000), SHARES, 1).values())
    assert abs(counts["train"] - 800) <= 1 and abs(counts["dev"] - 100) <= 1 and abs(counts["test"] - 100) <= 1


def test_documents_of_one_group_never_land_in_different_splits():
    docs = refs(600, group_every=3)  # stories of three syndicated copies
    split = assign_splits(docs, SHARES, 3)
    by_group: dict[str, set[str]] = {}
    for ref in docs:
        by_group.setdefault(ref.group, set()).add(split[ref.id])
    assert all(len(s) == 1 for s in by_group.values())
    assert set(split.values()) == {"train", "dev", "test"}


def test_adding_documents_moves_few_of_the_old_ones():
    old = assign_splits(refs(1000), SHARES, 5)
    new = assign_splits(refs(1100), SHARES, 5)
    moved = sum(old[i] != new[i] for i in old)
    assert moved < 50  # a reshuffle would move about a third of them


def test_a_zero_share_gets_no_document():
    assert set(assign_splits(refs(200), (0.9, 0.1, 0.0), 1).values()) == {"train", "dev"}


@pytest.mark.parametrize("text, shares", [("80,10,10", (0.8, 0.1, 0.1)), ("0.8, 0.1, 0.1", (0.8, 0.1, 0.1)),
                                          ("8/1/1", (0.8, 0.1, 0.1)), ("1,0,0", (1.0, 0.0, 0.0))])
def test_split_option_parses(text: str, shares: tuple[float, float, float]):
    assert parse_split(text) == pytest.approx(shares)


@pytest.mark.parametrize("text", ["80,20", "a,b,c", "-1,1,1", "0,5,5", "0,0,0", "nan,1,1"])
def test_bad_split_options_are_one_line_errors(text: str):
    with pytest.raises(ExportError, match="three numbers"):
        parse_split(text)


def test_lookup_by_id_and_unknown_id():
    splits = assign(refs(10), SHARES, 1)
    assert len(splits) == 10 and splits[3] in ("train", "dev", "test")
    with pytest.raises(KeyError):
        splits[99]


def test_ascending_lookup_agrees_with_lookup_by_id():
    splits = assign(refs(300), SHARES, 2)
    lookup = splits.ascending()
    assert [lookup(i) for i in range(0, 300, 7)] == [splits[i] for i in range(0, 300, 7)]
    with pytest.raises(KeyError):
        lookup(1000)
