"""`annotator backup list` and `annotator backup restore N`."""
from __future__ import annotations

import argparse

from annotator.cli.registry import command, open_project
from annotator.core.errors import ProjectError
from annotator.core.wording import plural


def _backup_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("action", choices=["list", "restore"], help="list the backups, or restore one")
    p.add_argument("number", nargs="?", type=int, help="for restore: the backup's number in `backup list` (1: newest)")


@command("backup", "list the project's backups, or restore one (the current state is backed up first)", _backup_args)
def _backup(args: argparse.Namespace) -> int:
    from annotator.services.backup import backup_folder, backups_of, restore

    with open_project(args, create=False) as store:
        if args.action == "list":
            found = backups_of(store)
            print(f"{backup_folder(store.path)}: {plural(len(found), 'backup')}, "
                  f"{sum(b.size for b in found) / 1e6:.1f} MB")
            for n, b in enumerate(found, 1):
                print(f"{n:>3}  {b.taken_at:%Y-%m-%d %H:%M:%S} UTC  {b.size / 1e6:8.1f} MB  {b.reason}")
            return 0
        if args.number is None:
            raise ProjectError("backup restore needs the backup's number (see `annotator backup list`)")
        chosen, safety = restore(store, args.number)
    print(f"restored {chosen.path.name}; the state before is backup {safety.path.name}")
    return 0
