"""An export's folder: the default place, refusing to mix with other files, swapping files in at the end."""
from __future__ import annotations

import json
import os
import shutil
import tomllib
from datetime import datetime
from pathlib import Path

from annotator.export.model import ExportError

REPORT = "report.json"
_PARTIAL = ".partial"
_PROJECT_NAME = "conflict-annotator"  # [project] name in our pyproject.toml


def default_out(fmt: str, cwd: Path | None = None, when: datetime | None = None) -> Path:
    """exports/<stamp>-<fmt> inside a checkout of this project, else the user's export folder."""
    from annotator.paths import export_dir

    cwd = Path.cwd() if cwd is None else cwd
    name = f"{(when or datetime.now()).strftime('%Y%m%d-%H%M%S')}-{fmt}"
    if (cwd / "exports").is_dir() and _is_this_project(cwd / "pyproject.toml"):
        return cwd / "exports" / name
    return export_dir() / name


def _is_this_project(pyproject: Path) -> bool:
    try:
        data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return data.get("project", {}).get("name") == _PROJECT_NAME


def _previous_export(folder: Path, entries: set[str]) -> set[str]:
    """Names of a previous export's files (report.json and those it lists); refuses anything else."""
    try:
        listed = json.loads((folder / REPORT).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        raise ExportError(f"{folder} is not empty and holds no previous export (no readable {REPORT}); "
                          "choose a new or empty output folder (--out)") from None
    allowed = {REPORT, *(str(name) for name in listed)}
    others = sorted(e for e in entries - allowed if not (e.startswith(".") and e.endswith(_PARTIAL)))
    if others:
        raise ExportError(f"{folder} holds {others[0]!r}, which is not part of the previous export there; "
                          "choose a new or empty output folder (--out)")
    return {e for e in entries if not e.endswith(_PARTIAL)}


class OutputFolder:
    """Files are written as .NAME.partial and renamed only when the whole export succeeded,
    so a failed export never leaves half a dataset, nor destroys the previous one."""

    def __init__(self, path: Path) -> None:
        self.path = path
        if path.exists() and not path.is_dir():
            raise ExportError(f"{path} is a file; the output (--out) must be a folder")
        entries = {p.name for p in path.iterdir()} if path.is_dir() else set()
        self._replaced = _previous_export(path, entries) if entries else set()
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ExportError(f"{path}: cannot create the folder ({exc.strerror or exc})") from None
        self.abort()  # leftovers of an export that was killed half-way

    def staging(self, name: str) -> Path:
        return self.path / f".{name}{_PARTIAL}"

    def commit(self, names: list[str], report_text: str) -> None:
        """Replace the previous export (if any) by the staged files and the report, written last."""
        for old in self._replaced:
            _remove(self.path / old)
        for name in names:
            os.replace(self.staging(name), self.path / name)
        (self.path / REPORT).write_text(report_text, encoding="utf-8")

    def abort(self) -> None:
        for p in self.path.glob(f".*{_PARTIAL}"):
            _remove(p)


def _remove(path: Path) -> None:
    """A file, or a folder of files (brat writes a folder per split)."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)
