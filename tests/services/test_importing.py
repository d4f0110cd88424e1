from __future__ import annotations

import json

from annotator.services.importing import import_paths

ARABIC = "قال المرصد السوري إن 21 مدنياً قتلوا في إدلب."


def test_a_mixed_folder_imports_everything_good_and_names_everything_bad(store, write):
    write("a/cp1252.txt", "Title one\r\n\r\n“Quoted” said the UN – today.", encoding="cp1252")
    write("a/utf16.txt", "Title two\nBody 😀 " + ARABIC, encoding="utf-16")
    write("a/b/deep.md", "# Deep title\n\nNested folder article.")
    write("a/empty.txt", b"")
    write("a/photo.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    write("a/.hidden.txt", "never read")
    write("a/notes.csv", "not an article format")
    messages = []
    report = import_paths(store, [write.folder / "a"], progress=lambda d, t, p: messages.append((d, t)))
    assert report.documents_added == 3
    assert len(report.errors) == 3
    assert sum(".txt: " in e for e in report.errors) == 2
    assert any("notes.csv: unsupported file type .csv (expected .txt, .md, .jsonl, .json" in e
               and e.endswith("not imported") for e in report.errors)
    assert messages[-1] == (5, 5)
    titles = {s.title for s in store.summaries("alice")}
    assert titles == {"Title one", "Title two", "Deep title"}
    texts = [store.document(s.id).text for s in store.summaries("alice")]
    assert "“Quoted” said the UN – today." in texts[0] and "\r" not in texts[0]
    assert any(ARABIC in t and "😀" in t for t in texts)


def test_importing_the_same_spans_twice_stores_them_once(store, write):
    rec = {"text": "UN said 21 died.", "spans": [{"start": 0, "end": 2, "label": "ACTOR"}]}
    path = write("s.jsonl", json.dumps(rec))
    first = import_paths(store, [path], annotator="alice")
    second = import_paths(store, [path], annotator="alice")
    assert (first.documents_added, first.spans_added) == (1, 1)
    assert (second.documents_added, second.documents_existing, second.spans_added) == (0, 1, 0)


def test_a_record_whose_text_exists_attaches_its_spans_to_that_document(store, write):
    import_paths(store, [write("plain.txt", "UN said 21 died.")])
    path = write("s.jsonl", json.dumps({"text": "UN said 21 died.", "label": [[8, 10, "FIGURE"]]}))
    report = import_paths(store, [path], annotator="bob")
    assert store.document_count() == 1 and report.spans_added == 1
    [doc] = store.summaries("bob")
    assert [(s.start, s.end, s.label) for s in store.spans(doc.id, "bob")] == [(8, 10, "FIGURE")]


def test_a_missing_path_is_one_line(store, tmp_path):
    report = import_paths(store, [tmp_path / "nope"])
    assert report.errors == [f"{tmp_path / 'nope'}: no such file or folder"]


def test_a_6mb_article_imports(store, write):
    text = ("The UN said 21 civilians were killed in Idlib. " * 130_000)[:6_000_000]
    report = import_paths(store, [write("big.txt", "Big one\n" + text)])
    assert report.documents_added == 1 and report.errors == []
    [s] = store.summaries("alice")
    assert s.length > 6_000_000


def test_the_gold_layer_cannot_be_imported_into(store, write):
    import pytest

    from annotator.core.errors import AnnotatorError

    path = write("g.jsonl", json.dumps({"text": "UN said.", "spans": [{"start": 0, "end": 2, "label": "ACTOR"}]}))
    with pytest.raises(AnnotatorError, match="reviewers' adjudicated layer"):
        import_paths(store, [path], annotator="Gold")
    assert store.document_count() == 0
