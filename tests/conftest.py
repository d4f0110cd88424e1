"""Shared fixtures: offscreen Qt, user folders in tmp_path, a real project file, article writers."""
from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from annotator.storage import ProjectStore


@pytest.fixture(autouse=True)
def user_folders(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own HOME and XDG folders, so nothing touches the real user's files."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for var, sub in (("XDG_DATA_HOME", ".local/share"), ("XDG_CONFIG_HOME", ".config"),
                     ("XDG_CACHE_HOME", ".cache"), ("XDG_STATE_HOME", ".local/state")):
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.delenv("ANNOTATOR_PROJECT", raising=False)
    return home


@pytest.fixture
def project_path(tmp_path: Path) -> Path:
    return tmp_path / "project.annotator.db"


@pytest.fixture
def store(project_path: Path):
    with ProjectStore(project_path) as s:
        yield s


@pytest.fixture
def write(tmp_path: Path):
    """write("name.txt", text or bytes, encoding="utf-8") -> path in tmp_path/articles."""
    folder = tmp_path / "articles"
    folder.mkdir(exist_ok=True)

    def _write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    _write.folder = folder  # type: ignore[attr-defined]
    return _write
