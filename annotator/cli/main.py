"""`annotator`: builds the parser from the registered commands and runs one."""
from __future__ import annotations

import argparse
import importlib
import os
import sys
from typing import NoReturn, Sequence

from annotator import __version__
from annotator.cli.registry import COMMANDS, Handler
from annotator.core.errors import AnnotatorError

# Every module that registers commands, in the order `annotator --help` lists them. A new group
# of commands is one module here and one line in this tuple.
COMMAND_MODULES: tuple[str, ...] = ("annotator.cli.project", "annotator.cli.language", "annotator.cli.review", "annotator.cli.export",
                                    "annotator.cli.check", "annotator.cli.backup", "annotator.cli.schema",
                                   "annotator.cli.suggest", "annotator.cli.team", "annotator.cli.notes")


class _Parser(argparse.ArgumentParser):
    """Usage mistakes as one line, like every other error of the command line."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    _load_commands()
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


def _load_commands() -> None:
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
    except BrokenPipeError:  # `annotator schema show | head`: the reader has all it wanted
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())  # so the interpreter's final flush does not fail again
        return 141
    except KeyboardInterrupt:
        print("annotator: interrupted; everything imported so far is saved", file=sys.stderr)
        return 130
