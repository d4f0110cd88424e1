from __future__ import annotations

import json

import pytest

from annotator.core.errors import SpanError
from annotator.core.model import Label
from annotator.core.schema import AttributeDef, RelationType, Schema, SchemaError, default_schema

LABELS = (Label("ACTOR", "#4e79a7", "1"), Label("LOCATION", "#59a14f", "2"),
          Label("FIGURE", "#e15759", "3"), Label("ATTRIBUTION", "#b07aa1", "4"))


@pytest.fixture
def schema() -> Schema:
    return default_schema(LABELS)


def test_defaults_are_domain_md(schema):
    assert schema.label_names == ["ACTOR", "LOCATION", "FIGURE", "ATTRIBUTION"]
    assert [a.name for a in schema.attributes_of("FIGURE")] == ["category", "precision", "low", "high"]
    assert schema.attribute("ACTOR", "type").values[0] == "state forces"
    assert schema.attribute("LOCATION", "type").type == "choice"
    assert schema.attributes_of("ATTRIBUTION") == ()
    assert schema.relation("SOURCE").allows("ATTRIBUTION", "ACTOR")
    assert schema.relation("CLAIM").allows("ATTRIBUTION", "FIGURE")
    assert not schema.relation("CLAIM").allows("FIGURE", "ATTRIBUTION")
    assert schema.vague["tens of thousands"] == 10_000


def test_defaults_leave_out_relations_whose_labels_are_missing():
    small = default_schema(LABELS[:3])
    assert small.relations == ()
    assert "FIGURE" in small.attributes


def test_json_round_trip(schema):
    data = json.loads(json.dumps(schema.to_json()))
    assert Schema.from_json(data, schema) == schema
    assert Schema.from_json(data, schema).to_json() == schema.to_json()
    assert data["labels"][2]["attributes"][2] == {"name": "low", "type": "number"}
    assert data["relations"][0] == {"name": "SOURCE", "head": ["ATTRIBUTION"], "child": ["ACTOR"], "key": "s"}


def test_fields_left_out_take_their_defaults(schema):
    new = Schema.from_json({"labels": [{"name": "FIGURE", "colour": "#000000"}, {"name": "WEAPON", "key": "5"},
                                       {"name": "ATTRIBUTION"}, {"name": "ACTOR"}]}, schema)
    assert new.label("FIGURE").colour == "#000000"
    assert new.label("FIGURE").key == "3"
    assert new.attributes_of("FIGURE") == schema.attributes_of("FIGURE")
    assert new.label("WEAPON").key == "5" and new.label("WEAPON").colour.startswith("#")
    assert new.relations == schema.relations and new.vague == schema.vague
    assert "LOCATION" not in new.label_names


def test_new_values_and_attributes(schema):
    data = schema.to_json()
    data["labels"][2]["attributes"][0]["values"].append("abducted")
    data["labels"][3]["attributes"] = [{"name": "stance", "values": ["neutral", "denial"]},
                                       {"name": "quote", "type": "bool"}]
    new = Schema.from_json(data, schema)
    assert "abducted" in new.attribute("FIGURE", "category").values
    assert new.attribute("ATTRIBUTION", "stance").type == "choice"
    assert new.attribute("ATTRIBUTION", "quote").type == "bool"


@pytest.mark.parametrize("data,problem", [
    ([], "JSON object"),
    ({"labelz": []}, "labelz"),
    ({"labels": [{"colour": "#000000"}]}, "no name"),
    ({"labels": [{"name": "ACTOR"}, {"name": "ACTOR"}]}, "twice"),
    ({"labels": [{"name": "ACTOR", "key": "1"}, {"name": "X", "key": "1"}], "relations": []}, "key '1'"),
    ({"labels": [{"name": "A B"}]}, "letter"),
    ({"labels": [{"name": "ACTOR", "colour": "red"}]}, "#rrggbb"),
    ({"labels": [{"name": "ACTOR"}]}, "ATTRIBUTION is not a label"),
    ({"relations": [{"name": "SAYS", "head": ["ATTRIBUTION"], "child": ["WEAPON"]}]}, "WEAPON"),
    ({"relations": [{"name": "SAYS", "head": [], "child": ["ACTOR"]}]}, "at least one label"),
    ({"labels": [{"name": "FIGURE", "attributes": [{"name": "category", "type": "choice", "values": []}]}],
      "relations": []}, "list of values"),
    ({"labels": [{"name": "FIGURE", "attributes": [{"name": "x", "type": "colour"}]}], "relations": []}, "colour"),
    ({"vague": {"dozens": "twelve"}}, "dozens"),
    ({"vague": {"dozens": -1}}, "dozens"),
    ({"vague": ["dozens"]}, "JSON object"),
])
def test_bad_schemas_are_refused_with_one_line(schema, data, problem):
    with pytest.raises(SchemaError) as err:
        Schema.from_json(data, schema)
    assert problem in str(err.value) and "\n" not in str(err.value)


def test_check_attrs(schema):
    assert schema.check_attrs("FIGURE", {"category": "killed", "low": 5.0, "high": None}) == {"category": "killed", "low": 5}
    with pytest.raises(SpanError, match="FIGURE attribute 'category': 'kiled' is not one of killed"):
        schema.check_attrs("FIGURE", {"category": "kiled"})
    with pytest.raises(SpanError, match="no attribute 'colour'"):
        schema.check_attrs("ACTOR", {"colour": "red"})
    with pytest.raises(SpanError, match="a number"):
        schema.check_attrs("FIGURE", {"low": "5"})
    with pytest.raises(SpanError, match="a number"):
        schema.check_attrs("FIGURE", {"low": True})
    assert AttributeDef("quote", "bool").check(False) is False


def test_check_relation(schema):
    assert schema.check_relation("SOURCE", "ATTRIBUTION", "ACTOR").name == "SOURCE"
    with pytest.raises(SpanError, match="from ATTRIBUTION to ACTOR, not from ACTOR to ATTRIBUTION"):
        schema.check_relation("SOURCE", "ACTOR", "ATTRIBUTION")
    with pytest.raises(SpanError, match="unknown relation"):
        schema.check_relation("SAYS", "ATTRIBUTION", "ACTOR")
    assert [r.name for r in schema.relations_between("ATTRIBUTION", "FIGURE")] == ["CLAIM"]


def test_renamed_moves_attributes_and_relation_ends(schema):
    new = schema.renamed("ATTRIBUTION", "CUE")
    assert new.label_names[3] == "CUE"
    assert new.relation("SOURCE") == RelationType("SOURCE", ("CUE",), ("ACTOR",), "s")
    renamed_actor = schema.renamed("ACTOR", "AGENT")
    assert renamed_actor.attribute("AGENT", "type") == schema.attribute("ACTOR", "type")
    with pytest.raises(SchemaError, match="exists already"):
        schema.renamed("ACTOR", "FIGURE")
    with pytest.raises(SchemaError, match="no label"):
        schema.renamed("WEAPON", "ARMS")
