"""Project commands: open the app, import articles, count what is there."""
from __future__ import annotations

import argparse
import json
import sys

from annotator.cli.registry import TerminalProgress, command, open_project


def _no_args(parser: argparse.ArgumentParser) -> None:
    return None


@command("gui", "open the desktop app (what a bare `annotator` does)", _no_args)
def _gui(args: argparse.Namespace) -> int:
    from annotator.ui.app.launch import run_gui  # Qt is imported here only

    store = open_project(args)
    path = store.path
    store.close()
    return run_gui(path)


def _import_args(p: argparse.ArgumentParser) -> None:
    from annotator.services.importing import FORMATS

    p.add_argument("paths", nargs="+", metavar="PATH",
                   help="article files or folders: .txt .md .jsonl .json (doccano, Prodigy, Label Studio), "
                        ".conll .iob .bio .tsv (CoNLL, WebAnno TSV 3), brat folders of .txt + .ann")
    p.add_argument("--annotator", help="layer that the files' spans go into (default: the annotator each record "
                                       "names: _annotator_id, _session_id, annotator, Label Studio's completed_by)")
    p.add_argument("--format", choices=FORMATS, help="read every path as this format (default: by extension and content)")
    p.add_argument("--add-labels", action="store_true",
                   help="first add the labels and relation types the files use to the project's schema")


@command("import", "import article files and folders into the project", _import_args)
def _import(args: argparse.Namespace) -> int:
    from annotator.services.importing import import_paths

    store = open_project(args)
    with store:
        bar = TerminalProgress("files") if sys.stderr.isatty() else None
        report = import_paths(store, args.paths, annotator=args.annotator, progress=bar, fmt=args.format,
                              add_labels=args.add_labels)
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
