"""Merging files from outside: hostile names, labels and spans are refused; a file being written is read as one snapshot."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import ProjectError
from annotator.core.model import GOLD, NewArticle, Span, Status
from annotator.services.merge import merge_files
from annotator.storage import ProjectStore, merge as merge_module
from tests.helpers.projects import ARTICLE
from tests.helpers.store_builders import doc_id, label, layer, snapshot, tick


@pytest.fixture
def main(tmp_path):
    with ProjectStore(tmp_path / "main.db") as store:
        store.import_articles([NewArticle(text=ARTICLE, title="t")])
        label(store, ARTICLE, GOLD, "Syrians", "ACTOR")
        store.set_status(doc_id(store, ARTICLE), GOLD, Status.DONE)
        yield store


def laptop(path: Path, name: str = "bob") -> Path:
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text=ARTICLE, title="t")])
        label(store, ARTICLE, name, "Idlib", "LOCATION")
        store.set_status(doc_id(store, ARTICLE), name, Status.DONE)
    return path


def tamper(path: Path, *statements: str) -> Path:
    """Change a project file behind the annotator's back, as another tool or a bit flip might."""
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize("raw", [" gold", "gold ", "gold\n", "\tgold", "gold\x00", "gold\x1f", "\u200bgold",
                                 "gold\u00a0", "GOLD", "Gold", "\uff47\uff4f\uff4c\uff44"])
def test_a_name_that_is_gold_once_normalised_never_writes_the_gold_layer(main, tmp_path, raw):
    source = laptop(tmp_path / "bob.db")
    conn = sqlite3.connect(source)
    conn.execute("UPDATE annotators SET name = ? WHERE name = 'bob'", (raw,))
    conn.commit()
    conn.close()
    tick()
    [result] = merge_files(main, [source])
    assert result.gold_layers_skipped >= 1
    assert layer(main, ARTICLE, GOLD) == [("Syrians", "ACTOR", "", False)]
    assert main.status(doc_id(main, ARTICLE), GOLD) is Status.DONE
    assert main.annotators() == [GOLD]  # no look-alike of gold was made either


def test_names_from_another_file_are_normalised_as_typed_names_are(main, tmp_path):
    source = tamper(laptop(tmp_path / "bob.db"), "UPDATE annotators SET name = '  bob\u00a0' WHERE name = 'bob'")
    merge_files(main, [source])
    assert main.annotators() == ["bob", GOLD]
    assert layer(main, ARTICLE, "bob") == [("Idlib", "LOCATION", "", False)]


def _rename(name: str) -> str:
    return f"UPDATE annotators SET name = '{name}' WHERE name = 'bob'"


HOSTILE = {
    "two names one person": ("INSERT INTO annotators (name, created_at) VALUES ('bob ', 'x')", "same name"),
    "control inside a name": (_rename("b\x07ob"), "control character"),
    "label with a space": ("INSERT INTO labels VALUES ('BAD LABEL', '#123456', '', '', '', 9)", "label name"),
    "colour not #rrggbb": ("UPDATE labels SET colour = 'red' WHERE name = 'ACTOR'", "colour"),
    "two-key shortcut": ("UPDATE labels SET key = '12' WHERE name = 'ACTOR'", "one visible character"),
    "end past the text": ("UPDATE spans SET end_offset = 100000", "outside its text"),
    "negative start": ("UPDATE spans SET start_offset = -3", "outside its text"),
    "text offsets": ("UPDATE spans SET end_offset = 'ten'", "integer offsets"),
    "undeclared label": ("UPDATE spans SET label = 'WEAPON'", "does not declare"),
    "unknown status": ("UPDATE statuses SET status = 'finished'", "status"),
    "NaN metadata": ("UPDATE documents SET meta = '{\"x\": NaN}'", "NaN"),
    "Infinity attribute": ("UPDATE spans SET attrs = '{\"low\": Infinity}'", "Infinity"),
    "huge integer": ("UPDATE documents SET meta = '{\"x\": " + "9" * 5000 + "}'", "too large"),
    "deep nesting": ("UPDATE documents SET meta = '" + "[" * 100000 + "]" * 100000 + "'", "nested"),
    "metadata a list": ("UPDATE documents SET meta = '[1]'", "not a JSON object"),
    "text swapped": ("UPDATE documents SET text = 'Something else entirely.'", "sha256"),
    "unsure flag 7": ("UPDATE spans SET unsure = 7", "unsure"),
    "language a module path": ("UPDATE documents SET lang = 'en.examples'", "not an ISO 639-1 code"),
    "language upper case": ("UPDATE documents SET lang = 'FR'", "not an ISO 639-1 code"),
    "language a number": ("UPDATE documents SET lang = 7", "not an ISO 639-1 code"),
}


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_a_hostile_file_is_refused_with_one_line_and_nothing_changes(main, tmp_path, case):
    statement, message = HOSTILE[case]
    good = laptop(tmp_path / "carol.db", "carol")
    bad = tamper(laptop(tmp_path / "bob.db"), "PRAGMA ignore_check_constraints = ON", statement)
    before = snapshot(main.path)
    with pytest.raises(ProjectError, match=message) as info:
        merge_files(main, [good, bad])
    assert "\n" not in str(info.value) and str(bad) in str(info.value)
    assert snapshot(main.path) == before
    assert main.labels()[0].name == "ACTOR" and len(main.spans(doc_id(main, ARTICLE))) == 1


def test_a_file_another_window_is_writing_is_read_as_one_snapshot(main, tmp_path, monkeypatch):
    """Edits that land while the merge reads must not be stamped as merged: the next merge brings them."""
    source = laptop(tmp_path / "bob.db")
    real = merge_module.layer_times
    writes = []

    def layer_times_after_a_write(conn):
        if not writes:  # bob's window saves an edit between the merge's queries of his file
            with ProjectStore(source) as other:
                tick()
                writes.append(label(other, ARTICLE, "bob", "UN", "ACTOR"))
        return real(conn)

    monkeypatch.setattr(merge_module, "layer_times", layer_times_after_a_write)
    merge_files(main, [source])
    monkeypatch.setattr(merge_module, "layer_times", real)
    assert [t for t, *_ in layer(main, ARTICLE, "bob")] == ["Idlib"]
    merge_files(main, [source])  # the edit made during the first merge comes in now
    assert sorted(t for t, *_ in layer(main, ARTICLE, "bob")) == ["Idlib", "UN"]


def test_a_fifo_named_as_a_project_is_refused_not_waited_on(main, tmp_path):
    import os
    import threading

    fifo = tmp_path / "pipe.db"
    os.mkfifo(fifo)
    outcome: dict[str, str] = {}

    def attempt() -> None:
        for what, call in (("merge", lambda: merge_files(main, [fifo])), ("open", lambda: ProjectStore(fifo))):
            try:
                call()
            except ProjectError as exc:
                outcome[what] = str(exc)

    worker = threading.Thread(target=attempt, daemon=True)
    worker.start()
    worker.join(timeout=20)
    if worker.is_alive():
        with open(fifo, "wb"):  # unblock the reader so the run can end
            pass
        pytest.fail("opening a FIFO as a project hung")
    assert outcome == {"merge": f"{fifo}: is not a regular file, not a project file",
                       "open": f"{fifo}: is not a regular file, not a project file"}
