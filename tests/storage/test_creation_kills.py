"""Making a project is all or nothing: a process killed at any SQL statement of the creation
(migrations, our mark, default labels, the sample articles) leaves a file the next open completes."""
from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

from annotator.assets import default_labels
from annotator.services.project import open_or_create
from annotator.storage import ProjectStore
from annotator.storage.migrations import APPLICATION_ID, LATEST

# Forks once per crash point: the child runs the creation with a trace callback that kills it
# (os._exit, no clean-up, like a power cut for the process) just before statement N runs.
DRIVER = textwrap.dedent("""
    import json, os, sqlite3, sys
    from pathlib import Path
    from annotator.services.project import open_or_create

    folder, samples = Path(sys.argv[1]), sys.argv[2] == "1"
    real_connect = sqlite3.connect

    def create(path, kill_at):
        count = [0]
        def connect(*args, **kwargs):
            conn = real_connect(*args, **kwargs)
            def trace(statement):
                count[0] += 1
                if count[0] == kill_at:
                    os._exit(9)
            conn.set_trace_callback(trace)
            return conn
        sqlite3.connect = connect
        open_or_create(path, seed_samples=samples).close()
        return count[0]

    total = create(folder / "whole.db", 0)
    for n in range(1, total + 1):
        pid = os.fork()
        if pid == 0:
            create(folder / f"killed-{n}.db", n)
            os._exit(0)
        os.waitpid(pid, 0)
    print(json.dumps(total))
""")


def crash_all_statements(folder: Path, samples: bool) -> int:
    done = subprocess.run([sys.executable, "-c", DRIVER, str(folder), "1" if samples else "0"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def is_whole(path: Path, samples: bool) -> None:
    with open_or_create(path, seed_samples=samples) as store:  # the next open after the kill
        assert [label.name for label in store.labels()] == [label.name for label in default_labels()]
        assert store.schema_version == LATEST
        assert store.db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        if samples:
            assert store.document_count() > 0
    with ProjectStore(path, create=False) as again:  # and it stays a project for every later open
        assert again.labels()


def test_a_project_killed_at_any_statement_of_its_making_opens_whole(tmp_path):
    total = crash_all_statements(tmp_path, samples=False)
    assert total > 10  # the driver did reach the statements it claims to kill at
    for n in range(1, total + 1):
        path = tmp_path / f"killed-{n}.db"
        if path.exists():
            is_whole(path, samples=False)


def test_the_sample_project_killed_while_made_or_filled_is_filled_next_time(tmp_path):
    total = crash_all_statements(tmp_path, samples=True)
    expected = open_or_create(tmp_path / "whole.db", seed_samples=True)
    count = expected.document_count()
    expected.close()
    for n in range(1, total + 1):
        path = tmp_path / f"killed-{n}.db"
        if path.exists():
            is_whole(path, samples=True)
            with ProjectStore(path) as store:
                assert store.document_count() == count


def test_a_file_an_earlier_version_left_half_made_is_completed(tmp_path):
    path = tmp_path / "half.db"
    conn = sqlite3.connect(path, isolation_level=None)
    from annotator.storage.migrations import apply_migrations
    apply_migrations(conn, 0)  # migrations committed one by one, then killed before our mark
    conn.close()
    is_whole(path, samples=False)
