"""The one registry of sub-commands, and what every command shares: the project it works on, a progress bar."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable

Handler = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None], Handler]] = {}


def command(name: str, help_text: str, configure: Callable[[argparse.ArgumentParser], None]):
    """Register a sub-command: its help, its arguments and its handler."""
    def register(handler: Handler) -> Handler:
        COMMANDS[name] = (help_text, configure, handler)
        return handler
    return register


def open_project(args: argparse.Namespace, *, create: bool = True):
    """The project named by --project, $ANNOTATOR_PROJECT, or the sample project (made on first use)."""
    from annotator.paths import default_project, is_sample_project
    from annotator.services.project import open_or_create

    path = Path(args.project).expanduser() if args.project else default_project()
    sample = args.project is None and is_sample_project(path)
    if sample:
        create = True  # the sample project is made on first use, whatever the command
    return open_or_create(path, create=create, seed_samples=sample)


class TerminalProgress:
    """A one-line progress bar on stderr: `[#####....] done/total <unit>`."""

    def __init__(self, unit: str) -> None:
        self._unit = unit
        self._last = -1

    def __call__(self, done: int, total: int, *_current: object) -> None:
        percent = 100 * done // max(total, 1)
        if percent != self._last:
            self._last = percent
            filled = percent // 4
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (25 - filled)}] {done}/{total} {self._unit}")
            sys.stderr.flush()

    def finish(self) -> None:
        if self._last >= 0:
            sys.stderr.write("\n")
