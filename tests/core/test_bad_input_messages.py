"""Bad input is one line: shortcut keys, label names that collide with tags, schema files past their limits."""
from __future__ import annotations

import json

import pytest

from annotator.core.errors import SpanError
from annotator.core.model import Label, NewArticle
from annotator.core.schema import RelationType, SchemaError
from annotator.services.schema import read_schema_file, set_schema
from annotator.storage import ProjectStore


@pytest.mark.parametrize("key", [" ", "\n", "\t", "\x00", "\u200b", "12"])
def test_a_shortcut_key_is_one_visible_character(key):
    with pytest.raises(SpanError, match="one visible character"):
        Label("ACTOR", "#112233", key)
    with pytest.raises(SchemaError, match="one visible character"):
        RelationType("SOURCE", ("A",), ("B",), key)


@pytest.mark.parametrize("name", ["O", "B-ACTOR", "I-X", "L-X", "U-X", "E-X", "S-X"])
def test_a_label_name_that_collides_with_conll_tags_is_refused(name):
    with pytest.raises(SpanError, match="CoNLL tags"):
        Label(name, "#112233")


def test_ordinary_names_and_keys_stay_allowed():
    assert Label("OTHER", "#112233", "o").key == "o" and Label("BASE", "#112233").name == "BASE"


SCHEMA_FILES = {
    "a vague value of 10**30": '{"vague": {"dozens": 1' + "0" * 30 + "}}",
    "a 5,000-digit number": '{"vague": {"dozens": ' + "7" * 5000 + "}}",
    "100,000-deep nesting": '{"labels": ' + "[" * 100000 + "]" * 100000 + "}",
    "a vague value beyond 2**53": '{"vague": {"dozens": 9007199254740993}}',
}


@pytest.mark.parametrize("case", SCHEMA_FILES, ids=list(SCHEMA_FILES))
def test_a_schema_file_past_the_limits_is_one_line(tmp_path, case):
    path = tmp_path / "schema.json"
    path.write_text(SCHEMA_FILES[case])
    with ProjectStore(tmp_path / "p.db") as store, pytest.raises(SchemaError) as info:
        read_schema_file(path, store)
    assert "\n" not in str(info.value) and len(str(info.value)) < 300


def test_removing_an_attribute_says_each_clause_once_with_a_count(tmp_path):
    from annotator.core.model import Span

    with ProjectStore(tmp_path / "p.db") as store:
        store.import_articles([NewArticle(text=" ".join(str(n) for n in range(100, 140)), title="t")])
        for n in range(40):
            store.add_span(Span(1, n * 4, n * 4 + 3, "FIGURE", annotator="alice", attrs={"low": 100 + n}))
        data = store.schema().to_json()
        figure = next(lb for lb in data["labels"] if lb["name"] == "FIGURE")
        figure["attributes"] = [a for a in figure["attributes"] if a["name"] != "low"]
        path = tmp_path / "schema.json"
        path.write_text(json.dumps(data))
        with pytest.raises(SchemaError) as info:
            set_schema(store, read_schema_file(path, store))
    message = str(info.value)
    assert message.count("has no attribute 'low'") == 1 and "40 spans" in message and len(message) < 200


def test_a_nul_inside_a_search_word_is_a_word_separator(tmp_path):
    from annotator.storage.search import match_expression, matches

    assert match_expression("Id\x00lib") == '"Id"* AND "lib"*'
    assert matches("t", "Idlib lib", "Id\x00lib") == 1
