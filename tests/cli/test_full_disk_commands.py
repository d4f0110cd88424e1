"""Every writing command on a full disk: one line (exit 2, no traceback), and its unit of work whole or absent.

The disk is full the way SQLite meets it: every connection the command opens may not grow its
file past `room` more pages (PRAGMA max_page_count), so the write that needs one more page fails
with SQLite's own "database or disk is full", exactly where a full disk makes it fail. The
command runs as the user runs it (the command line's `main`), in this process so that the limit
holds for each connection it opens; then, with room again, the same command succeeds.
"""
from __future__ import annotations

import json
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest

from annotator.cli.main import main
from annotator.core.model import GOLD, NewArticle, Span, Status
from annotator.storage import ProjectStore
from tests.helpers.projects import ARTICLE, layered_project, make_labelled_project

BODY = "Rebels said 21 civilians were killed near Saraqeb on Monday, according to local rescuers. " * 40


@contextmanager
def full_disk(monkeypatch: pytest.MonkeyPatch, room: int = 0) -> Iterator[None]:
    """Until the block ends, no SQLite file opened may grow by more than `room` pages."""
    real = sqlite3.connect

    def connect(*args, **kwargs):
        conn = real(*args, **kwargs)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {max(pages + room, 1)}")
        return conn

    with monkeypatch.context() as m:
        m.setattr(sqlite3, "connect", connect)
        yield


def run(capsys, *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def one_line(code: int, err: str) -> str:
    assert code == 2, err
    [line] = err.strip().splitlines()
    assert line.startswith("annotator: ") and "Traceback" not in err
    assert "full" in line, line
    return line


def rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def vacuumed(path: Path) -> Path:
    """No free pages: the next write that needs room needs a new page."""
    conn = sqlite3.connect(path)
    conn.execute("VACUUM")
    conn.close()
    return path


def checks_clean(capsys, path: Path) -> None:
    code, _out, err = run(capsys, "--project", str(path), "check")
    assert code == 0, err


def test_import(monkeypatch, capsys, tmp_path):
    path = tmp_path / "p.db"
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text="Already here.", title="t")])
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(40):
        (folder / f"a{i:02}.txt").write_text(f"Article {i}\n\n{BODY}", encoding="utf-8")
    vacuumed(path)
    with full_disk(monkeypatch, room=3):
        line = one_line(*run(capsys, "--project", str(path), "import", str(folder))[::2])
    assert str(path) in line
    assert rows(path, "SELECT count(*) FROM documents") == [(1,)]  # the batch: absent
    assert run(capsys, "--project", str(path), "import", str(folder))[0] == 0
    assert rows(path, "SELECT count(*) FROM documents") == [(41,)]


def test_merge(monkeypatch, capsys, tmp_path):
    main_path = tmp_path / "main.db"
    with ProjectStore(main_path) as store:
        store.import_articles([NewArticle(text="Another article.", title="x")])
    other = layered_project(tmp_path / "other.db", [(f"t{i}", f"{i} {BODY}", {"bob": [("Rebels", "ACTOR")]})
                                                    for i in range(40)])
    vacuumed(main_path)
    before = rows(main_path, "SELECT id, sha256 FROM documents")
    with full_disk(monkeypatch, room=2):
        one_line(*run(capsys, "--project", str(main_path), "merge", str(other))[::2])
    assert rows(main_path, "SELECT id, sha256 FROM documents") == before  # every file: absent
    assert rows(main_path, "SELECT count(*) FROM spans") == [(0,)]
    assert run(capsys, "--project", str(main_path), "merge", str(other))[0] == 0
    assert rows(main_path, "SELECT count(*) FROM documents") == [(41,)]
    checks_clean(capsys, main_path)


def test_adjudicate_unanimous(monkeypatch, capsys, tmp_path):
    layer = [("Syrians", "ACTOR"), ("UN", "ACTOR"), ("Idlib", "LOCATION")]
    path = vacuumed(layered_project(tmp_path / "p.db", [(f"t{i}", f"{i} {ARTICLE}", {"alice": layer, "bob": layer})
                                                        for i in range(60)]))
    with full_disk(monkeypatch, room=6):
        line = one_line(*run(capsys, "--project", str(path), "adjudicate", "--unanimous", "--reviewer", "rita")[::2])
    assert "are kept" in line
    decided = rows(path, "SELECT document_id, count(*) FROM decisions GROUP BY document_id")
    done = rows(path, "SELECT st.document_id FROM statuses st JOIN annotators a ON a.id = st.annotator_id"
                      f" WHERE a.name = '{GOLD}' AND st.status = 'done'")
    assert 0 < len(decided) < 60 and {d for d, n in decided} == {d for (d,) in done}  # whole documents
    assert all(n == 3 for _d, n in decided)
    assert run(capsys, "--project", str(path), "adjudicate", "--unanimous", "--reviewer", "rita")[0] == 0
    checks_clean(capsys, path)


def test_schema_set(monkeypatch, capsys, tmp_path):
    path = tmp_path / "p.db"
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text=ARTICLE, title="t")])
    code, shown, _ = run(capsys, "--project", str(path), "schema", "show", "--json")
    schema = json.loads(shown)
    schema["labels"].append({"name": "WEAPON", "colour": "#123456", "key": "w", "description": "a weapon " * 400,
                             "guideline": "Mark the weapon named. " * 2000, "attributes": []})
    (tmp_path / "s.json").write_text(json.dumps(schema), encoding="utf-8")
    vacuumed(path)
    before = rows(path, "SELECT name FROM labels ORDER BY name")
    with full_disk(monkeypatch, room=1):
        one_line(*run(capsys, "--project", str(path), "schema", "set", str(tmp_path / "s.json"))[::2])
    assert rows(path, "SELECT name FROM labels ORDER BY name") == before  # the schema: absent
    assert run(capsys, "--project", str(path), "schema", "set", str(tmp_path / "s.json"))[0] == 0
    assert ("WEAPON",) in rows(path, "SELECT name FROM labels")


def _coordinator(path: Path, count: int = 30) -> Path:
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text=f"Report {i}: {BODY}", title=f"r{i}") for i in range(count)])
    return vacuumed(path)


def test_assign(monkeypatch, capsys, tmp_path):
    path = _coordinator(tmp_path / "main.db")
    out = tmp_path / "bundles"
    with full_disk(monkeypatch, room=12):  # the assignment fits; a bundle of ten long reports does not
        line = one_line(*run(capsys, "--project", str(path), "assign", "--annotators", "Ada,Bo,Cem",
                             "--seed", "1", "--out", str(out))[::2])
    assert "the assignment is recorded" in line and "annotator bundle" in line
    assigned = rows(path, "SELECT count(*) FROM assignments")[0][0]
    assert assigned == 30  # the assignment: whole
    assert [p.name for p in out.iterdir() if ".partial" in p.name] == []  # each bundle whole or absent
    for bundle in out.iterdir():
        with ProjectStore(bundle, create=False) as b:
            assert b.document_count() == 10
    missing = [name for name in ("Ada", "Bo", "Cem") if not any(name in p.name for p in out.iterdir())]
    assert missing and all(f"'{name}'" in line or name in line for name in missing)
    for name in missing:
        assert run(capsys, "--project", str(path), "bundle", name, "--out", str(out / "again"))[0] == 0


def test_bundle(monkeypatch, capsys, tmp_path):
    path = _coordinator(tmp_path / "main.db")
    assert run(capsys, "--project", str(path), "assign", "--annotators", "Ada", "--out", str(tmp_path / "b"))[0] == 0
    out = tmp_path / "fresh"
    with full_disk(monkeypatch, room=6):
        one_line(*run(capsys, "--project", str(path), "bundle", "Ada", "--out", str(out))[::2])
    assert not out.exists() or list(out.iterdir()) == []  # the bundle: absent, no partial file
    assert run(capsys, "--project", str(path), "bundle", "Ada", "--out", str(out))[0] == 0


def test_feedback_reads_only_so_a_full_disk_does_not_stop_it(monkeypatch, capsys, tmp_path):
    path = layered_project(tmp_path / "p.db", [("t", ARTICLE, {"alice": [("Syrians", "ACTOR")],
                                                               "bob": [("Syrians", "ACTOR")]})])
    assert run(capsys, "--project", str(path), "adjudicate", "--unanimous", "--reviewer", "rita")[0] == 0
    with full_disk(monkeypatch, room=0):
        code, out, err = run(capsys, "--project", str(path), "feedback", "--annotator", "alice")
    assert code == 0 and "1 kept" in out, err


def test_note_reply(monkeypatch, capsys, tmp_path):
    path = vacuumed(layered_project(tmp_path / "p.db", [("t", ARTICLE, {"alice": [("Syrians", "ACTOR")]})]))
    start = ARTICLE.index("Syrians")
    args = ["--project", str(path), "note-reply", "--document", "1", "--layer", "alice",
            "--span", f"{start}:{start + 7}:ACTOR", "--author", "rita", "why ACTOR here? " * 2000]
    with full_disk(monkeypatch, room=0):
        one_line(*run(capsys, *args)[::2])
    assert rows(path, "SELECT count(*) FROM note_entries") == [(0,)]  # the reply: absent
    assert run(capsys, *args)[0] == 0
    assert rows(path, "SELECT count(*) FROM note_entries") == [(1,)]


def test_train(monkeypatch, capsys, tmp_path):
    path = vacuumed(make_labelled_project(tmp_path / "p.db", 12))
    with full_disk(monkeypatch, room=2):
        one_line(*run(capsys, "--project", str(path), "train", "--source", "alice", "--epochs", "1")[::2])
    assert rows(path, "SELECT count(*) FROM suggestion_models") == [(0,)]  # the model: absent
    assert run(capsys, "--project", str(path), "train", "--source", "alice", "--epochs", "1")[0] == 0
    assert rows(path, "SELECT count(*) FROM suggestion_models") == [(1,)]


def test_export_needs_no_room_in_the_project(monkeypatch, capsys, tmp_path):
    """An export writes its files, not the project; tokens it cannot store are made again next time."""
    path = tmp_path / "p.db"
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text=f"{i} {BODY}", title=str(i), spans=((0, 1, "FIGURE"),))
                               for i in range(20)], annotator="alice")
        store.db.execute("DELETE FROM tokens")
    vacuumed(path)
    with full_disk(monkeypatch, room=0):
        code, out, err = run(capsys, "--project", str(path), "export", "--format", "jsonl", "--status", "all",
                             "--out", str(tmp_path / "out"), "--source", "alice")
    assert code == 0 and "20 documents" in out, err
    assert len((tmp_path / "out" / "corpus.jsonl").read_text(encoding="utf-8").splitlines()) == 20


def test_backup_restore(monkeypatch, capsys, tmp_path):
    path = tmp_path / "p.db"
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text=f"{i} {BODY}", title=str(i)) for i in range(30)])
        store.backup("before-pruning")
        store.db.execute("DELETE FROM documents WHERE id > 1")
    vacuumed(path)
    with full_disk(monkeypatch, room=2):  # the backup of 30 reports does not fit back
        line = one_line(*run(capsys, "--project", str(path), "backup", "restore", "1")[::2])
    assert "the state before is in" in line
    assert rows(path, "SELECT count(*) FROM documents") == [(1,)]  # the restore: absent
    checks_clean(capsys, path)
    code, out, _ = run(capsys, "--project", str(path), "backup", "list")
    assert code == 0 and "before-restore" in out
    assert run(capsys, "--project", str(path), "backup", "restore", "2")[0] == 0  # 1 is now the state before
    assert rows(path, "SELECT count(*) FROM documents") == [(30,)]


def full_log(path: Path) -> Path:
    """No free pages, and the change log's last page full: the next logged change needs a new page."""
    vacuumed(path)
    conn = sqlite3.connect(path, isolation_level=None)
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    while True:
        conn.execute("BEGIN")
        conn.execute("INSERT INTO changes (at, annotator, action, payload) VALUES ('t', '', 'x', '{}')")
        if conn.execute("PRAGMA page_count").fetchone()[0] > pages:
            conn.execute("ROLLBACK")
            break
        conn.execute("COMMIT")
    conn.close()
    return path


def test_language(monkeypatch, capsys, tmp_path):
    path = tmp_path / "p.db"
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text=BODY * 20, title="long")])
        store.add_span(Span(1, 0, 6, "ACTOR", annotator="alice"))
        store.set_status(1, "alice", Status.DONE)
        store.db.execute("DELETE FROM tokens")  # nothing the change frees makes room for it
        store.db.execute("DELETE FROM suggestions")
    full_log(path)
    with full_disk(monkeypatch, room=0):
        one_line(*run(capsys, "--project", str(path), "language", "--set", "1", "fr")[::2])
    assert rows(path, "SELECT lang FROM documents") == [("en",)]  # the language: absent
    assert run(capsys, "--project", str(path), "language", "--set", "1", "fr")[0] == 0
    assert rows(path, "SELECT lang FROM documents") == [("fr",)]
    checks_clean(capsys, path)

