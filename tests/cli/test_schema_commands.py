from __future__ import annotations

import json

from annotator.core.model import NewArticle, Span
from annotator.storage import ProjectStore
from tests.helpers.cli import run


def test_schema_show_set_and_rename(tmp_path):
    project = tmp_path / "p.db"
    with ProjectStore(project) as store:
        store.import_articles([NewArticle(text="The UN said.", title="t")])
        store.add_span(Span(1, 4, 6, "ACTOR", annotator="alice"))
    shown = run("--project", str(project), "schema", "show", "--json")
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert [lb["name"] for lb in data["labels"]] == ["ACTOR", "LOCATION", "FIGURE", "ATTRIBUTION"]
    assert data["labels"][2]["attributes"][1] == {"name": "precision", "type": "choice", "values": [
        "exact", "approximate", "at_least", "at_most", "range", "vague"]}
    assert data["relations"][1] == {"name": "CLAIM", "head": ["ATTRIBUTION"], "child": ["FIGURE"], "key": "c"}
    assert data["vague"]["dozens"] == 12
    assert "SOURCE" in run("--project", str(project), "schema", "show").stdout

    data["labels"].append({"name": "WEAPON"})
    data["vague"]["a handful"] = 5
    (tmp_path / "s.json").write_text(json.dumps(data))
    r = run("--project", str(project), "schema", "set", str(tmp_path / "s.json"))
    assert r.returncode == 0, r.stderr
    after = json.loads(run("--project", str(project), "schema", "show", "--json").stdout)
    assert after["labels"][-1]["name"] == "WEAPON" and after["vague"]["a handful"] == 5

    data["labels"] = [lb for lb in data["labels"] if lb["name"] != "ACTOR"]
    data["relations"] = []
    (tmp_path / "s.json").write_text(json.dumps(data))
    r = run("--project", str(project), "schema", "set", str(tmp_path / "s.json"))
    assert r.returncode == 2 and r.stderr.count("\n") == 1
    assert "1 span labelled ACTOR" in r.stderr

    r = run("--project", str(project), "schema", "rename-label", "ACTOR", "PARTY")
    assert r.returncode == 0 and "1 span" in r.stdout
    with ProjectStore(project) as store:
        assert [s.label for s in store.spans(1)] == ["PARTY"]
    r = run("--project", str(project), "schema", "rename-label", "ACTOR")
    assert r.returncode == 2 and "usage" in r.stderr
