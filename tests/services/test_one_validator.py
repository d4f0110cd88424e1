"""One validator: what an import refuses, a merge refuses and `check` reports, each in one line."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.errors import ProjectError
from annotator.core.model import NewArticle
from annotator.services.check import check_project
from annotator.services.importing import import_paths
from annotator.services.merge import merge_files
from annotator.storage import ProjectStore
from tests.helpers.poisoned import CRAFTED, craft, duplicate_relation, laptop
from tests.helpers.projects import ARTICLE


@pytest.mark.parametrize("case", CRAFTED, ids=list(CRAFTED))
def test_check_reports_every_row_an_import_would_refuse(tmp_path, case):
    statement, message = CRAFTED[case]
    path = (duplicate_relation(laptop(tmp_path / "bob.db")) if case == "the same relation twice"
            else craft(laptop(tmp_path / "bob.db"), statement))
    done = subprocess.run([sys.executable, "-m", "annotator", "--project", str(path), "check"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    lines = done.stderr.strip().splitlines()
    assert any(re.search(message, line) for line in lines), lines
    assert all(line.startswith(str(path)) for line in lines)


@pytest.mark.parametrize("case", CRAFTED, ids=list(CRAFTED))
def test_a_merge_refuses_the_same_rows_in_one_line_and_changes_nothing(tmp_path, case):
    statement, message = CRAFTED[case]
    source = (duplicate_relation(laptop(tmp_path / "bob.db")) if case == "the same relation twice"
              else craft(laptop(tmp_path / "bob.db"), statement))
    with ProjectStore(tmp_path / "main.db") as main:
        main.import_articles([NewArticle(text="Another article.", title="x")])
        with pytest.raises(ProjectError) as info:
            merge_files(main, [source])
            assert re.search(message, str(info.value)) and "\n" not in str(info.value)
        assert main.stats()["documents"] == 1 and main.annotators() == []


SCHEMA_ROWS = {
    "attribute name with a newline": "UPDATE label_attributes SET name = 'low\nx' WHERE name = 'low'",
    "choices that are not JSON": "UPDATE label_attributes SET choices = '[\"killed\", ' WHERE name = 'category'",
    "relation type with a newline": "UPDATE relation_types SET name = 'SOURCE\n' WHERE name = 'SOURCE'",
    "relation ends not JSON": "UPDATE relation_types SET head = 'ATTRIBUTION' WHERE name = 'CLAIM'",
}


@pytest.mark.parametrize("case", SCHEMA_ROWS, ids=list(SCHEMA_ROWS))
def test_schema_tables_no_version_writes_are_refused_by_merge_and_reported_by_check(tmp_path, case):
    source = craft(laptop(tmp_path / "bob.db"), "PRAGMA foreign_keys = OFF", SCHEMA_ROWS[case])
    with ProjectStore(tmp_path / "main.db") as main:
        with pytest.raises(ProjectError, match="schema tables") as info:
            merge_files(main, [source])
        assert "\n" not in str(info.value) and main.stats()["documents"] == 0
    done = subprocess.run([sys.executable, "-m", "annotator", "--project", str(source), "check"],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "Traceback" not in done.stderr and "schema tables" in done.stderr, done.stderr


HOSTILE_NUMBERS = [1e20, -1e308, 2 ** 53, -(2 ** 60), 9007199254740993]


@pytest.mark.parametrize("number", HOSTILE_NUMBERS)
def test_an_import_refuses_numbers_json_and_sqlite_do_not_both_hold_exactly(tmp_path, number):
    fig = ARTICLE.index("350,000")
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"text": ARTICLE, "spans": [{"start": fig, "end": fig + 7, "label": "FIGURE",
                                                            "attrs": {"low": number}}]}) + "\n")
    with ProjectStore(tmp_path / "p.db") as store:
        report = import_paths(store, [path], annotator="alice")
        assert len(report.errors) == 1 and "beyond" in report.errors[0] and "\n" not in report.errors[0]
        assert store.stats()["spans"] == 0


def test_the_largest_exact_number_is_stored_and_exported_exactly(tmp_path):
    fig = ARTICLE.index("350,000")
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"text": ARTICLE, "spans": [{"start": fig, "end": fig + 7, "label": "FIGURE",
                                                            "attrs": {"low": 2 ** 53 - 1, "high": 2.5e6}}]}) + "\n")
    with ProjectStore(tmp_path / "p.db") as store:
        assert import_paths(store, [path], annotator="alice").errors == []
        [span] = store.spans(1, "alice")
        assert span.attrs["low"] == 2 ** 53 - 1 and span.attrs["high"] == 2500000
        assert check_project(store) == []
