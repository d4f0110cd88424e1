"""brat's own standoff code (server/src/annotation.py) writes what we import and reads what we export.

brat is not on PyPI: set BRAT_SRC to the server/src folder of a brat checkout
(https://github.com/nlplab/brat) to run these. Its Python 2 era `open_textfile` passes mode
"rU", which Python 3.11 refuses; the test swaps in a plain UTF-8 opener, nothing else.
"""
from __future__ import annotations

import importlib
import os
import sys

import pytest

from annotator.services.importing import import_paths
from tests.helpers.rich_layer import export, fresh, layer_content, rich  # noqa: F401 (fixtures)

TEXT = "Shelling in Idlib\n\nThe UN said 21 civilians died.\n"


@pytest.fixture
def brat():
    src = os.environ.get("BRAT_SRC")
    if not src:
        pytest.skip("BRAT_SRC (brat's server/src folder) is not set")
    sys.path.insert(0, src)
    try:
        module = importlib.import_module("annotation")
    finally:
        sys.path.remove(src)
    module.open_textfile = lambda name, mode="r": open(name, mode.replace("U", ""), encoding="utf-8")
    return module


def test_what_brat_writes_we_import(brat, store, tmp_path):
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "d.txt").write_text(TEXT, encoding="utf-8")
    (folder / "d.ann").write_text("", encoding="utf-8")
    un, said, fig = (TEXT.index(w) for w in ("UN", "said", "21"))
    with brat.TextAnnotations(str(folder / "d")) as doc:
        t1 = brat.TextBoundAnnotationWithText([(un, un + 2)], doc.get_new_id("T"), "ACTOR", doc)
        t2 = brat.TextBoundAnnotationWithText([(said, said + 4)], doc.get_new_id("T"), "ATTRIBUTION", doc)
        t3 = brat.TextBoundAnnotationWithText([(fig, fig + 2)], doc.get_new_id("T"), "FIGURE", doc)
        doc.add_annotation(brat.BinaryRelationAnnotation(doc.get_new_id("R"), "SOURCE", "Arg1", t2.id, "Arg2", t1.id, ""))
        doc.add_annotation(brat.AttributeAnnotation(t1.id, doc.get_new_id("A"), "type", "", "media"))
        doc.add_annotation(brat.AttributeAnnotation(t3.id, doc.get_new_id("A"), "category", "", "killed"))
        doc.add_annotation(brat.OnelineCommentAnnotation(t3.id, doc.get_new_id("#"), "AnnotatorNotes", "\tcivilians"))
    report = import_paths(store, [folder], annotator="alice")
    assert not report.errors, report.errors
    (spans, relations), = layer_content(store, "alice").values()
    assert [(s[0], s[1], s[2], s[4]) for s in spans] == [
        (un, un + 2, "ACTOR", ""), (said, said + 4, "ATTRIBUTION", ""), (fig, fig + 2, "FIGURE", "civilians")]
    assert '"category": "killed"' in spans[2][3] and spans[0][3] == '{"type": "media"}'
    assert relations == [((said, said + 4, "ATTRIBUTION"), "SOURCE", (un, un + 2, "ACTOR"))]


def test_brat_reads_our_export_as_we_stored_it(brat, rich, tmp_path):
    folder = export(rich, "brat", tmp_path / "out") / "corpus"
    ours = layer_content(rich, "alice")
    for txt in sorted(folder.glob("*.txt")):
        doc = brat.TextAnnotations(str(txt.with_suffix("")), read_only=True)
        text = doc.get_document_text()
        spans, relations = ours[text]
        theirs = sorted((t.first_start(), t.last_end(), t.type) for t in doc.get_textbounds())
        assert theirs == sorted(s[:3] for s in spans)
        by_id = {t.id: (t.first_start(), t.last_end(), t.type) for t in doc.get_textbounds()}
        assert sorted((by_id[r.arg1], r.type, by_id[r.arg2]) for r in doc.get_relations()) == relations
        notes = {by_id[c.target]: c.tail.strip() for c in doc.get_oneline_comments()}
        assert notes == {s[:3]: s[4] for s in spans if s[4]}
