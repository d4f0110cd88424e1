"""Backups: before merges, schema changes and restores, while editing; thinned; listed and restored."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from annotator.core.model import NewArticle, Span
from annotator.services.backup import backup_if_due, backups_of, restore
from annotator.services.merge import merge_files
from annotator.storage import ProjectStore
from annotator.storage.backups import KEEP_RECENT, backup_folder, list_backups, take_backup, thin
from annotator.storage.migrations import LATEST
from tests.helpers.projects import ARTICLE
from tests.helpers.store_builders import OTHER, label, project


def documents_in(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    finally:
        conn.close()


def test_a_merge_is_preceded_by_a_backup_of_the_project_as_it_was(tmp_path, user_folders):
    main = project(tmp_path / "main.db", [ARTICLE])
    laptop = project(tmp_path / "bob.db", [OTHER])
    label(laptop, OTHER, "bob", "Rebels", "ACTOR")
    merge_files(main, [laptop.path])
    [backup] = backups_of(main)
    assert backup.reason == "before-merge" and documents_in(backup.path) == 1 and main.document_count() == 2
    assert str(user_folders) in str(backup.path)  # the user data folder, never beside the project
    main.close()
    laptop.close()


def test_a_schema_change_is_preceded_by_a_backup(project_path, monkeypatch):
    from annotator.storage import migrations, project_store

    ProjectStore(project_path).close()
    monkeypatch.setitem(migrations.MIGRATIONS, LATEST + 1, "ALTER TABLE documents ADD COLUMN extra TEXT;")
    monkeypatch.setattr(migrations, "LATEST", LATEST + 1)
    monkeypatch.setattr(project_store, "LATEST", LATEST + 1)
    with ProjectStore(project_path) as store:
        [backup] = backups_of(store)
    assert backup.reason == f"before-schema-{LATEST}-to-{LATEST + 1}"
    assert sqlite3.connect(backup.path).execute("PRAGMA user_version").fetchone()[0] == LATEST


def test_a_backup_is_a_consistent_snapshot_taken_while_another_program_writes(store):
    store.import_articles([NewArticle(text=ARTICLE, title="t")])
    writer = sqlite3.connect(store.path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # another window in the middle of a write
    writer.execute("INSERT INTO documents (sha256, text, title, imported_at) VALUES ('x', 'half', 'h', 'now')")
    backup = take_backup(store.path, "manual")  # does not wait for the writer
    writer.execute("COMMIT")
    writer.close()
    assert documents_in(backup.path) == 1 and store.document_count() == 2


def test_restore_puts_a_backup_back_and_backs_up_the_state_before(store):
    store.import_articles([NewArticle(text=ARTICLE, title="t")])
    store.add_span(Span(1, 13, 20, "ACTOR", annotator="ann"))
    store.backup("manual")
    store.import_articles([NewArticle(text=OTHER, title="o")])
    store.add_span(Span(2, 0, 6, "ACTOR", annotator="zed"))  # an annotator the backup does not know
    chosen, safety = restore(store, 1)
    assert chosen.reason == "manual" and safety.reason == "before-restore"
    assert store.document_count() == 1 and documents_in(safety.path) == 2
    assert [s.annotator for s in store.spans(1)] == ["ann"]
    store.add_span(Span(1, 0, 4, "FIGURE", annotator="zed"))  # no cached id of the replaced file is used
    assert sorted(s.annotator for s in store.spans(1)) == ["ann", "zed"]


def test_thinning_keeps_ten_recent_then_one_a_day_for_a_week(tmp_path):
    folder = tmp_path / "b"
    folder.mkdir()
    now = datetime(2026, 3, 20, 12, 0, tzinfo=timezone.utc)
    for hours in range(0, 20 * 24, 6):  # four a day for twenty days
        taken = now - timedelta(hours=hours)
        (folder / f"{taken:%Y%m%d-%H%M%S-%f}-while-editing.annotator.db").write_bytes(b"x")
    thin(folder, now)
    kept = sorted((p.name[:8] for p in folder.iterdir()), reverse=True)
    assert len(kept) == KEEP_RECENT + len(set(kept[KEEP_RECENT:]))  # beyond the recent ones: one per day
    oldest = datetime.strptime(kept[-1], "%Y%m%d").replace(tzinfo=timezone.utc)
    assert now - oldest <= timedelta(days=7, hours=12)


def test_a_backup_killed_half_way_is_cleaned_up_by_the_next(store):
    folder = backup_folder(store.path)
    folder.mkdir(parents=True)
    (folder / ".20260101-000000-000000-x.annotator.db.partial").write_bytes(b"half")
    store.backup("manual")
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == [".lock"]  # the lock file stays


def test_while_editing_at_most_one_every_30_minutes(store):
    store.import_articles([NewArticle(text=ARTICLE, title="t")])
    first = backup_if_due(store)
    assert first is not None and first.reason == "while-editing"
    assert backup_if_due(store) is None  # one was just taken
    assert backup_if_due(store, now=datetime.now(timezone.utc) + timedelta(minutes=31)) is not None


def test_backup_list_and_restore_from_the_command_line(store):
    store.import_articles([NewArticle(text=ARTICLE, title="t")])
    store.backup("manual")
    store.import_articles([NewArticle(text=OTHER, title="o")])
    store.close()
    run = lambda *a: subprocess.run([sys.executable, "-m", "annotator", "--project", str(store.path), *a],  # noqa: E731
                                    capture_output=True, text=True, timeout=120)
    listed = run("backup", "list")
    assert listed.returncode == 0 and " 1  " in listed.stdout and "manual" in listed.stdout
    restored = run("backup", "restore", "1")
    assert restored.returncode == 0, restored.stderr
    assert documents_in(store.path) == 1
    assert [b.reason for b in list_backups(store.path)] == ["before-restore", "manual"]
    missing = run("backup", "restore", "9")
    assert missing.returncode == 2 and "no backup 9" in missing.stderr
