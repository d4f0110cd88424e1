"""Command line over the services. Imports Qt only inside `gui`, spaCy only where it tokenizes."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Callable, NoReturn, Sequence

from annotator import __version__
from annotator.core.errors import AnnotatorError

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
    return open_or_create(path, create=create, seed_samples=sample and not path.exists())


def _no_args(parser: argparse.ArgumentParser) -> None:
    return None


@command("gui", "open the desktop app (what a bare `annotator` does)", _no_args)
def _gui(args: argparse.Namespace) -> int:
    from annotator.ui.launch import run_gui  # Qt is imported here only

    store = open_project(args)
    path = store.path
    store.close()
    return run_gui(path)


def _import_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders (.txt .md .jsonl .json)")
    p.add_argument("--annotator", help="layer that spans carried by JSONL records go into")


@command("import", "import article files and folders into the project", _import_args)
def _import(args: argparse.Namespace) -> int:
    from annotator.services.importing import import_paths

    store = open_project(args)
    with store:
        bar = _TerminalProgress() if sys.stderr.isatty() else None
        report = import_paths(store, args.paths, annotator=args.annotator, progress=bar)
        if bar:
            bar.finish()
    for line in report.errors:
        print(line, file=sys.stderr)
    print(report.summary())
    return 1 if report.errors else 0


def _stats_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print machine-readable JSON")


@command("stats", "count documents, spans, labels and statuses", _stats_args)
def _stats(args: argparse.Namespace) -> int:
    with open_project(args, create=False) as store:
        stats = store.stats()
    if args.json:
        print(json.dumps(stats, indent=2, ensure_ascii=False))
        return 0
    print(f"project    {stats['project']}")
    print(f"documents  {stats['documents']}")
    print(f"spans      {stats['spans']}")
    for label, n in stats["by_label"].items():
        print(f"  {label:<12} {n}")
    for name, counts in stats["status"].items():
        done = counts["done"]
        print(f"annotator  {name}: {stats['by_annotator'].get(name, 0)} spans, {done}/{stats['documents']} done")
    return 0


class _TerminalProgress:
    """A one-line progress bar on stderr."""

    def __init__(self) -> None:
        self._last = -1

    def __call__(self, done: int, total: int, current: str) -> None:
        percent = 100 * done // max(total, 1)
        if percent != self._last:
            self._last = percent
            filled = percent // 4
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (25 - filled)}] {done}/{total} files")
            sys.stderr.flush()

    def finish(self) -> None:
        if self._last >= 0:
            sys.stderr.write("\n")


class _Parser(argparse.ArgumentParser):
    """Usage mistakes as one line, like every other error of the command line."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    _load_optional_commands()
    parser = _Parser(
        prog="annotator", description="Label conflict news: annotate, review, export training data.")
    parser.add_argument("--project", metavar="FILE",
                        help="project file (default: $ANNOTATOR_PROJECT, else the sample project)")
    parser.add_argument("--version", action="version", version=f"annotator {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (help_text, configure, handler) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text, description=help_text)
        configure(p)
        p.set_defaults(handler=handler)
    return parser


# Modules that define commands beside the services they drive (export, agreement, merge).
COMMAND_MODULES: tuple[str, ...] = ("annotator.services.review_cli", "annotator.export.cli")


def _load_optional_commands() -> None:
    import importlib

    for module in COMMAND_MODULES:
        importlib.import_module(module)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler = getattr(args, "handler", None) or COMMANDS["gui"][2]
    try:
        return handler(args)
    except AnnotatorError as exc:
        print(f"annotator: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("annotator: interrupted; everything imported so far is saved", file=sys.stderr)
        return 130
