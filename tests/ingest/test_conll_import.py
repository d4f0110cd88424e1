"""CoNLL in: CoNLL-2003, 2 columns, IOB1, IOB2, BILOU; -DOCSTART- documents; a .txt table named, not imported."""
from __future__ import annotations

import pytest

from annotator.services.importing import import_paths
from tests.helpers.rich_layer import export, fresh, layer_content, rich  # noqa: F401 (fixtures)

CONLL2003 = """-DOCSTART- -X- -X- O

EU NNP B-NP B-ACTOR
rejects VBZ B-VP O
German JJ B-NP B-ACTOR
call NN I-NP O
. . O O

Peter NNP B-NP B-ACTOR
Blackburn NNP I-NP I-ACTOR

-DOCSTART- -X- -X- O

BRUSSELS NNP B-NP B-LOCATION
1996-08-22 CD I-NP O
"""


def texts_and_spans(store, annotator="alice"):
    out = {}
    for doc in store.iter_documents():
        out[doc.text] = sorted((doc.text[s.start:s.end], s.label) for s in store.spans(doc.id, annotator))
    return out


def test_conll2003_documents_sentences_and_entities(store, write):
    report = import_paths(store, [write("train.conll", CONLL2003)], annotator="alice")
    assert not report.errors, report.errors
    assert texts_and_spans(store) == {
        "EU rejects German call .\nPeter Blackburn": [("EU", "ACTOR"), ("German", "ACTOR"), ("Peter Blackburn", "ACTOR")],
        "BRUSSELS 1996-08-22": [("BRUSSELS", "LOCATION")]}


@pytest.mark.parametrize("tags", [
    ["I-ACTOR", "I-ACTOR", "B-ACTOR", "O", "I-LOCATION"],  # IOB1: B- only between two of a kind
    ["B-ACTOR", "I-ACTOR", "B-ACTOR", "O", "B-LOCATION"],  # IOB2
    ["B-ACTOR", "L-ACTOR", "U-ACTOR", "O", "U-LOCATION"],  # BILOU
    ["B-ACTOR", "E-ACTOR", "S-ACTOR", "O", "S-LOCATION"],  # BIOES
], ids=["iob1", "iob2", "bilou", "bioes"])
def test_every_tag_scheme_gives_the_same_spans(store, write, tags):
    words = ["Syrian", "forces", "rebels", "in", "Idlib"]
    write("a.iob", "".join(f"{w}\t{t}\n" for w, t in zip(words, tags)))
    import_paths(store, [write.folder / "a.iob"], annotator="alice")
    assert texts_and_spans(store) == {"Syrian forces rebels in Idlib": [
        ("Idlib", "LOCATION"), ("Syrian forces", "ACTOR"), ("rebels", "ACTOR")]}


def test_a_txt_that_is_a_token_tag_table_is_named_not_imported_as_prose(store, write):
    path = write("train.txt", "EU B-ACTOR\nrejects O\n\nPeter B-ACTOR\n")
    report = import_paths(store, [path], annotator="alice")
    assert store.document_count() == 0
    assert report.errors == [f"{path}: is a CoNLL token/tag table, not an article; not imported (import it with "
                             "--format conll, or name it .conll)"]
    named = import_paths(store, [path], annotator="alice", fmt="conll")
    assert named.spans_added == 2 and not named.errors


def test_a_line_without_a_tag_is_one_line_and_the_rest_imports(store, write):
    path = write("b.conll", "UN B-ACTOR\nsaid\n21 O\n")
    report = import_paths(store, [path], annotator="alice")
    assert report.errors == [f"{path}:2: is a token with no tag column ('said'); the line was left out"]
    assert texts_and_spans(store) == {"UN 21": [("UN", "ACTOR")]}


def test_a_label_the_schema_lacks_refuses_that_document_by_name(store, write):
    path = write("c.conll", "-DOCSTART- O\n\nUN B-ORG\n\n-DOCSTART- O\n\nUN B-ACTOR\n")
    report = import_paths(store, [path], annotator="alice")
    assert report.documents_added == 1 and len(report.errors) == 1
    assert report.errors[0].startswith(f"{path}: document 1: span 1 [0, 2) has unknown label 'ORG'")


def test_our_conll_export_imported_again_gives_back_its_entities(rich, fresh, tmp_path):
    out = export(rich, "conll", tmp_path / "out")
    report = import_paths(fresh, [out / "corpus.conll"], annotator="alice")
    assert not report.errors, report.errors
    original = {tuple(s[:3] for s in spans) for spans, _ in layer_content(rich, "alice").values()}
    back = texts_and_spans(fresh)
    words = {text: sorted(label for _, label in spans) for text, spans in back.items()}
    # the spacing is not in a CoNLL file: the same labels, on the same words, in texts re-joined by spaces
    assert sorted(sum(words.values(), [])) == sorted(label for spans in original for _, _, label in spans)
    assert any(("12", "FIGURE") in spans for spans in back.values())
