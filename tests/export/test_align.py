"""The one alignment rule and the one flattening rule."""
from __future__ import annotations

import pytest

from annotator.core.errors import AlignmentError
from annotator.core.model import Document, Span
from annotator.export.align import flatten, place, place_all, place_many
from annotator.nlp.tokenizer import blank_nlp
from annotator.nlp.tokens import tokenize

TEXT = "🚀 Rescuers said  350,000 fled إدلب.\n\nThe UN"
RANK = {"ACTOR": 0, "LOCATION": 1, "FIGURE": 2, "ATTRIBUTION": 3}


def at(piece: str, label: str = "ACTOR", extra: tuple[int, int] = (0, 0)) -> Span:
    start = TEXT.index(piece)
    return Span(1, start + extra[0], start + len(piece) + extra[1], label)


def placed_text(span: Span) -> str | None:
    p = place(tokenize(TEXT), TEXT, span)
    return TEXT[p.start:p.end] if p.placed else None


def test_aligned_spans_are_kept_as_they_are_with_code_point_offsets():
    doc = blank_nlp().make_doc(TEXT)
    p = place(tokenize(TEXT), TEXT, at("إدلب", "LOCATION"))
    assert p.aligned and doc[p.token_start:p.token_end].text == "إدلب"
    assert placed_text(at("Rescuers")) == "Rescuers"  # after an emoji: one code point, not two


@pytest.mark.parametrize("span, expected", [
    (at("escuers"), "Rescuers"),                       # starts inside a token: grows left
    (at("350,0", "FIGURE"), "350,000"),               # ends inside a token: grows right
    (at("said", "ATTRIBUTION", (0, 1)), "said"),       # trailing space: trimmed
    (at("350,000", "FIGURE", (-2, 0)), "350,000"),    # leading whitespace token: trimmed
    (at("The UN", extra=(-2, 0)), "The UN"),           # starts in the "\n\n" whitespace token
])
def test_misaligned_spans_grow_to_the_non_whitespace_tokens_they_touch(span: Span, expected: str):
    assert placed_text(span) == expected
    assert not place(tokenize(TEXT), TEXT, span).aligned


def test_a_whitespace_only_span_touches_no_token():
    start = TEXT.index("\n\n")
    p = place(tokenize(TEXT), TEXT, Span(1, start, start + 2, "ACTOR"))
    assert not p.placed and not p.aligned


def test_strict_stops_at_the_first_misaligned_span_naming_document_and_span():
    document = Document(7, TEXT, "Saraqeb report", "x")
    doc = tokenize(TEXT)
    assert len(place_all(doc, document, [at("Rescuers"), at("UN")], strict=True)) == 2
    with pytest.raises(AlignmentError) as err:
        place_all(doc, document, [at("Rescuers"), at("escuers")], strict=True)
    message = str(err.value)
    assert 'document 7 "Saraqeb report"' in message and "ACTOR [3, 10)" in message
    assert '"escuers"' in message and '"Rescuers"' in message and "\n" not in message


def test_flattening_keeps_the_longest_then_the_first_then_the_label_listed_first():
    doc = tokenize(TEXT)
    spans = [at("Rescuers said"), at("said", "ATTRIBUTION"), at("350,000", "FIGURE"), at("350,000", "ACTOR"),
             at("fled إدلب", "LOCATION"), at("إدلب", "LOCATION")]
    placed = [place(doc, TEXT, s) for s in spans]
    ents, dropped = flatten(placed, RANK)
    assert [(TEXT[e.start:e.end], e.label) for e in ents] == [
        ("Rescuers said", "ACTOR"), ("350,000", "ACTOR"), ("fled إدلب", "LOCATION")]
    assert sorted((TEXT[p.start:p.end], p.label, TEXT[w.start:w.end]) for p, w in dropped) == [
        ("350,000", "FIGURE", "350,000"), ("said", "ATTRIBUTION", "Rescuers said"),
        ("إدلب", "LOCATION", "fled إدلب")]


def test_disjoint_spans_are_all_entities_in_order():
    doc = tokenize(TEXT)
    placed = [place(doc, TEXT, s) for s in (at("Rescuers"), at("said", "ATTRIBUTION"), at("UN"))]
    assert flatten(placed, RANK) == (placed, [])
    assert flatten(list(reversed(placed)), RANK) == (placed, [])


def _reference(doc, text: str, span: Span) -> tuple[int, int, int, int]:
    """The rule as it was written with spaCy's own objects: char_span strict, else expand and trim."""
    exact = doc.char_span(span.start, span.end, alignment_mode="strict")
    if exact is not None and not text[span.start].isspace() and not text[span.end - 1].isspace():
        return exact.start, exact.end, span.start, span.end
    grown = doc.char_span(span.start, span.end, alignment_mode="expand")
    i, j = (grown.start, grown.end) if grown is not None else (0, 0)
    while i < j and doc[i].is_space:
        i += 1
    while j > i and doc[j - 1].is_space:
        j -= 1
    if i == j:
        return i, i, span.start, span.start
    return i, j, doc[i].idx, doc[j - 1].idx + len(doc[j - 1])


@pytest.mark.parametrize("text", [TEXT, "  leading  and trailing \n\n ", "a", "x\t\ty\u00a0z 🚀🚀 (dozens).",
                                  "Some 350,000 Syrians — \"UN\" said.\r\n\r\nAl-Sham's fighters"])
def test_placing_on_stored_arrays_equals_spacy_char_span_for_every_range(text):
    """Every [start, end) of the text, aligned or not, whitespace-only or at the very ends."""
    tokens, doc = tokenize(text), blank_nlp().make_doc(text)
    spans = [Span(1, s, e, "ACTOR") for s in range(len(text)) for e in range(s + 1, len(text) + 1)]
    placed = place_many(tokens, text, spans)
    assert [(p.token_start, p.token_end, p.start, p.end) for p in placed] == [_reference(doc, text, s) for s in spans]
