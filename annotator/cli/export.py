"""The `export` command: training data from a layer of the project (spaCy, CoNLL, JSON Lines)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from annotator.cli.registry import TerminalProgress, command, open_project
from annotator.services.exporting import EXPORTERS, SCHEMES, STATUSES


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
    p.add_argument("--lang", metavar="CODE", help="only documents in this language (ISO 639-1, e.g. fr)")
    p.add_argument("--mixed-languages", action="store_true",
                   help="spacy: write documents of several languages into one DocBin (refused otherwise)")
    p.add_argument("--strict", action="store_true",
                   help="stop at a span off token boundaries instead of growing it to its tokens")


@command("export", "export a layer: spaCy DocBin, CoNLL, JSON Lines, brat standoff or the claims table", _export_args)
def _export(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from annotator.services.exporting import default_source, export_corpus, export_options

    out = Path(args.out).expanduser() if args.out else None
    asked = export_options(args.format, out, args.source or "", args.status, args.split, args.seed, args.scheme,
                           args.strict, args.lang, args.mixed_languages)  # checked before the project opens
    with open_project(args, create=False) as store:
        options = replace(asked, source=args.source or default_source(store))
        bar = TerminalProgress("documents") if sys.stderr.isatty() else None
        report = export_corpus(store, options, progress=bar)
        if bar:
            bar.finish()
    print(report.summary())
    return 0
