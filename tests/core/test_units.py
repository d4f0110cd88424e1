from __future__ import annotations

from annotator.core.model import Span
from annotator.core.units import UnitKind, disagreement_units

TEXT = "Some 350,000 Syrians have fled Idlib province, the UN said."


def sp(annotator: str, phrase: str, label: str, *, note: str = "", unsure: bool = False, occurrence: int = 0) -> Span:
    start = TEXT.index(phrase)
    for _ in range(occurrence):
        start = TEXT.index(phrase, start + 1)
    return Span(1, start, start + len(phrase), label, annotator=annotator, note=note, unsure=unsure)


def units_of(*spans: Span, annotators=("alice", "bob", "carol")):
    layers = {a: [s for s in spans if s.annotator == a] for a in annotators}
    return disagreement_units(1, layers)


def test_each_kind_of_disagreement():
    units = units_of(
        # unanimous: everyone FIGURE "350,000"
        sp("alice", "350,000", "FIGURE"), sp("bob", "350,000", "FIGURE"), sp("carol", "350,000", "FIGURE"),
        # boundary: "Idlib province" vs "Idlib"
        sp("alice", "Idlib", "LOCATION"), sp("bob", "Idlib province", "LOCATION"), sp("carol", "Idlib", "LOCATION"),
        # label: same range, different label
        sp("alice", "UN", "ACTOR"), sp("bob", "UN", "ACTOR"), sp("carol", "UN", "LOCATION"),
        # missing: only alice and bob marked "said"
        sp("alice", "said", "ATTRIBUTION"), sp("bob", "said", "ATTRIBUTION"),
    )
    assert [(TEXT[u.start:u.end], u.kind) for u in units] == [
        ("350,000", UnitKind.UNANIMOUS), ("Idlib province", UnitKind.BOUNDARY),
        ("UN", UnitKind.LABEL), ("said", UnitKind.MISSING)]
    boundary = units[1]
    assert [c.annotators for c in boundary.candidates] == [("alice", "carol"), ("bob",)]  # most support first
    said = units[3]
    assert [(c.annotators, len(c.spans)) for c in said.candidates] == [(("alice", "bob"), 1), (("carol",), 0)]
    assert said.agreeing(()) == ("carol",)
    assert said.agreeing([said.candidates[0].spans[0]]) == ("alice", "bob")
    assert said.version_of("carol") == ()
    assert all(not u.decided for u in units)


def test_overlaps_chain_into_one_unit_and_touching_spans_do_not():
    units = units_of(
        sp("alice", "Some 350,000", "FIGURE"), sp("bob", "350,000 Syrians", "ACTOR"),
        sp("carol", "Syrians have", "ACTOR"),  # overlaps bob's only: still the same unit
        sp("alice", "fled", "ATTRIBUTION"), sp("bob", "Idlib", "LOCATION"),
    )
    assert [TEXT[u.start:u.end] for u in units] == ["Some 350,000 Syrians have", "fled", "Idlib"]
    assert units[0].kind is UnitKind.BOUNDARY
    assert units[1].kind is UnitKind.MISSING and units[2].kind is UnitKind.MISSING


def test_one_annotator_with_two_spans_against_one_long_span():
    units = units_of(sp("alice", "350,000", "FIGURE"), sp("alice", "Syrians", "ACTOR"),
                     sp("bob", "350,000 Syrians", "ACTOR"), annotators=("alice", "bob"))
    [unit] = units
    assert unit.kind is UnitKind.BOUNDARY
    assert len(unit.version_of("alice")) == 2 and len(unit.version_of("bob")) == 1


def test_notes_and_unsure_flags_travel_with_their_unit():
    units = units_of(sp("alice", "Idlib", "LOCATION", note="province in or out?"),
                     sp("bob", "Idlib province", "LOCATION", unsure=True), sp("carol", "UN", "ACTOR"))
    idlib = units[0]
    assert {(s.annotator, s.note, s.unsure) for s in idlib.flagged} == {
        ("alice", "province in or out?", False), ("bob", "", True)}
    assert units[1].flagged == ()


def test_label_disagreement_with_the_same_ranges_in_a_different_order():
    units = units_of(sp("alice", "UN", "ACTOR"), sp("bob", "UN", "LOCATION"), annotators=("alice", "bob"))
    assert [u.kind for u in units] == [UnitKind.LABEL]
    assert units_of(annotators=("alice", "bob")) == []
