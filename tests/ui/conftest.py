"""Fixtures for driving the real window: a project with articles, the window on it."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.model import NewArticle
from annotator.storage import ProjectStore
from annotator.ui.app.main_window import MainWindow
from annotator.ui.app.settings import AppSettings
from tests.helpers.review_builders import make_review_project
from tests.helpers.window_driver import TEXTS


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "ui.annotator.db"
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text=t, title=t[:20]) for t in TEXTS])
    return path


@pytest.fixture
def window(qtbot, project: Path) -> MainWindow:
    w = MainWindow(project, AppSettings(), "alice")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.article.setFocus()
    return w


@pytest.fixture
def review_project(tmp_path: Path) -> Path:
    return make_review_project(tmp_path / "review.db")


@pytest.fixture
def reviewing(qtbot, review_project) -> MainWindow:
    settings = AppSettings()
    settings.reviewer = "rita"  # asked once, then remembered (tests/ui/test_reviewer.py asks)
    w = MainWindow(review_project, settings, "rita")
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.actions_by_name["review_mode"].trigger()
    assert w.reviewing
    return w
