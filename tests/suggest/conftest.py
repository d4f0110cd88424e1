"""A small labelled project for suggestion tests: short articles written here, one layer done."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.projects import make_labelled_project


@pytest.fixture
def labelled_project(tmp_path: Path) -> Path:
    return make_labelled_project(tmp_path / "labelled.annotator.db", 14, done=12)
