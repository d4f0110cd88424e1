"""An export's folder: the default place, refusing to mix with other files or another format's export, swapping the whole export in at the end."""
from __future__ import annotations

import ctypes
import errno
import json
import os
import shutil
import tomllib
from datetime import datetime
from pathlib import Path

from annotator.export.options import ExportError, option

REPORT = "report.json"
_PARTIAL = ".partial"
_STAGING = ".export-staging"
_PREVIOUS = ".export-previous"
_AT_FDCWD, _RENAME_EXCHANGE = -100, 2
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


_REPORT_LIMIT = 64 * 2**20  # far above any report this version writes (its lists stop at 1,000 entries)


def _read_report(folder: Path) -> dict | None:
    """The folder's report.json as a JSON object, or None: only a regular file of bounded size is read
    (a FIFO or device named report.json would block or never end; the dialog checks on every keystroke)."""
    report = folder / REPORT
    try:
        if not report.is_file() or report.stat().st_size > _REPORT_LIMIT:
            return None
        value = json.loads(report.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


def check_output_folder(folder: Path, fmt: str) -> None:
    """The one rule of an export's folder, for `annotator export` and the Export dialog: a folder
    that is missing or empty is used; one holding a previous export (report.json and the files it
    lists) of the same format is replaced whole; anything else is refused in one line."""
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder} is a file; the output ({option('out')}) must be a folder")
    try:
        entries = {p.name for p in folder.iterdir()} if folder.is_dir() else set()
    except OSError as exc:
        raise ExportError(f"{folder}: cannot read the output folder ({exc.strerror or exc})") from None
    entries = {e for e in entries if not (e.startswith(".") and e.endswith(_PARTIAL))}  # left by a killed run
    if entries:
        _previous_export(folder, entries, fmt)


def _shown(value: object) -> str:
    """A value read from a report.json, as one short line of a message."""
    text = value if isinstance(value, str) and value.isprintable() and len(value) <= 40 else repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _previous_export(folder: Path, entries: set[str], fmt: str) -> set[str]:
    """Names of a previous export's files (report.json and those it lists); refuses anything else.

    Replacing removes the whole folder, so every file in it, down to those inside a folder the
    export wrote (brat's), must be one the export writes."""
    report = _read_report(folder)
    listed, previous = (report or {}).get("files"), (report or {}).get("format")
    if not isinstance(listed, list) or not all(isinstance(n, str) for n in listed) or previous is None:
        raise ExportError(f"{folder} is not empty and holds no previous export (no readable {REPORT}); "
                          f"choose a new or empty output folder ({option('out')})")
    if previous != fmt:
        raise ExportError(f"{folder} holds a {_shown(previous)} export; a {fmt} export replaces only a {fmt} export: "
                          f"choose a new or empty output folder ({option('out')})")
    allowed = {REPORT, *listed}
    others = sorted(e for e in entries - allowed if not (e.startswith(".") and e.endswith(_PARTIAL)))
    if others:
        raise ExportError(f"{folder} holds {others[0]!r}, which is not part of the previous export there; "
                          f"choose a new or empty output folder ({option('out')})")
    from annotator.export import EXPORTERS  # the registry imports this module's users, not this module

    exporter = EXPORTERS.get(fmt)
    writes_inside = exporter.writes_inside if exporter is not None else None
    for name in sorted(entries & set(listed)):
        inner = folder / name
        if inner.is_symlink() or not inner.is_dir():
            continue
        try:
            foreign = sorted(p.name for p in inner.iterdir() if p.is_symlink() or not p.is_file()
                             or writes_inside is None or not writes_inside(p.name))
        except OSError as exc:
            raise ExportError(f"{inner}: cannot read the previous export's folder ({exc.strerror or exc})") from None
        if foreign:
            raise ExportError(f"{inner} holds {foreign[0]!r}, which the previous {fmt} export did not write; "
                              f"move it away or choose a new or empty output folder ({option('out')})")
    return {e for e in entries if not e.endswith(_PARTIAL)}


class OutputFolder:
    """The new export is written whole into a sibling staging folder, then swapped with the
    output folder by one atomic rename (RENAME_EXCHANGE), so that a reader of the output folder
    sees the whole previous export or the whole new one at every instant, even if the export is
    killed during its last step. What a killed run left behind is cleaned up by the next run."""

    def __init__(self, path: Path, fmt: str) -> None:
        if path.is_symlink():  # the export goes where the link points; the swap must not replace the link itself
            try:
                path = path.resolve(strict=False)
            except (OSError, RuntimeError) as exc:  # a loop of links
                raise ExportError(f"{path}: cannot follow the link ({exc})") from None
        self.path = path
        self._staging = path.parent / f".{path.name}{_STAGING}"
        self._previous = path.parent / f".{path.name}{_PREVIOUS}"
        if path.exists() and not path.is_dir():
            raise ExportError(f"{path} is a file; the output ({option('out')}) must be a folder")
        try:
            _recover(path, self._staging, self._previous)
            check_output_folder(path, fmt)
            path.mkdir(parents=True, exist_ok=True)
            self._staging.mkdir()
        except OSError as exc:
            raise ExportError(f"{path}: cannot prepare the output folder ({exc.strerror or exc})") from None

    def staging(self, name: str) -> Path:
        return self._staging / name

    def written(self) -> list[str]:
        """Names of what the writers put in the staging folder so far, sorted."""
        return sorted(p.name for p in self._staging.iterdir() if not p.name.endswith(_PARTIAL))

    def commit(self, names: list[str], report_text: str) -> None:
        """Write the report into the staging folder, then swap it in for the previous export."""
        report = self._staging / REPORT
        with report.open("w", encoding="utf-8") as handle:
            handle.write(report_text)
            handle.flush()
            os.fsync(handle.fileno())  # the data is on disk before the folder that names it swaps in
        if _exchange(self._staging, self.path):  # staging now holds the previous export
            shutil.rmtree(self._staging, ignore_errors=True)
            return
        # No atomic exchange on this system: two renames; a kill between them is undone by _recover.
        os.rename(self.path, self._previous)
        os.rename(self._staging, self.path)
        shutil.rmtree(self._previous, ignore_errors=True)

    def abort(self) -> None:
        shutil.rmtree(self._staging, ignore_errors=True)


def _recover(path: Path, staging: Path, previous: Path) -> None:
    """Undo what a killed export left: a half-written staging folder, a previous export set aside."""
    if previous.exists() and not path.exists():
        os.rename(previous, path)  # killed between the two renames of the fallback: put it back
    for leftover in (staging, previous):
        if leftover.exists():
            shutil.rmtree(leftover)
    if path.is_dir():  # files staged inside the folder by versions before staging folders
        for p in path.glob(f".*{_PARTIAL}"):
            p.unlink(missing_ok=True)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))
