"""An export killed during its last step, or out of disk, leaves the whole previous export or the whole new one."""
from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import textwrap
from pathlib import Path

from annotator.export.options import ExportOptions
from annotator.export.run import export_corpus
from tests.helpers.export_corpus import Corpus

# Loads spaCy once, then per crash point: puts the previous spaCy export (done documents) back, forks a
# child that exports spaCy over it (every document: other bytes; an export replaces only its own format) and dies (os._exit) just before or just after the Nth file-system
# step of the folder handling (rename, replace, unlink, exchange, fsync, rmtree), and records what the output
# folder holds after the kill, and after the next export ran.
DRIVER = textwrap.dedent("""
    import hashlib, json, os, shutil, sys
    from pathlib import Path
    import annotator.export.output as output
    from annotator.export.options import ExportOptions
    from annotator.export.run import export_corpus
    from annotator.nlp.tokenizer import blank_nlp
    from annotator.storage import ProjectStore

    project, out = Path(sys.argv[1]), Path(sys.argv[2])
    blank_nlp()

    def state():
        return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in out.iterdir()} if out.is_dir() else {}

    def export(status, kill_at=0):
        events = [0]
        def step(fn):
            def wrapped(*args, **kwargs):
                events[0] += 1
                if events[0] == kill_at:
                    os._exit(9)
                result = fn(*args, **kwargs)
                events[0] += 1
                if events[0] == kill_at:
                    os._exit(9)
                return result
            return wrapped
        if kill_at:
            for name in ("rename", "replace", "unlink", "fsync"):
                setattr(os, name, step(getattr(os, name)))
            shutil.rmtree = step(shutil.rmtree)
            if hasattr(output, "_exchange"):
                output._exchange = step(output._exchange)
        with ProjectStore(project) as store:
            export_corpus(store, ExportOptions("spacy", out, "alice", status=status))
        return events[0]

    def in_child(status, kill_at):
        pid = os.fork()
        if pid == 0:
            os._exit(export(status, kill_at))  # a run not killed exits with its number of steps
        return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])

    export("done")
    previous = state()
    total = in_child("all", 255)  # counts every step of a whole run, never reached
    new = state()
    runs = []
    for n in range(1, total + 1):
        export("done")
        before = state()  # report.json carries the time: each previous export is its own
        in_child("all", n)
        after_kill = state()
        export("done")  # the next run: must clean up and succeed
        leftovers = sorted(p.name for p in out.parent.iterdir() if p.name.startswith("." + out.name))
        runs.append({"step": n, "before": before, "after_kill": after_kill, "leftovers": leftovers})
    print(json.dumps({"previous": previous, "new": new, "runs": runs}))
    print("steps", total, file=sys.stderr)
""")


def test_an_export_killed_at_any_step_of_its_commit_leaves_one_whole_export(corpus: Corpus, tmp_path: Path):
    out = tmp_path / "out"
    done = subprocess.run([sys.executable, "-c", DRIVER, str(corpus.store.path), str(out)],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout)
    previous, new = result["previous"], result["new"]
    assert sorted(previous) == sorted(new) == ["corpus.spacy", "report.json"] and previous != new
    assert len(result["runs"]) >= 3  # kills before, at and after the swap
    for run in result["runs"]:
        whole_new = sorted(run["after_kill"]) == sorted(new) and run["after_kill"]["corpus.spacy"] == new["corpus.spacy"]
        assert run["after_kill"] == run["before"] or whole_new, f"killed at step {run['step']}: {run['after_kill']}"
        assert run["leftovers"] == [], f"killed at step {run['step']}"
    assert result["runs"][0]["after_kill"] == result["runs"][0]["before"]
    assert sorted(result["runs"][-1]["after_kill"]) == sorted(new)


def test_where_folders_cannot_be_exchanged_a_kill_between_the_two_renames_is_undone(corpus: Corpus, tmp_path: Path,
                                                                                     monkeypatch):
    import os

    from annotator.export import output

    out = tmp_path / "out"
    export_corpus(corpus.store, ExportOptions("spacy", out, "alice", status="all"))
    previous = {p.name: p.read_bytes() for p in out.iterdir()}
    monkeypatch.setattr(output, "_exchange", lambda a, b: False)  # a system without RENAME_EXCHANGE
    renames = []
    real_rename = os.rename

    def rename_then_die(src, dst):
        renames.append(dst)
        if len(renames) == 2:
            raise KeyboardInterrupt  # killed between the two renames (the second never happens)
        real_rename(src, dst)

    monkeypatch.setattr(output.os, "rename", rename_then_die)
    try:
        export_corpus(corpus.store, ExportOptions("spacy", out, "alice"))
    except KeyboardInterrupt:
        pass
    monkeypatch.setattr(output.os, "rename", real_rename)
    assert not out.exists()  # the one instant the fallback leaves the folder away
    folder = output.OutputFolder(out, "spacy")  # the next run starts by putting the previous export back
    assert {p.name: p.read_bytes() for p in out.iterdir()} == previous
    folder.abort()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []
    export_corpus(corpus.store, ExportOptions("spacy", out, "alice"))  # and then replaces it as usual
    assert sorted(p.name for p in out.iterdir()) == ["corpus.spacy", "report.json"]
