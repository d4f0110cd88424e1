"""Open a project file, creating it (and, for the sample project, filling it) on first use."""
from __future__ import annotations

from pathlib import Path

from annotator.assets import sample_articles
from annotator.services.importing import import_paths
from annotator.storage import ProjectStore


def open_or_create(path: Path, *, create: bool = True, seed_samples: bool = False) -> ProjectStore:
    """Open `path`; a new sample project gets the shipped sample articles."""
    store = ProjectStore(path, create=create)
    if seed_samples and store.document_count() == 0:
        import_paths(store, sample_articles())
    return store
