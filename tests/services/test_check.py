"""`annotator check` and the app's check on opening: one line per problem, exit 1 if any."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.model import GOLD, Span, Status
from annotator.services.adjudication import Adjudication
from annotator.services.check import check_project, opening_check
from annotator.storage import ProjectStore
from tests.helpers.projects import ARTICLE, layered_project


@pytest.fixture
def reviewed(tmp_path) -> Path:
    """Two annotators who disagree on one unit, a reviewer who decided everything."""
    path = layered_project(tmp_path / "p.db", [("t", ARTICLE, {"alice": [("Syrians", "ACTOR"), ("UN", "ACTOR")],
                                                              "bob": [("Syrians", "ACTOR")]})])
    with ProjectStore(path) as store:
        review = Adjudication(store, "rita")
        review.accept_unanimous(1)
        for unit in review.units(1):
            if not unit.decided:
                review.reject(1, unit.key)
        assert store.status(1, GOLD) is Status.DONE
    return path


def damage(path: Path, statement: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute(statement)
    conn.commit()
    conn.close()


def run_check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "annotator", "--project", str(path), "check"],
                          capture_output=True, text=True, timeout=120)


def test_a_sound_project_passes(reviewed):
    with ProjectStore(reviewed) as store:
        assert check_project(store) == [] and opening_check(store) is None
    done = run_check(reviewed)
    assert done.returncode == 0 and "no problems" in done.stdout and done.stderr == ""


DAMAGE = {
    "span past its text": ("UPDATE spans SET end_offset = 5000 WHERE id = 1", "outside its text"),
    "unknown label": ("UPDATE spans SET label = 'WEAPON' WHERE id = 1", "does not declare"),
    "orphan span": ("UPDATE spans SET document_id = 77 WHERE id = 1", "refers to a missing row"),
    "bad status": ("UPDATE statuses SET status = 'finished'", "is not one of"),
    "NaN metadata": ("UPDATE documents SET meta = '{\"x\": NaN}'", "metadata"),
    "text changed": ("UPDATE documents SET text = 'Another text.'", "sha256"),
    "name with a control": ("UPDATE annotators SET name = 'bob\x07' WHERE name = 'bob'", "not a name"),
    "gold done, unit open": ("DELETE FROM decisions", "undecided"),
}


@pytest.mark.parametrize("case", DAMAGE, ids=list(DAMAGE))
def test_each_kind_of_damage_is_one_line_and_exit_1(reviewed, case):
    statement, message = DAMAGE[case]
    damage(reviewed, statement)
    done = run_check(reviewed)
    assert done.returncode == 1, done.stdout + done.stderr
    lines = done.stderr.strip().splitlines()
    assert any(message in line for line in lines), lines
    assert all(line.startswith(str(reviewed)) for line in lines) and "Traceback" not in done.stderr


def test_the_window_says_in_one_line_when_the_opening_check_fails(qtbot, reviewed):
    from annotator.ui.app.main_window import MainWindow
    from annotator.ui.app.settings import AppSettings

    damage(reviewed, "UPDATE spans SET end_offset = 5000 WHERE id = 1")
    window = MainWindow(reviewed, AppSettings(), "alice")
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("Check failed:"), timeout=10000)
    message = window.statusBar().currentMessage()
    assert message.startswith("Check failed:") and "outside its text" in message and "\n" not in message


@pytest.mark.parametrize("case", ["span past its text", "unknown label"])
def test_the_opening_check_is_the_validators_rule_and_says_what_check_says(reviewed, case):
    """No second copy of the span rules in SQL: the quick check's line is one of the full check's."""
    damage(reviewed, DAMAGE[case][0])
    with ProjectStore(reviewed) as store:
        quick, full = check_project(store, quick=True), check_project(store)
        assert quick and set(quick) <= set(full)
        assert opening_check(store).startswith(quick[0])


def test_the_opening_check_names_a_schema_it_cannot_read(reviewed):
    damage(reviewed, "UPDATE labels SET key = 'ab' WHERE name = 'ACTOR'")
    with ProjectStore(reviewed) as store:
        line = opening_check(store)
    assert line is not None and "cannot be checked" in line and "\n" not in line
