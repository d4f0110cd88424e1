"""The project file: the only package that knows table names or SQL."""
from __future__ import annotations

from annotator.storage.project_store import ImportResult, ProjectStore

__all__ = ["ImportResult", "ProjectStore"]
