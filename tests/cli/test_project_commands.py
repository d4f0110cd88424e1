from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.helpers.cli import run


def test_import_then_stats_json(tmp_path, write):
    project = tmp_path / "p.db"
    write("one.txt", "First headline\n\nThe UN said 21 died.")
    write("two.jsonl", json.dumps({"text": "Rescuers said.", "label": [[0, 8, "ACTOR"]]}))
    r = run("--project", str(project), "import", str(write.folder), "--annotator", "alice")
    assert r.returncode == 0, r.stderr
    assert "2 new documents" in r.stdout
    stats = json.loads(run("--project", str(project), "stats", "--json").stdout)
    assert {"documents", "spans", "by_label", "by_annotator", "status"} <= stats.keys()
    assert (stats["documents"], stats["by_label"], stats["by_annotator"]) == (2, {"ACTOR": 1}, {"alice": 1})


def test_bad_files_give_one_line_each_and_exit_1(tmp_path, write):
    good = write("good.txt", "A fine article.")
    bad = write("bad.txt", b"\x89PNG\r\n\x1a\n\x00\x00")
    r = run("--project", str(tmp_path / "p.db"), "import", str(good), str(bad))
    assert r.returncode == 1
    assert r.stderr.strip().splitlines() == [f"{bad}: is binary (a PNG image), not an article"]
    assert "1 new document" in r.stdout


def test_user_mistakes_are_one_line_not_a_traceback(tmp_path):
    not_project = tmp_path / "x.db"
    not_project.write_text("hello" * 200)
    r = run("--project", str(not_project), "stats")
    assert r.returncode == 2
    assert len(r.stderr.strip().splitlines()) == 1 and "Traceback" not in r.stderr
    assert "not a project file" in r.stderr
    r = run("--project", str(tmp_path / "missing.db"), "stats")
    assert r.returncode == 2 and "no such project file" in r.stderr


def test_every_command_has_help():
    r = run("--help")
    assert r.returncode == 0
    for cmd in ("gui", "import", "stats"):
        assert cmd in r.stdout
        assert run(cmd, "--help").returncode == 0


def test_env_variable_names_the_project(tmp_path, write):
    project = tmp_path / "env.db"
    run("import", str(write("a.txt", "Env article.")), env={"ANNOTATOR_PROJECT": str(project)})
    assert json.loads(run("--project", str(project), "stats", "--json").stdout)["documents"] == 1


def test_default_project_is_the_sample_project_in_the_user_data_folder(user_folders):
    stats = json.loads(run("stats", "--json").stdout)  # the sample project is made on first use
    assert stats["documents"] >= 5
    r = run("import", str(Path(__file__)))  # a .py file: refused, nothing else changes
    assert r.returncode == 1 and "unsupported file type .py" in r.stderr
    stats = json.loads(run("stats", "--json").stdout)
    assert stats["documents"] >= 5
    assert str(user_folders) in stats["project"]


def test_stats_pays_for_neither_spacy_nor_qt(tmp_path):
    code = ("import sys; from annotator.cli import main; main(['--project', sys.argv[1], 'stats']);"
            "print(sorted(m for m in ('spacy', 'PySide6', 'thinc') if m in sys.modules))")
    r = subprocess.run([sys.executable, "-c", code, str(tmp_path / "p.db")], capture_output=True, text=True)
    assert r.stdout.strip().splitlines()[-1] == "[]", r.stderr


def test_usage_mistakes_are_one_line(tmp_path):
    r = run("--project", str(tmp_path / "p.db"), "import")
    assert r.returncode == 2
    assert r.stderr.strip().splitlines() == [
        "annotator import: the following arguments are required: PATH (see annotator import --help)"]


def test_a_read_never_turns_an_empty_file_into_a_project(tmp_path):
    empty = tmp_path / "notes.txt"
    empty.write_text("")
    r = run("--project", str(empty), "stats")
    assert r.returncode == 2 and "is empty, not a project file" in r.stderr
    assert empty.stat().st_size == 0


def test_output_cut_short_by_a_pipe_is_no_traceback(tmp_path):
    """`annotator suggest --json | head -1`: the reader closes the pipe early; no traceback follows."""
    project = tmp_path / "p.annotator.db"
    articles = tmp_path / "articles"
    articles.mkdir()
    for i in range(300):  # well over a pipe's 64 KB of suggestions
        (articles / f"a{i}.txt").write_text(f"Report {i}: some 350,000 Syrians fled Idlib, the UN said on day {i}.",
                                            encoding="utf-8")
    subprocess.run([sys.executable, "-m", "annotator", "--project", str(project), "import", str(articles)],
                   check=True, capture_output=True, timeout=120)
    reader = subprocess.Popen([sys.executable, "-m", "annotator", "--project", str(project), "suggest", "--json",
                               "--source", "rules"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    reader.stdout.readline()
    reader.stdout.close()  # like `head -1`: the rest meets a closed pipe
    _, err = reader.communicate(timeout=120)
    assert b"Traceback" not in err and reader.returncode in (0, 141), err.decode()[-300:]
