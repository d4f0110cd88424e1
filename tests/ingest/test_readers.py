from __future__ import annotations

import json

from annotator.ingest.readers import read_file, title_of

LABELS = {"ACTOR", "LOCATION", "FIGURE", "ATTRIBUTION"}


def test_text_file_title_is_first_non_empty_line(write):
    r = read_file(write("a.txt", "\n\n  Headline here \n\nBody text.\n"), LABELS, None)
    assert r.errors == []
    [a] = r.articles
    assert (a.title, a.text, a.source) == ("Headline here", "Headline here \n\nBody text.", "a.txt")


def test_markdown_heading_marks_are_not_part_of_the_title():
    assert title_of("# Shelling in Kharkiv\n\nBody", markdown=True) == "Shelling in Kharkiv"


def test_empty_and_whitespace_only_files_are_named(write):
    assert read_file(write("e.txt", b""), LABELS, None).errors == [f"{write.folder / 'e.txt'}: is empty"]
    [err] = read_file(write("w.txt", " \n\t\r\n"), LABELS, None).errors
    assert err.endswith("w.txt: contains only whitespace")


def test_a_png_renamed_txt_is_refused(write):
    [err] = read_file(write("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 50), LABELS, None).errors
    assert "photo.txt: is binary (a PNG image)" in err


def test_jsonl_with_both_span_styles_and_metadata(write):
    lines = [
        {"text": "UN said 21 died in Idlib.", "title": "One", "url": "http://x", "group": "g1",
         "spans": [{"start": 0, "end": 2, "label": "ACTOR"}, {"start": 19, "end": 24, "label": "LOCATION"}]},
        {"text": "Rescuers said dozens were missing.", "label": [[0, 8, "ACTOR"], [9, 13, "ATTRIBUTION"]],
         "meta": {"source": "AFP"}},
    ]
    r = read_file(write("a.jsonl", "\n".join(json.dumps(x) for x in lines)), LABELS, "alice")
    assert r.errors == []
    one, two = r.articles
    assert one.title == "One" and one.meta["url"] == "http://x" and one.meta["group"] == "g1"
    assert one.spans == ((0, 2, "ACTOR"), (19, 24, "LOCATION"))
    assert two.spans == ((0, 8, "ACTOR"), (9, 13, "ATTRIBUTION"))
    assert two.source == "AFP" and two.title == "Rescuers said dozens were missing."


def test_bad_records_are_reported_one_line_each_and_the_rest_imports(write):
    lines = [
        json.dumps({"text": "Good one."}),
        "{not json",
        json.dumps({"text": "Short", "spans": [{"start": 0, "end": 50, "label": "ACTOR"}]}),
        json.dumps({"text": "Short", "spans": [{"start": 0, "end": 5, "label": "PERSON"}]}),
        json.dumps({"title": "no text"}),
        json.dumps({"text": "   "}),
    ]
    path = write("mixed.jsonl", "\n".join(lines))
    r = read_file(path, LABELS, "alice")
    assert [a.text for a in r.articles] == ["Good one."]
    assert len(r.errors) == 5
    assert r.errors[0].startswith(f"{path}:2: is not valid JSON")
    assert "span 1 [0, 50) is outside the text (length 5)" in r.errors[1]
    assert "unknown label 'PERSON'" in r.errors[2]
    assert r.errors[3].endswith("has no \"text\" string") and r.errors[4].endswith("has an empty text")


def test_spans_without_an_annotator_refuse_the_file(write):
    path = write("s.jsonl", json.dumps({"text": "UN said", "spans": [{"start": 0, "end": 2, "label": "ACTOR"}]}))
    r = read_file(path, LABELS, None)
    assert r.articles == [] and "pass --annotator NAME" in r.errors[0]


def test_crlf_record_spans_move_with_the_text(write):
    text = "Headline\r\nThe UN said 21 died."
    s = text.index("UN")
    path = write("c.jsonl", json.dumps({"text": text, "spans": [{"start": s, "end": s + 2, "label": "ACTOR"}]}))
    [a] = read_file(path, LABELS, "alice").articles
    [(start, end, _)] = a.spans
    assert "\r" not in a.text and a.text[start:end] == "UN"


def test_json_array_file(write):
    path = write("arr.json", json.dumps([{"text": "First."}, {"text": "Second."}]))
    assert [a.text for a in read_file(path, LABELS, None).articles] == ["First.", "Second."]


def test_unsupported_suffix(write):
    [err] = read_file(write("x.csv", "a,b"), LABELS, None).errors
    assert "unsupported file type .csv" in err


def test_spacy_v2_entity_triples_import(write):
    path = write("v2.jsonl", json.dumps({"text": "The UN said.", "entities": [[4, 6, "ACTOR"]]}))
    [a] = read_file(path, LABELS, "alice").articles
    assert a.spans == ((4, 6, "ACTOR"),)


def test_malformed_span_containers_are_one_line_each_not_a_crash(write):
    lines = [{"text": "UN said.", "spans": 5}, {"text": "UN said.", "label": [[0, 2, ["ACTOR"]]]},
             {"text": "UN said.", "entities": ["oops"]}, {"text": "Fine.", "label": "POSITIVE"}]
    path = write("bad.jsonl", "\n".join(json.dumps(x) for x in lines))
    r = read_file(path, LABELS, "alice")
    assert [a.text for a in r.articles] == ["Fine."]
    assert len(r.errors) == 3 and all(e.startswith(f"{path}:") for e in r.errors)
    assert "not a list of spans" in r.errors[0] and "unknown label" in r.errors[1]
