"""The `export` command: training data from a layer of the project (spaCy, CoNLL, JSON Lines)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from annotator.cli.registry import TerminalProgress, command, open_project
from annotator.export import EXPORTERS
from annotator.export.options import SCHEMES, STATUSES


def _export_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", required=True, choices=list(EXPORTERS), help="spacy (DocBin), conll, jsonl, brat (standoff), prodigy, doccano, label-studio or claims (CSV)")
    p.add_argument("--out", metavar="DIR", help="output folder (default: exports/<time>-<format> in a checkout "
                                                "of this project, else the user's export folder)")
    p.add_argument("--source", metavar="NAME", help="layer to export: an annotator's name, or gold "
                                                    "(default: gold if it exists, else the only annotator)")
    p.add_argument("--status", choices=STATUSES, default="done",
                   help="done (default): only documents done in that layer (adjudicated, for gold); all: every one")
    p.add_argument("--split", metavar="TRAIN,DEV,TEST", help="shares of train/dev/test, e.g. 80,10,10 "
                                                             "(default: one corpus file)")
    p.add_argument("--seed", type=int, default=0, metavar="N", help="seed of the split (default 0)")
    p.add_argument("--scheme", choices=SCHEMES, help="conll tags: iob2 (default) or bilou")
    p.add_argument("--strict", action="store_true",
                   help="stop at a span off token boundaries instead of growing it to its tokens")


@command("export", "export a layer: spaCy DocBin, CoNLL, JSON Lines, brat standoff or the claims table", _export_args)
def _export(args: argparse.Namespace) -> int:
    from annotator.export.options import ExportError, ExportOptions, parse_split
    from annotator.export.output import default_out
    from annotator.export.run import default_source, export_corpus

    if args.scheme and args.format != "conll":
        raise ExportError(f"--scheme applies to --format conll only (not {args.format})")
    split = parse_split(args.split) if args.split else None
    out = Path(args.out).expanduser() if args.out else default_out(args.format)
    with open_project(args, create=False) as store:
        options = ExportOptions(format=args.format, out=out, source=args.source or default_source(store),
                                status=args.status, split=split, seed=args.seed, scheme=args.scheme or "iob2",
                                strict=args.strict)
        bar = TerminalProgress("documents") if sys.stderr.isatty() else None
        report = export_corpus(store, options, progress=bar)
        if bar:
            bar.finish()
    print(report.summary())
    return 0
