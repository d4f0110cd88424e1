from __future__ import annotations

import json

from tests.helpers.cli import run


def test_language_lists_sets_and_refuses_in_one_line(tmp_path, write):
    project = tmp_path / "p.db"
    write("a.jsonl", "\n".join(json.dumps(r, ensure_ascii=False) for r in [
        {"text": "Au moins 12 civils ont été tués près du marché, selon les autorités locales d'Idlib."},
        {"text": "At least 12 civilians were killed near the market, the local authorities said."}]))
    assert run("--project", str(project), "import", str(write.folder)).returncode == 0
    listed = run("--project", str(project), "language").stdout.splitlines()
    assert listed == ["default    en", "en         1", "fr         1"]
    moved = run("--project", str(project), "language", "--set", "1", "en")
    assert moved.returncode == 0 and moved.stdout.startswith("document 1: language fr -> en; re-tokenized: ")
    bad = run("--project", str(project), "language", "--set", "1", "zz")
    assert bad.returncode != 0 and bad.stderr.strip().splitlines() == [
        "annotator: document 1: unknown language code 'zz'; give an ISO 639-1 code such as en, fr, ar, uk"]
    assert run("--project", str(project), "language", "--default", "uk").stdout == "default language: uk\n"
