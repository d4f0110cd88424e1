"""Changing the project's schema: one transaction, refused when it would orphan stored work."""
from __future__ import annotations

import json

import pytest

from annotator.core.model import NewArticle, Span, Status
from annotator.core.relation import Relation
from annotator.core.schema import SchemaError
from annotator.services import schema as service
from annotator.storage import relation_store as rs
from tests.helpers.projects import ARTICLE


@pytest.fixture
def doc(store) -> int:
    store.import_articles([NewArticle(text=ARTICLE, title="t")])
    return store.summaries("alice")[0].id


def _span(store, doc, phrase, label, who="alice", **attrs):
    start = ARTICLE.index(phrase)
    return store.add_span(Span(doc, start, start + len(phrase), label, annotator=who, attrs=attrs))


def _changes(store) -> list[str]:
    return [r[0] for r in store.db.execute("SELECT action FROM changes ORDER BY id")]


def test_set_adds_a_label_values_and_colours(store, tmp_path):
    data = service.schema_json(store)
    data["labels"].append({"name": "WEAPON", "key": "5"})
    data["labels"][0]["colour"] = "#123456"
    data["labels"][2]["attributes"][0]["values"].append("abducted")
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(data))
    new = service.set_schema(store, service.read_schema_file(path, store), "lead")
    assert new.label("WEAPON").key == "5" and new.label("ACTOR").colour == "#123456"
    assert "abducted" in new.attribute("FIGURE", "category").values
    assert [l.name for l in store.labels()][-1] == "WEAPON"
    assert _changes(store)[-1] == "schema_set"


def test_set_refuses_what_would_orphan_spans_attributes_or_relations(store, doc, tmp_path):
    said, un = _span(store, doc, "said", "ATTRIBUTION"), _span(store, doc, "UN", "ACTOR", type="international organisation")
    _span(store, doc, "350,000", "FIGURE", category="displaced", low=350000)
    rs.add_relation(store, Relation(doc, said.id, un.id, "SOURCE", annotator="alice"))
    before = service.schema_json(store)
    data = json.loads(json.dumps(before))
    data["labels"] = [lb for lb in data["labels"] if lb["name"] != "LOCATION"]  # unused: fine
    data["labels"][0]["attributes"][0]["values"].remove("international organisation")
    data["labels"][1]["attributes"][2]["type"] = "text"  # low becomes text: 350000 no longer fits
    data["relations"] = [r for r in data["relations"] if r["name"] != "SOURCE"]
    with pytest.raises(SchemaError) as err:
        service.set_schema(store, service.Schema.from_json(data, store.schema()))
    message = str(err.value)
    assert "international organisation" in message and "'low'" in message and "SOURCE" in message
    assert "\n" not in message
    assert service.schema_json(store) == before
    data2 = json.loads(json.dumps(before))
    data2["labels"] = [lb for lb in data2["labels"] if lb["name"] != "FIGURE"]
    data2["relations"] = [r for r in data2["relations"] if r["name"] != "CLAIM"]
    with pytest.raises(SchemaError, match="1 span labelled FIGURE"):
        service.set_schema(store, service.Schema.from_json(data2, store.schema()))
    assert "schema_set" not in _changes(store)


def test_a_schema_file_that_does_not_parse_is_one_line(store, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"labels": [')
    with pytest.raises(SchemaError, match=r"bad.json: not a JSON schema"):
        service.read_schema_file(path, store)
    path.write_text('{"labels": [{"name": "ACTOR", "colour": "blue"}]}')
    with pytest.raises(SchemaError, match=r"bad.json: .*#rrggbb"):
        service.read_schema_file(path, store)
    with pytest.raises(SchemaError, match="cannot read"):
        service.read_schema_file(tmp_path / "missing.json", store)


def test_rename_label_renames_its_spans_and_relation_ends_and_keeps_gold_settled(store, doc):
    said, un = _span(store, doc, "said", "ATTRIBUTION"), _span(store, doc, "UN", "ACTOR")
    _span(store, doc, "UN", "ACTOR", who="gold")
    store.set_status(doc, "gold", Status.DONE)
    rs.add_relation(store, Relation(doc, said.id, un.id, "SOURCE", annotator="alice"))
    assert service.rename_label(store, "ACTOR", "SPEAKER", "lead") == 2
    assert {s.label for s in store.spans(doc)} == {"ATTRIBUTION", "SPEAKER"}
    schema = store.schema()
    assert schema.relation("SOURCE").child == ("SPEAKER",) and schema.attribute("SPEAKER", "type")
    assert store.status(doc, "gold") is Status.DONE
    assert rs.relations(store, doc)[0].label == "SOURCE"
    with pytest.raises(SchemaError, match="exists already"):
        service.rename_label(store, "SPEAKER", "FIGURE")
    with pytest.raises(SchemaError, match="letter"):
        service.rename_label(store, "SPEAKER", "two words")
    assert _changes(store).count("rename_label") == 1


def test_a_schema_change_is_preceded_by_a_backup_and_a_refused_one_is_not(store, doc, tmp_path):
    from annotator.storage.backups import list_backups

    _span(store, doc, "Syrians", "ACTOR")
    service.rename_label(store, "LOCATION", "PLACE")
    assert [b.reason for b in list_backups(store.path)] == ["before-schema-change"]
    data = service.schema_json(store)
    data["labels"] = [l for l in data["labels"] if l["name"] != "ACTOR"]  # "Syrians" is an ACTOR span
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(data))
    with pytest.raises(SchemaError):
        service.set_schema(store, service.read_schema_file(path, store))
    assert len(list_backups(store.path)) == 1
