"""`annotator repair`: after a backup, remove exactly the stored rows `check` reports; good rows stay."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.errors import AnnotatorError
from annotator.services.backup import backups_of
from annotator.services.check import check_project, repair_project
from annotator.storage import ProjectStore
from tests.helpers.projects import ARTICLE
from tests.helpers.poisoned import BOB_FIGURE, CRAFTED, craft, laptop, poisoned


def repair(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "annotator", "--project", str(path), "repair"],
                          capture_output=True, text=True, timeout=120)


def check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "annotator", "--project", str(path), "check"],
                          capture_output=True, text=True, timeout=120)


def rows(path: Path) -> tuple[set[tuple], list[tuple], dict]:
    """(spans as (annotator, label, start, end), relations as (type, head label, child label), bob's FIGURE attrs)."""
    conn = sqlite3.connect(path)
    try:
        spans = set(conn.execute("SELECT a.name, s.label, s.start_offset, s.end_offset FROM spans s"
                                 " JOIN annotators a ON a.id = s.annotator_id"))
        links = sorted(conn.execute("SELECT r.label, h.label, c.label FROM relations r"
                                    " LEFT JOIN spans h ON h.id = r.head_id LEFT JOIN spans c ON c.id = r.child_id"))
        found = conn.execute(f"SELECT attrs FROM spans WHERE id = {BOB_FIGURE}").fetchone()
    finally:
        conn.close()
    return spans, links, json.loads(found[0]) if found else {}


def test_a_sound_project_is_left_alone_and_not_backed_up(tmp_path):
    path = laptop(tmp_path / "bob.db")
    before = rows(path)
    done = repair(path)
    assert done.returncode == 0 and "no span, attribute or relation to repair" in done.stdout, done.stderr
    assert rows(path) == before
    with ProjectStore(path) as store:
        assert backups_of(store) == []


# What each crafted row leaves once repaired: the other rows as they were.
GOOD_SPANS = {("bob", "ATTRIBUTION"), ("bob", "ACTOR"), ("bob", "FIGURE"), ("carol", "ACTOR")}
SOURCE_LINK = [("SOURCE", "ATTRIBUTION", "ACTOR")]
REMOVED = {  # case: (removed line, relations left, bob's FIGURE attributes left)
    "attribute outside the schema": ("removed 1 attribute the schema refuses", SOURCE_LINK, {}),
    "value outside its list": ("removed 1 attribute the schema refuses", SOURCE_LINK, {}),
    "number 1e20": ("removed 1 attribute the schema refuses", SOURCE_LINK, {}),
    "number -1e308": ("removed 1 attribute the schema refuses", SOURCE_LINK, {}),
    "a 21-digit integer": ("removed 1 attribute the schema refuses", SOURCE_LINK, {}),
    "text where a number goes": ("removed 1 attribute the schema refuses", SOURCE_LINK, {}),
    "attributes not an object": ("removed 1 attribute the schema refuses", SOURCE_LINK, {}),
    "relation type the schema lacks": ("removed 1 relation the schema forbids", [], {"low": 350000}),
    "relation between labels it forbids": ("removed 1 relation the schema forbids", [], {"low": 350000}),
    "self-loop": ("removed 1 relation the schema forbids", [], {"low": 350000}),
    "dangling end": ("removed 1 relation the schema forbids", [], {"low": 350000}),
    "end in another annotator's layer": ("removed 1 relation the schema forbids", [], {"low": 350000}),
    "the same relation twice": ("removed 1 relation the schema forbids", SOURCE_LINK, {"low": 350000}),
}


@pytest.mark.parametrize("case", CRAFTED, ids=list(CRAFTED))
def test_repair_removes_exactly_what_check_reports_and_check_then_passes(tmp_path, case):
    path = poisoned(tmp_path / "bob.db", case)
    found = check(path)
    assert found.returncode == 1 and "`annotator repair` removes" in found.stdout
    done = repair(path)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stdout + done.stderr
    line, links, attrs = REMOVED[case]
    out = done.stdout.splitlines()
    assert out[0].startswith("backed up to ") and any(o.startswith(line) for o in out), out
    assert out[-1].endswith("no problems found")
    spans, left, figure = rows(path)
    assert {(a, label) for a, label, _s, _e in spans} == GOOD_SPANS and len(spans) == 4
    assert left == links and figure == attrs
    assert check(path).returncode == 0
    backup = Path(out[0].removeprefix("backed up to "))
    assert backup.exists() and rows(backup) != rows(path)  # the removed rows are kept in the backup


def _unguarded_spans(path: Path) -> None:
    """A spans table without its UNIQUE constraint, as a hostile tool could write it."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("PRAGMA legacy_alter_table = ON")  # the other tables keep referring to "spans"
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'spans'").fetchone()[0]
    triggers = [r[0] for r in conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'spans'")]
    indexes = [r[0] for r in conn.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'spans'"
                                          " AND sql IS NOT NULL")]
    unguarded = sql.replace(",\n        UNIQUE (document_id, annotator_id, start_offset, end_offset, label)", "")
    assert unguarded != sql
    conn.executescript("ALTER TABLE spans RENAME TO old_spans;" + unguarded + ";"
                       "INSERT INTO spans SELECT * FROM old_spans; DROP TABLE old_spans;"
                       + "".join(f"{t};" for t in triggers + indexes))
    conn.commit()
    conn.close()


def test_a_project_poisoned_many_ways_is_repaired_in_one_run_with_a_line_per_kind(tmp_path):
    path = laptop(tmp_path / "bob.db")
    _unguarded_spans(path)
    said = ARTICLE.index("said")
    craft(path,
          # three spans that cannot stay: past the text, no declared label, a second copy of bob's ACTOR
          "INSERT INTO spans (document_id, annotator_id, start_offset, end_offset, label, attrs, created_at, updated_at)"
          " SELECT 1, id, 0, 99999, 'ACTOR', '{}', 't', 't' FROM annotators WHERE name = 'bob'",
          "INSERT INTO spans (document_id, annotator_id, start_offset, end_offset, label, attrs, created_at, updated_at)"
          " SELECT 1, id, 0, 4, 'WEAPON', '{}', 't', 't' FROM annotators WHERE name = 'bob'",
          "INSERT INTO spans (document_id, annotator_id, start_offset, end_offset, label, attrs, created_at, updated_at)"
          " SELECT document_id, annotator_id, start_offset, end_offset, label, attrs, created_at, updated_at"
          " FROM spans WHERE label = 'ACTOR' AND annotator_id = (SELECT id FROM annotators WHERE name = 'carol')",
          # a link hanging on the span past the text; a good attribute beside two bad ones; bad provenance
          "INSERT INTO relations (document_id, annotator_id, head_id, child_id, label, created_at, updated_at)"
          " SELECT 1, annotator_id, (SELECT id FROM spans WHERE label = 'ATTRIBUTION'), id, 'SOURCE', 't', 't'"
          " FROM spans WHERE end_offset = 99999",
          f"UPDATE spans SET attrs = '{{\"low\": 350000, \"high\": 1e20, \"colour\": \"red\"}}' WHERE id = {BOB_FIGURE}",
          f"UPDATE spans SET provenance = '{{\"source\": \"rules\", \"by\": \"x\"}}' WHERE start_offset = {said}")
    problems = check(path)
    assert problems.returncode == 1 and len(problems.stderr.strip().splitlines()) >= 6, problems.stderr
    done = repair(path)
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout.splitlines()
    assert "removed 1 span outside their text" in out  # each cause apart: the trial read three in one line
    assert "removed 1 span with a label the schema does not declare" in out
    assert "removed 1 duplicate span (the same range and label twice in a layer)" in out
    assert "removed 1 relation on those spans" in out
    assert "removed 2 attributes the schema refuses (of 1 span)" in out
    assert "removed 1 provenance field this version does not write (of 1 span)" in out
    spans, links, figure = rows(path)
    assert {(a, label) for a, label, _s, _e in spans} == GOOD_SPANS and len(spans) == 4
    assert links == SOURCE_LINK and figure == {"low": 350000}
    with ProjectStore(path) as store:
        assert check_project(store) == []
        [attribution] = [s for s in store.spans(1, "bob") if s.label == "ATTRIBUTION"]
        assert attribution.provenance == {"source": "rules"}  # its good field stays
        logged = store.db.execute("SELECT action, count(*) FROM changes WHERE action LIKE 'repair%'"
                                  " GROUP BY action").fetchall()
        assert dict(logged) == {"repair_remove_span": 3, "repair_remove_attributes": 1,
                                "repair_clear_provenance": 1}
        assert [b.reason for b in backups_of(store)] == ["before-repair"]


def test_a_schema_repair_cannot_read_is_one_line_and_nothing_changes(tmp_path):
    path = craft(laptop(tmp_path / "bob.db"), "UPDATE labels SET key = 'ab' WHERE name = 'ACTOR'",
                 f"UPDATE spans SET attrs = '{{\"colour\": \"red\"}}' WHERE id = {BOB_FIGURE}")
    before = rows(path)
    done = repair(path)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    [line] = done.stderr.strip().splitlines()
    assert "cannot run until the schema is readable" in line and rows(path) == before
    with ProjectStore(path) as store:
        with pytest.raises(AnnotatorError):
            repair_project(store)
        assert backups_of(store) == []


def test_a_repair_on_a_full_disk_is_one_line_and_changes_nothing(tmp_path):
    path = laptop(tmp_path / "bob.db")
    ranges = [(i, j) for i in range(0, 60) for j in range(i + 1, i + 8)]  # 420 ACTOR spans, each with a bad attribute
    craft(path, *(f"INSERT INTO spans (document_id, annotator_id, start_offset, end_offset, label, attrs, created_at,"
                  f" updated_at) SELECT 1, id, {i}, {j}, 'ACTOR', '{{\"x\": 1}}', 't', 't' FROM annotators"
                  f" WHERE name = 'carol'" for i, j in ranges))
    before = rows(path)
    with ProjectStore(path) as store:
        assert len(check_project(store)) == len(ranges)
        store.db.execute(f"PRAGMA max_page_count = {store.db.execute('PRAGMA page_count').fetchone()[0]}")
        with pytest.raises(AnnotatorError) as info:
            repair_project(store)  # the change log of 420 repairs needs pages the file may not take
        assert "\n" not in str(info.value) and "full" in str(info.value)
        assert len(check_project(store)) == len(ranges)  # whole or absent: absent
        store.db.execute("PRAGMA max_page_count = 1073741823")
        done, remaining = repair_project(store)  # room again: the same repair goes through
        assert "removed 420 attributes the schema refuses (of 420 spans)" in done and remaining == []
    assert rows(path)[0] == before[0]


def _bad_span(path: Path) -> Path:
    """bob's laptop with one span past the end of the text (what repair removes)."""
    return craft(laptop(path), "INSERT INTO spans (document_id, annotator_id, start_offset, end_offset, label, attrs,"
                               " created_at, updated_at) SELECT 1, id, 0, 99999, 'ACTOR', '{}', 't', 't'"
                               " FROM annotators WHERE name = 'bob'")


def test_a_repair_waiting_for_another_writer_judges_and_backs_up_the_project_as_the_wait_left_it(tmp_path):
    """Another program (a schema change, then a span with its new label) commits while repair waits for
    the write lock: repair must judge by the schema it finds then, and its backup must hold what it starts from."""
    import threading
    import time

    path = _bad_span(tmp_path / "bob.db")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # the other program writes first
    other.execute("INSERT INTO labels (name, colour, position) VALUES ('WEAPON', '#aa0000', 9)")
    other.execute("INSERT INTO spans (document_id, annotator_id, start_offset, end_offset, label, attrs, created_at,"
                  " updated_at) SELECT 1, id, 0, 4, 'WEAPON', '{}', 't', 't' FROM annotators WHERE name = 'carol'")
    result: dict = {}

    def run() -> None:
        with ProjectStore(path) as store:
            result["done"] = repair_project(store)

    worker = threading.Thread(target=run)
    worker.start()
    with ProjectStore(path) as store:
        waited = time.monotonic()
        while not backups_of(store) and time.monotonic() - waited < 1.5:  # a backup taken before the lock, if any
            time.sleep(0.05)
    other.execute("COMMIT")
    other.close()
    worker.join(30)
    done, remaining = result["done"]
    assert remaining == [] and any(line.startswith("removed 1 span outside") for line in done), done
    spans = rows(path)[0]
    assert ("carol", "WEAPON", 0, 4) in spans  # declared by the schema repair found: not one of its rows
    assert not any(end == 99999 for *_rest, end in spans)
    backup = Path(done[0].removeprefix("backed up to "))
    assert ("carol", "WEAPON", 0, 4) in rows(backup)[0]  # the backup is the state repair started from
    assert any(end == 99999 for *_rest, end in rows(backup)[0])


def test_a_project_another_program_is_writing_is_refused_in_one_line_without_a_backup(tmp_path):
    from annotator.core.errors import BusyError

    path = _bad_span(tmp_path / "bob.db")
    before = rows(path)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with ProjectStore(path) as store:
            store.set_busy_timeout(300)
            with pytest.raises(BusyError) as info:
                repair_project(store)
            assert "\n" not in str(info.value) and "busy" in str(info.value)
            assert backups_of(store) == []  # no useless backup, none of the older ones thinned away
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert rows(path) == before


def test_a_relation_removed_with_a_span_of_another_layer_is_counted_once(tmp_path):
    """carol's relation ends on bob's span past the text: one row, removed once, said once."""
    path = craft(_bad_span(tmp_path / "bob.db"),
                 "INSERT INTO relations (document_id, annotator_id, head_id, child_id, label, created_at, updated_at)"
                 " SELECT 1, a.id, s.id, (SELECT id FROM spans WHERE end_offset = 99999), 'SOURCE', 't', 't'"
                 " FROM annotators a JOIN spans s ON s.annotator_id = a.id WHERE a.name = 'carol'")
    done = repair(path)
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout.splitlines()
    assert "removed 1 relation on those spans" in out
    assert not any("relation the schema forbids" in line for line in out), out
    assert rows(path)[1] == SOURCE_LINK
    with ProjectStore(path) as store:
        logged = store.db.execute("SELECT action, count(*) FROM changes WHERE action LIKE 'repair%'"
                                  " GROUP BY action").fetchall()
    assert dict(logged) == {"repair_remove_span": 1}


def test_repaired_provenance_is_a_new_version_of_its_span(tmp_path):
    """A window holding the span's old version must not write the refused field back unnoticed."""
    said = ARTICLE.index("said")
    path = craft(laptop(tmp_path / "bob.db"),
                 f"UPDATE spans SET provenance = '{{\"source\": \"rules\", \"by\": \"x\"}}' WHERE start_offset = {said}")
    version = f"SELECT version FROM spans WHERE start_offset = {said}"
    conn = sqlite3.connect(path)
    before = conn.execute(version).fetchone()[0]
    conn.close()
    assert repair(path).returncode == 0
    conn = sqlite3.connect(path)
    assert conn.execute(version).fetchone()[0] == before + 1
    conn.close()
