"""A full disk: import and export say so in one line, store nothing partial, and leave the previous export."""
from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.errors import ProjectError
from annotator.core.model import NewArticle
from annotator.services.importing import import_paths
from annotator.storage import ProjectStore
from tests.helpers.export_corpus import build

BODY = "Rebels said 21 civilians were killed near Saraqeb on Monday, according to local rescuers. " * 40


def test_a_full_disk_during_import_is_one_line_and_stores_nothing_of_the_batch(store, write):
    store.import_articles([NewArticle(text="Already here.", title="t")])
    for i in range(60):
        write(f"a{i:02}.txt", f"Article {i}\n\n{BODY}")
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages + 3}")  # SQLite's own "database or disk is full"
    with pytest.raises(ProjectError, match="cannot save .*full") as info:
        import_paths(store, [write.folder])
    assert "\n" not in str(info.value) and str(store.path) in str(info.value)
    assert store.document_count() == 1
    store.db.execute("PRAGMA max_page_count = 1073741823")  # room again: the same store imports
    assert import_paths(store, [write.folder]).documents_added == 60


def _limited(size: int):
    def limit() -> None:  # in the child only: writes past `size` bytes fail with EFBIG, as on a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    return limit


def test_a_full_disk_during_export_is_one_line_and_the_previous_export_stays(store, tmp_path):
    corpus = build(store, tmp_path / "in")
    store.import_articles([NewArticle(text=f"{i} {BODY}", title=str(i)) for i in range(100)], annotator="alice")
    out = tmp_path / "out"
    args = [sys.executable, "-m", "annotator", "--project", str(corpus.path), "export", "--format", "jsonl",
            "--out", str(out), "--source", "alice"]
    first = subprocess.run(args, capture_output=True, text=True, timeout=180)
    assert first.returncode == 0, first.stderr
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    full = subprocess.run([*args, "--status", "all"], capture_output=True, text=True, timeout=180,
                          preexec_fn=_limited(64 * 1024))
    assert full.returncode == 2
    [line] = full.stderr.strip().splitlines()
    assert "cannot write the export" in line and "Traceback" not in full.stderr
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []
    again = subprocess.run([*args, "--status", "all"], capture_output=True, text=True, timeout=180)
    assert again.returncode == 0, again.stderr


def test_adjudicate_unanimous_on_a_full_disk_keeps_whole_documents_and_says_so(tmp_path):
    from annotator.core.model import GOLD, Status
    from annotator.services.adjudication import Adjudication
    from tests.helpers.projects import ARTICLE, layered_project

    layer = [("Syrians", "ACTOR"), ("UN", "ACTOR"), ("Idlib", "LOCATION")]
    path = layered_project(tmp_path / "p.db", [(f"t{i}", f"{i} {ARTICLE}", {"alice": layer, "bob": layer})
                                               for i in range(60)])
    with ProjectStore(path) as store:
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
        store.db.execute(f"PRAGMA max_page_count = {pages + 6}")
        with pytest.raises(ProjectError) as info:
            Adjudication(store, "rita").accept_unanimous_everywhere()
        message = str(info.value)
        assert "\n" not in message and "full" in message and "are kept" in message
        done = [d for d in range(1, 61) if store.status(d, GOLD) is Status.DONE]
        decided = store.db.execute("SELECT count(DISTINCT document_id) FROM decisions").fetchone()[0]
        assert 0 < len(done) < 60 and decided == len(done)  # whole documents, none half-decided
        store.db.execute("PRAGMA max_page_count = 1073741823")
        Adjudication(store, "rita").accept_unanimous_everywhere()  # goes on from there
        assert all(store.status(d, GOLD) is Status.DONE for d in range(1, 61))
