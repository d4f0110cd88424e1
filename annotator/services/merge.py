"""Merge other project files into this one (the `merge` command and File > Merge).

Every file is read and checked before anything is written, and all of them are merged in
one transaction: a file that is not a project, or is from a newer schema, stops the merge
with one line and this project stays as it was. The rules per layer are in
annotator.storage.merge.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

from annotator.core.errors import ProjectError
from annotator.storage import ProjectStore
from annotator.storage.merge import MergeResult, merge_source, read_source
from annotator.storage.merge_checks import check_against
from annotator.storage.team_merge import check_target, merge_team_tables, read_team_source


def merge_files(store: ProjectStore, paths: Iterable[str | Path]) -> list[MergeResult]:
    """Merge each project file in `paths` into `store`; returns what each one did, in order."""
    sources, teams = [], []
    schema = store.schema()
    for raw in paths:
        path = Path(raw)
        if path.exists() and path.resolve() == store.path.resolve():
            raise ProjectError(f"{path}: is this project itself; name another project file")
        sources.append(read_source(path))
        schema = check_against(sources[-1], schema)  # every layer, by the one validator, before any write
        teams.append(read_team_source(path))  # issue 18: whose bundle, active time, note threads
        check_target(store, teams[-1])
    if not sources:
        return []
    store.backup("before-merge")  # every file checked; the project as it was is kept before any write
    with store.transaction():
        results = [merge_source(store, src) for src in sources]
        for team in teams:
            merge_team_tables(store, team)
        return results
