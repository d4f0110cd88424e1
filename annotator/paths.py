"""Where the user's files live: default project, settings, exports (platformdirs)."""
from __future__ import annotations

import os
from pathlib import Path

APP = "conflict-annotator"


def data_dir() -> Path:
    from platformdirs import user_data_path

    return user_data_path(APP, appauthor=False)


def default_project() -> Path:
    """$ANNOTATOR_PROJECT, else the sample project in the user's data folder."""
    env = os.environ.get("ANNOTATOR_PROJECT")
    return Path(env).expanduser() if env else sample_project()


def sample_project() -> Path:
    return data_dir() / "sample-project.annotator.db"


def is_sample_project(path: Path) -> bool:
    return path == sample_project()


def export_dir() -> Path:
    from platformdirs import user_documents_path

    return user_documents_path() / "annotator-exports"
