"""`annotator check`: SQLite's integrity and foreign-key checks plus the project's own invariants."""
from __future__ import annotations

import argparse
import sys

from annotator.cli.registry import command, open_project
from annotator.core.wording import plural


def _check_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--quick", action="store_true", help="only what the app checks on opening (faster)")


@command("check", "check the project file: integrity, foreign keys, spans, labels, statuses, review", _check_args)
def _check(args: argparse.Namespace) -> int:
    from annotator.services.check import check_project

    with open_project(args, create=False) as store:
        problems = check_project(store, quick=args.quick)
    for line in problems:
        print(line, file=sys.stderr)
    print(f"{store.path}: {plural(len(problems), 'problem')}" if problems else f"{store.path}: no problems found")
    return 1 if problems else 0
