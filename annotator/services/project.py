"""Open a project file, creating it (and, for the sample project, filling it) on first use."""
from __future__ import annotations

from pathlib import Path

from annotator.assets import sample_articles
from annotator.services.importing import import_paths
from annotator.storage import ProjectStore
from annotator.storage.project_store import now

_SAMPLES = "samples_added_at"


def open_store(path: Path, *, create: bool = True) -> ProjectStore:
    """The window's and the command line's way to open a project file (the store handle they pass on)."""
    return ProjectStore(path, create=create)


def open_or_create(path: Path, *, create: bool = True, seed_samples: bool = False) -> ProjectStore:
    """Open `path`; the sample project gets the shipped sample articles.

    The articles and the mark that they are in go in one transaction, and the mark is
    checked on every open: a sample project killed while being filled is filled next time."""
    store = ProjectStore(path, create=create)
    if seed_samples and store.meta(_SAMPLES) is None:
        try:
            with store.transaction():
                import_paths(store, sample_articles())
                store.set_meta(_SAMPLES, now())
        except BaseException:
            store.close()
            raise
    return store


__all__ = ["ProjectStore", "open_store", "open_or_create"]
