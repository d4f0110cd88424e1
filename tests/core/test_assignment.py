"""Properties of the assignment algorithm, checked over many seeds, team sizes and corpus sizes."""
from __future__ import annotations

from collections import Counter
from itertools import combinations
from math import comb

import pytest

from annotator.core.assignment import plan_assignment
from annotator.core.errors import SpanError

CASES = [(n_ann, k, n_docs, pct) for n_ann in (2, 3, 4, 5, 7, 12) for k in (2, 3) if k <= n_ann
         for n_docs in (1, 9, 40, 157) for pct in (0, 10, 35, 100)]


def _loads(assignment: dict[int, tuple[str, ...]]) -> Counter[str]:
    return Counter(name for names in assignment.values() for name in names)


@pytest.mark.parametrize("n_ann,k,n_docs,pct", CASES)
def test_every_document_once_or_k_times_and_loads_within_one(n_ann, k, n_docs, pct):
    team = [f"ann{i}" for i in range(n_ann)]
    for seed in range(8):
        plan = plan_assignment(range(n_docs), team, overlap_percent=pct, per_document=k, seed=seed)
        assert sorted(plan.new) == list(range(n_docs))
        sizes = Counter(len(set(names)) for names in plan.new.values())
        assert sizes[k] == plan.overlap_documents == round(n_docs * pct / 100)
        assert sizes[1] == n_docs - plan.overlap_documents
        assert all(len(names) == len(set(names)) and set(names) <= set(team) for names in plan.new.values())
        loads = _loads(plan.new)
        counts = [loads.get(name, 0) for name in team]
        assert max(counts) - min(counts) <= 1, (seed, counts)
        assert dict(loads) == {n: c for n, c in plan.loads.items() if c}


@pytest.mark.parametrize("n_ann", range(2, 21))
@pytest.mark.parametrize("k", (2, 3, 4))
def test_every_pair_shares_a_document_given_twice_the_minimum_of_overlap(n_ann, k):
    if k > n_ann:
        return
    team = [f"a{i:02d}" for i in range(n_ann)]
    enough = 2 * -(-comb(n_ann, 2) // comb(k, 2)) + n_ann  # twice the least number of k-sets, plus n
    for seed in range(6):
        plan = plan_assignment(range(enough + 17), team, overlap_percent=100 * enough / (enough + 17),
                               per_document=k, seed=seed)
        shared = {pair for names in plan.new.values() for pair in combinations(sorted(names), 2)}
        assert shared == set(combinations(sorted(team), 2)), seed
        assert plan.pairs_without_overlap == ()


def test_too_little_overlap_is_reported_not_hidden():
    plan = plan_assignment(range(20), ["a", "b", "c", "d", "e"], overlap_percent=10, seed=3)
    shared = {pair for names in plan.new.values() for pair in combinations(names, 2)}
    missing = set(combinations("abcde", 2)) - shared
    assert missing and set(plan.pairs_without_overlap) == missing


@pytest.mark.parametrize("seed", range(10))
def test_same_seed_same_assignment_other_seed_usually_other(seed):
    team = ["Ada", "Bo", "Cem", "Dee"]
    one = plan_assignment(range(60), team, overlap_percent=30, seed=seed)
    again = plan_assignment(list(reversed(range(60))), list(reversed(team)), overlap_percent=30, seed=seed)
    assert one.new == again.new
    assert one.new != plan_assignment(range(60), team, overlap_percent=30, seed=seed + 100).new


@pytest.mark.parametrize("seed", range(12))
def test_later_runs_leave_earlier_assignments_alone_and_stay_balanced(seed):
    team = ["a", "b", "c", "d", "e"]
    first = plan_assignment(range(23), team, overlap_percent=20, seed=seed)
    second = plan_assignment(range(61), team, overlap_percent=40, seed=seed + 1, earlier=first.new)
    assert set(second.new) == set(range(23, 61))  # only documents without an assignment
    assert second.skipped_earlier == 23
    both = {**first.new, **second.new}
    counts = [_loads(both)[n] for n in team]
    assert max(counts) - min(counts) <= 1
    assert second.loads == dict(_loads(both))


def test_a_new_annotator_later_catches_up_first():
    first = plan_assignment(range(10), ["a", "b"], seed=1)
    second = plan_assignment(range(16), ["a", "b", "c"], seed=1, earlier=first.new)
    got = Counter(n for names in second.new.values() for n in names)
    assert got["c"] >= 5 and got["a"] + got["b"] == 6 - got["c"]  # c first, until level; then anyone
    assert max(second.loads.values()) - min(second.loads.values()) <= 1


@pytest.mark.parametrize("names,problem", [
    (["a", ""], "empty"), (["a", "gold"], "gold"), (["a", " GOLD "], "gold"), (["a", "a "], "twice"), ([], "no annotators"),
])
def test_not_a_person_is_refused(names, problem):
    with pytest.raises(SpanError, match=problem):
        plan_assignment(range(3), names)


@pytest.mark.parametrize("pct", (-1, 100.5, 250))
def test_overlap_outside_0_100_is_refused(pct):
    with pytest.raises(SpanError, match="outside 0-100"):
        plan_assignment(range(3), ["a", "b"], overlap_percent=pct)


def test_more_annotators_per_document_than_the_team_is_refused():
    with pytest.raises(SpanError, match="3 annotators per document"):
        plan_assignment(range(3), ["a", "b"], overlap_percent=50, per_document=3)
