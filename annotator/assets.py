"""Finds the files shipped in `resources/`: default labels, guidelines, sample articles, icons.

An installed wheel carries them as `annotator/resources/`; a source checkout (editable
install, or tests run from the repository) has them at the repository's top level.
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from annotator.core.model import Label

_PACKAGE = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def resources_dir() -> Path:
    for candidate in (_PACKAGE / "resources", _PACKAGE.parent / "resources"):
        if (candidate / "labels.json").is_file():
            return candidate
    raise FileNotFoundError(f"the annotator's resources are missing beside {_PACKAGE}; reinstall the package")


def default_labels() -> list[Label]:
    """The default label set (ACTOR, LOCATION, FIGURE, ATTRIBUTION) with guideline text."""
    data = json.loads((resources_dir() / "labels.json").read_text(encoding="utf-8"))
    return [Label(d["name"], d["colour"], d.get("key", ""), d.get("description", ""), d.get("guideline", ""))
            for d in data["labels"]]


def sample_articles() -> list[Path]:
    return sorted((resources_dir() / "samples").glob("*.txt"))


def icon_path(name: str = "app.svg") -> Path:
    return resources_dir() / "icons" / name


def guidelines_path() -> Path:
    return resources_dir() / "guidelines.md"
