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
    if not problems:
        print(f"{store.path}: no problems found")
        return 0
    layered = any(", layer " in line for line in problems)  # what `annotator repair` removes
    print(f"{store.path}: {plural(len(problems), 'problem')}" + (
        "; `annotator repair` removes the stored rows an import would refuse, after a backup" if layered else ""))
    return 1


@command("repair", "back up the project, then remove exactly the stored rows `check` reports an import would refuse",
         lambda p: None)
def _repair(args: argparse.Namespace) -> int:
    from annotator.services.check import repair_project

    with open_project(args, create=False) as store:
        done, remaining = repair_project(store)
    for line in done:
        print(line)
    if not done:
        print(f"{store.path}: no span, attribute or relation to repair")
    for line in remaining:
        print(line, file=sys.stderr)
    if remaining:
        print(f"{store.path}: {plural(len(remaining), 'problem')} remain that repair does not touch "
              "(see README, Integrity)")
        return 1
    print(f"{store.path}: no problems found")
    return 0
