"""Spans are indexed incrementally: after any run of additions and deletions, the levels the view
paints equal stacking the whole layer afresh, and the spans under a point are the true ones."""
from __future__ import annotations

import random

from annotator.core.model import Span
from annotator.core.overlap import stack_levels
from annotator.ui.article.article_view import ArticleView


def test_incremental_levels_and_lookups_equal_a_full_recompute(qtbot):
    view = ArticleView()
    qtbot.addWidget(view)
    text = "word " * 600
    rnd = random.Random(7)
    spans, next_id = [], 1
    for _ in range(300):
        start = rnd.randrange(0, len(text) - 12)
        spans.append(Span(1, start, start + rnd.randrange(1, 12), "ACTOR", id=next_id))
        next_id += 1
    view.set_article(text, sorted(spans, key=lambda s: (s.start, s.end)))
    for step in range(300):
        current = view.spans()
        if rnd.random() < 0.5:
            current.pop(rnd.randrange(len(current)))
        else:
            start = rnd.randrange(0, len(text) - 40)  # long ones too: they join clusters
            current.append(Span(1, start, start + rnd.randrange(1, 40), "ACTOR", id=next_id))
            next_id += 1
        view.set_decorations(spans=sorted(current, key=lambda s: (s.start, s.end)))
        if step % 3:  # levels are worked out when painted: leave some for later
            continue
        shown = view.decorations.spans
        assert [view._level(i) for i in range(len(shown))] == stack_levels([(s.start, s.end) for s in shown]), step
        point = rnd.randrange(0, len(text))
        assert {s.id for s in view.spans_at(point)} == {s.id for s in shown if s.start <= point < s.end}
