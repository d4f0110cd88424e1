"""The team's use cases: hand documents out (with bundles), and how far each annotator has come."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from annotator.core.assignment import AssignmentPlan, check_team, plan_assignment
from annotator.core.errors import AnnotatorError, ProjectError
from annotator.core.wording import plural
from annotator.storage import ProjectStore
from annotator.storage import team_store as ts
from annotator.storage.bundle_store import write_bundle
from annotator.storage.merge import MergeResult
from annotator.storage.team_merge import read_team_source
from annotator.services.merge import merge_files

DOCUMENT_CHOICES = ("todo", "all")


@dataclass(frozen=True, slots=True)
class AssignResult:
    plan: AssignmentPlan
    batch: int
    bundles: dict[str, Path]  # annotator -> the bundle written for this run

    def summary(self) -> list[str]:
        lines = [f"assigned {plural(len(self.plan.new), 'document')} (batch {self.batch}), "
                 f"{self.plan.overlap_documents} of them to {self.plan.per_document} annotators each"]
        if self.plan.skipped_earlier:
            lines.append(f"{plural(self.plan.skipped_earlier, 'document')} kept their earlier assignment")
        lines += [f"{name}: {self.plan.loads[name]} assigned in all; bundle {path}" for name, path in self.bundles.items()]
        if self.plan.pairs_without_overlap:
            pairs = ", ".join(f"{a}+{b}" for a, b in self.plan.pairs_without_overlap)
            lines.append(f"warning: these pairs share no document yet, so their agreement cannot be measured: "
                         f"{pairs}; raise --overlap")
        return lines


def assign_documents(store: ProjectStore, annotators: Sequence[str], out: Path, *, overlap_percent: float = 0,
                     per_document: int = 2, documents: str = "todo", seed: int = 0) -> AssignResult:
    """Assign the documents no one has yet, record it, and write one bundle per annotator given documents."""
    team = check_team(annotators)
    if documents not in DOCUMENT_CHOICES:
        raise AnnotatorError(f"--documents {documents!r}: choose todo or all")
    if store.meta(ts.BUNDLE_OF):
        raise ProjectError(f"{store.path}: is an annotator's bundle; assign from the coordinator's project")
    candidates = ts.all_document_ids(store)
    if documents == "todo":
        done = ts.documents_done_by_anyone(store)
        candidates = [d for d in candidates if d not in done]
    earlier = ts.assignments(store)
    plan = plan_assignment(candidates, team, overlap_percent=overlap_percent, per_document=per_document,
                           seed=seed, earlier=earlier)
    if not plan.new:
        raise AnnotatorError(f"{store.path}: no document left to assign ({documents}: every one is assigned"
                             + (" or done" if documents == "todo" else "") + ")")
    paths = _bundle_paths(out, team, _next_batch(store))
    clash = next((p for p in paths.values() if p.exists()), None)
    if clash is not None:
        raise ProjectError(f"{clash}: exists already; choose another --out folder or move it away")
    team_id = ts.team_id(store, create=True)
    batch = ts.record_assignments(store, plan.new)
    out.mkdir(parents=True, exist_ok=True)
    bundles = {}
    for name in team:
        mine = [d for d, names in plan.new.items() if name in names]
        if mine:
            try:
                bundles[name] = write_bundle(store, paths[name], name, mine, team_id)
            except ProjectError as exc:  # a full disk: the assignment stays, each bundle is whole or absent
                rest = [n for n in team if n not in bundles and any(n in names for names in plan.new.values())]
                written = f"{plural(len(bundles), 'bundle')} written ({', '.join(bundles)})" if bundles else \
                    "no bundle written"
                raise ProjectError(f"{exc}; the assignment is recorded and {written}: write the others when there "
                                   f"is room with `annotator bundle NAME --out {out}` for "
                                   f"{', '.join(repr(n) for n in rest)}") from None
    return AssignResult(plan, batch, bundles)


def write_annotator_bundle(store: ProjectStore, annotator: str, out: Path) -> Path:
    """A fresh bundle of everything assigned to `annotator`, with their layer and threads as they are here."""
    name = check_team([annotator])[0]
    ids = ts.assigned_ids(store, name)
    if not ids:
        raise AnnotatorError(f"{store.path}: nothing is assigned to {name!r}")
    out.mkdir(parents=True, exist_ok=True)
    path = _bundle_paths(out, [name], _next_batch(store) - 1, tag="all")[name]
    return write_bundle(store, path, name, ids, ts.team_id(store, create=True) or "")


def _next_batch(store: ProjectStore) -> int:
    return ts.last_batch(store) + 1


def _bundle_paths(out: Path, team: Sequence[str], batch: int, tag: str = "") -> dict[str, Path]:
    """One file name per annotator, safe on every file system, distinct even when names fold alike."""
    paths: dict[str, Path] = {}
    used: set[str] = set()
    for name in team:
        stem = re.sub(r"[^A-Za-z0-9_-]+", "_", name).strip("_") or "annotator"
        candidate, n = stem, 1
        while candidate.lower() in used:
            n += 1
            candidate = f"{stem}-{n}"
        used.add(candidate.lower())
        paths[name] = out / f"{candidate}-{tag or f'batch{batch}'}.annotator.db"
    return paths


def assigned_first(store: ProjectStore, annotator: str, ids: Sequence[int]) -> list[int]:
    """`ids` with the documents assigned to `annotator` first (each part in its order): the document
    list's order for an annotator with an assignment; unchanged for one without."""
    mine = set(ts.assigned_ids(store, annotator))
    if not mine:
        return list(ids)
    return [d for d in ids if d in mine] + [d for d in ids if d not in mine]


# -- progress ---------------------------------------------------------------------------
@dataclass
class Progress:
    """One annotator's assigned documents by their status."""

    annotator: str
    assigned: int = 0
    done: int = 0
    in_progress: int = 0
    skipped: int = 0
    out: list[int] = field(default_factory=list)  # assigned documents not done yet

    @property
    def untouched(self) -> int:
        return self.assigned - self.done - self.in_progress - self.skipped

    def line(self) -> str:
        return (f"{self.annotator}: {self.done} done, {self.in_progress} in progress, {self.untouched} untouched"
                + (f", {self.skipped} skipped" if self.skipped else "") + f" of {self.assigned} assigned")

    def to_json(self) -> dict[str, Any]:
        return {"assigned": self.assigned, "done": self.done, "in_progress": self.in_progress,
                "untouched": self.untouched, "skipped": self.skipped, "out": self.out}


def progress(store: ProjectStore) -> dict[str, Progress]:
    """Per annotator with assignments: how their assigned documents stand in this project."""
    assigned = ts.assignments(store)
    pairs = [(doc, name) for doc, names in assigned.items() for name in names]
    statuses = ts.statuses_of(store, pairs)
    out: dict[str, Progress] = {}
    for (doc, name), status in sorted(statuses.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        p = out.setdefault(name, Progress(name))
        p.assigned += 1
        if status == "done":
            p.done += 1
        else:
            p.out.append(doc)
            if status == "in_progress":
                p.in_progress += 1
            elif status == "skipped":
                p.skipped += 1
    return out


def merge_bundles(store: ProjectStore, paths: Sequence[str | Path]) -> tuple[list[MergeResult], list[str]]:
    """Merge files as `merge` does, then say per bundle's annotator what came back and what is still out."""
    results = merge_files(store, paths)
    names = [name for name in (read_team_source(Path(p)).bundle_annotator for p in paths) if name]
    return results, merge_report(store, names)


def merge_report(store: ProjectStore, bundle_annotators: Sequence[str]) -> list[str]:
    """After a merge: what came back from each bundle's annotator, and what is still out."""
    table = progress(store)
    if not table:
        return []
    lines = [f"came back: {table[name].line()}" for name in bundle_annotators if name in table]
    still = {name: len(p.out) for name, p in table.items() if p.out}
    if still:
        lines.append("still out: " + ", ".join(f"{name} {plural(n, 'document')}" for name, n in still.items()))
    else:
        lines.append("still out: nothing; every assigned document is done")
    return lines
