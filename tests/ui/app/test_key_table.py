"""The shortcut help is generated from one key table: the F1 sheet and the review strip agree."""
from __future__ import annotations

import re

from annotator.ui.app.menus import keys_box
from annotator.ui.base.key_table import REVIEWING


def test_every_key_of_the_review_strip_is_on_the_f1_sheet(qtbot, reviewing):
    box = keys_box(reviewing)
    qtbot.addWidget(box)
    strip = reviewing.review.keys.text()
    keys = re.findall(r"<b>(.*?)</b>", strip)
    review_part = box.text().split("Review mode")[1].split("Suggestions")[0]
    assert {"L", "Ctrl+Z", "0", "A"} <= set(keys)
    assert [k for k in keys if k not in review_part and k != "Enter"] == []
    assert all(row.keys in review_part for row in REVIEWING)
