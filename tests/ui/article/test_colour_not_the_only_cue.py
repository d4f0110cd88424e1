"""Colour is not the only cue: label names beside spans, and default colours distinct for colour-blind eyes."""
from __future__ import annotations

import itertools
import math

from PySide6.QtCore import QRectF

from annotator.assets import default_labels
from annotator.ui.app.settings import AppSettings
from annotator.ui.article.label_chips import label_chips
from tests.helpers.window_driver import TEXTS, select_with_keyboard

# Machado, Oliveira & Fernandes (2009), severity 1.0, on linear RGB: how the colours look to
# people with protanopia, deuteranopia and tritanopia.
MACHADO = {
    "protan": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
    "deutan": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
    "tritan": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
}


def _linear(hex_colour: str) -> list[float]:
    out = []
    for i in (1, 3, 5):
        c = int(hex_colour[i:i + 2], 16) / 255
        out.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    return out


def _lab(rgb: list[float]) -> tuple[float, float, float]:
    r, g, b = rgb
    x, y, z = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b, \
        (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    f = [t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116 for t in (x, y, z)]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def _closest_pair(colours: list[str], matrix) -> float:
    seen = [_lab([max(0.0, min(1.0, sum(row[k] * c[k] for k in range(3)))) for row in matrix])
            for c in map(_linear, colours)]
    return min(math.dist(a, b) for a, b in itertools.combinations(seen, 2))


def test_default_colours_stay_distinct_for_colour_vision_deficiencies():
    colours = [label.colour for label in default_labels()]
    assert _closest_pair(["#4e79a7", "#59a14f", "#e15759", "#b07aa1"], MACHADO["deutan"]) < 2  # the old palette
    for kind, matrix in MACHADO.items():
        assert _closest_pair(colours, matrix) > 15, kind  # CIELAB distance: clearly different colours


def test_label_names_show_beside_spans_and_nested_spans_of_one_label_are_told_apart(qtbot, window):
    view = window.article
    text = TEXTS[0]
    for piece, key in (("Idlib province", "2"), ("Idlib", "2"), ("UN", "1")):
        start = text.index(piece)
        select_with_keyboard(qtbot, view, start, start + len(piece))
        qtbot.keyClick(view, key)
    assert label_chips(view, QRectF(view.viewport().rect())) and not view.show_label_names
    window.actions_by_name["label_names"].trigger()
    assert view.show_label_names and window.review.article.show_label_names and AppSettings().label_names
    chips = label_chips(view, QRectF(view.viewport().rect()))
    assert sorted(label for _, label, _ in chips) == ["ACTOR", "LOCATION", "LOCATION"]
    a, b = (rect for rect, label, _ in chips if label == "LOCATION")
    assert not a.intersects(b)  # two nested LOCATIONs: two chips, side by side
    assert not any(r.intersects(q) for (r, _, _), (q, _, _) in itertools.combinations(chips, 2))  # none hidden
    view.viewport().repaint()
    window.actions_by_name["label_names"].trigger()
    assert not view.show_label_names and not AppSettings().label_names
