"""Provenance is span metadata, never an attribute: stored beside it, never compared, exported under its own key."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from annotator.core.model import GOLD, NewArticle, Span, Status
from annotator.core.suggestion import Suggestion
from annotator.export import ExportOptions
from annotator.export.run import export_corpus
from annotator.services.adjudication import Adjudication
from annotator.services.agreement import measure_agreement
from annotator.services.check import check_project
from annotator.services.importing import import_paths
from annotator.services.labelling import LabellingService
from annotator.services.merge import merge_files
from annotator.services.schema import set_schema
from annotator.storage import ProjectStore
from tests.helpers.projects import ARTICLE

UN = (ARTICLE.index("the UN") + 4, ARTICLE.index("the UN") + 6)


def _two_layers(path: Path) -> None:
    """alice accepted a rules suggestion "UN"; bob typed the same span; both done."""
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text=ARTICLE, title="t")])
        doc = store.document(1)
        suggestion = Suggestion(*UN, "ACTOR", "rules")
        LabellingService(store, "alice").add_spans(doc, [(*UN, "ACTOR", suggestion.span_attrs(),
                                                          suggestion.provenance())])
        LabellingService(store, "bob").add(doc, *UN, "ACTOR")
        for name in ("alice", "bob"):
            store.set_status(1, name, Status.DONE)


def _as_schema_8(path: Path) -> None:
    """The file as version 8 wrote it: no provenance column, the source among the attributes (crafted)."""
    conn = sqlite3.connect(path)
    conn.execute("UPDATE spans SET attrs = json_set(attrs, '$.suggested_by', json_extract(provenance, '$.source'))"
                 " WHERE provenance != '{}' AND json_extract(provenance, '$.source') IS NOT NULL")
    conn.execute("ALTER TABLE spans DROP COLUMN provenance")
    conn.execute("ALTER TABLE documents DROP COLUMN lang")  # migration 10 came later too
    conn.execute("DROP TRIGGER IF EXISTS note_entries_follow_span")
    for table in ("note_entries", "activity", "assignments"):  # migrations 11-13 came later too
        conn.execute(f"DROP TABLE IF EXISTS {table}")
    conn.execute("PRAGMA user_version = 8")
    conn.commit()
    conn.close()


def test_an_accepted_suggestion_keeps_its_source_beside_its_attributes(tmp_path):
    _two_layers(tmp_path / "p.db")
    with ProjectStore(tmp_path / "p.db") as store:
        [span] = store.spans(1, "alice")
        assert dict(span.attrs) == {}
        assert span.provenance["source"] == "rules" and span.provenance["accepted_at"]


def test_migration_9_moves_suggested_by_out_of_the_attributes_and_review_sees_one_unanimous_unit(tmp_path):
    path = tmp_path / "p.db"
    _two_layers(path)
    _as_schema_8(path)
    with ProjectStore(path) as store:  # migration 9 runs
        [span] = store.spans(1, "alice")
        assert dict(span.attrs) == {} and span.provenance == {"source": "rules"}
        report = measure_agreement(store)
        assert report.to_json()["pairs"][0]["attributes"] == {}  # no ACTOR.suggested_by with kappa 0
        run = Adjudication(store, "rita").accept_unanimous_everywhere()
        assert run.units == 1 and run.adjudicated == 1
        assert store.status(1, GOLD) is Status.DONE
        set_schema(store, store.schema())  # the unchanged schema is not refused
        assert check_project(store) == []


def test_provenance_travels_under_its_own_key_in_jsonl_and_comes_back(tmp_path):
    _two_layers(tmp_path / "p.db")
    with ProjectStore(tmp_path / "p.db") as store:
        export_corpus(store, ExportOptions("jsonl", tmp_path / "out", "alice"))
        export_corpus(store, ExportOptions("brat", tmp_path / "brat", "alice"))
    [record] = [json.loads(line) for line in (tmp_path / "out" / "corpus.jsonl").read_text().splitlines()]
    [span] = record["spans"]
    assert span["attrs"] == {} and span["provenance"]["source"] == "rules"
    brat = "".join(p.read_text() for p in (tmp_path / "brat").rglob("*.*") if p.suffix in (".ann", ".conf"))
    assert "suggested_by" not in brat and "rules" not in brat
    with ProjectStore(tmp_path / "q.db") as other:
        report = import_paths(other, [tmp_path / "out" / "corpus.jsonl"], annotator="carol")
        assert report.errors == []
        [back] = other.spans(1, "carol")
        assert dict(back.attrs) == {} and back.provenance["source"] == "rules"


def test_an_old_jsonl_export_with_suggested_by_among_attrs_imports_with_it_moved(tmp_path):
    path = tmp_path / "old.jsonl"
    path.write_text(json.dumps({"text": ARTICLE, "spans": [{"start": UN[0], "end": UN[1], "label": "ACTOR",
                                                            "attrs": {"suggested_by": "memory"}}]}) + "\n")
    with ProjectStore(tmp_path / "q.db") as store:
        assert import_paths(store, [path], annotator="carol").errors == []
        [span] = store.spans(1, "carol")
        assert dict(span.attrs) == {} and span.provenance == {"source": "memory"}


def test_spacy_user_data_keeps_provenance_apart_from_attributes(tmp_path):
    from spacy.tokens import DocBin
    import spacy

    _two_layers(tmp_path / "p.db")
    with ProjectStore(tmp_path / "p.db") as store:
        export_corpus(store, ExportOptions("spacy", tmp_path / "out", "alice"))
    [doc] = DocBin().from_disk(tmp_path / "out" / "corpus.spacy").get_docs(spacy.blank("en").vocab)
    assert doc.user_data[("annotator", "provenance", *UN, "ACTOR")]["source"] == "rules"
    assert ("annotator", "attrs", *UN, "ACTOR") not in doc.user_data


def test_a_merged_file_of_schema_8_brings_provenance_out_of_the_attributes(tmp_path):
    _two_layers(tmp_path / "laptop.db")
    _as_schema_8(tmp_path / "laptop.db")
    with ProjectStore(tmp_path / "main.db") as main:
        merge_files(main, [tmp_path / "laptop.db"])
        [span] = main.spans(1, "alice")
        assert dict(span.attrs) == {} and span.provenance == {"source": "rules"}


def test_a_figure_reading_says_whether_it_was_parsed_or_typed(tmp_path):
    with ProjectStore(tmp_path / "p.db") as store:
        store.import_articles([NewArticle(text=ARTICLE, title="t")])
        service = LabellingService(store, "alice")
        start = ARTICLE.index("350,000")
        [span] = service.add(store.document(1), start, start + 7, "FIGURE").added
        assert span.provenance == {"figure": "parsed"} and span.attrs["low"] == 350000
        [typed] = service.set_attribute(span, "low", 300000).updated
        assert store.span(typed.id).provenance == {"figure": "typed"}


@pytest.mark.parametrize("provenance", ['{"source": "oracle"}', '{"by": "x"}', '[1]', 'not json'])
def test_check_reports_provenance_no_version_writes(tmp_path, provenance):
    _two_layers(tmp_path / "p.db")
    conn = sqlite3.connect(tmp_path / "p.db")
    conn.execute("UPDATE spans SET provenance = ?", (provenance,))
    conn.commit()
    conn.close()
    with ProjectStore(tmp_path / "p.db") as store:
        problems = check_project(store)
    assert problems and all("provenance" in p for p in problems), problems
