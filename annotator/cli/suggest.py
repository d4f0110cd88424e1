"""Suggestion commands: compute suggestions, train the project's model, evaluate a source or a layer."""
from __future__ import annotations

import argparse
import json
import sys

from annotator.cli.registry import TerminalProgress, command, open_project
from annotator.core.wording import plural

_SOURCES = ("rules", "memory", "model", "all")


def _suggest_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--source", choices=_SOURCES, default="all",
                   help="where suggestions come from (default: all three)")
    p.add_argument("--documents", choices=("todo", "all"), default="todo",
                   help="documents still to do (by --annotator, else by anyone) or all (default: todo)")
    p.add_argument("--annotator", help="whose documents are to do and whose memory is used (gold and their own "
                   "layer, unless the project shares memory); their spans and rejections are left out")
    p.add_argument("--json", action="store_true", help="print one JSON object per document a line")


@command("suggest", "compute suggestions (rules, project memory, the trained model) into their own table",
         _suggest_args)
def _suggest(args: argparse.Namespace) -> int:
    from annotator.services.suggestion_sources import documents_to_suggest, model_version
    from annotator.services.suggestions import memory_shared, run_suggest, shown_suggestions, sources_of

    sources = sources_of(args.source)
    with open_project(args, create=False) as store:
        if args.source == "all" and model_version(store) is None:
            sources = tuple(s for s in sources if s != "model")
            print("annotator: note: no trained model yet, so suggestions come from rules and memory "
                  "(train one with `annotator train --source NAME|gold`)", file=sys.stderr)
        if "memory" in sources and args.annotator is None and not memory_shared(store):
            print("annotator: note: project memory is blind, so without --annotator it remembers gold only "
                  "(`annotator memory --share on` makes it remember every layer)", file=sys.stderr)
        ids = documents_to_suggest(store, args.documents == "todo", args.annotator)
        bar = TerminalProgress("documents") if sys.stderr.isatty() else None
        run = run_suggest(store, sources, ids, progress=bar, annotator=args.annotator)
        if bar:
            bar.finish()
        if run.model_problem:
            print(f"annotator: note: no model suggestions: {run.model_problem}", file=sys.stderr)
        if not args.json:
            print(run.summary())
            return 0
        for doc in store.iter_documents(ids):
            spans = shown_suggestions(store, doc.id, sources, args.annotator)
            print(json.dumps({"document": doc.id, "sha256": doc.sha256, "title": doc.title,
                              "spans": [s.to_json() for s in spans]}, ensure_ascii=False))
    return 0


def _memory_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--share", choices=("on", "off"),
                   help="on: every annotator's memory draws on every layer; off (the default): on gold and "
                        "their own layer only")


@command("memory", "show or set whether project memory is shared between annotators (blind by default)",
         _memory_args)
def _memory(args: argparse.Namespace) -> int:
    from annotator.services.suggestions import memory_shared, set_memory_shared

    with open_project(args, create=False) as store:
        if args.share is not None:
            set_memory_shared(store, args.share == "on")
        shared = memory_shared(store)
    print(SHARED_NOTE if shared else BLIND_NOTE)
    return 0


BLIND_NOTE = ("project memory is blind: each annotator is suggested strings from gold and their own layer only, "
              "so double annotation stays independent")
SHARED_NOTE = ("project memory is shared: each annotator is suggested strings from every layer, so a second "
               "annotator sees the first one's labels and their agreement is inflated")


def _train_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--source", required=True, metavar="NAME|gold", help="the layer to learn from")
    p.add_argument("--epochs", type=int, default=12, help="passes over the training documents (default: 12)")
    p.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")


@command("train", "train the project's suggestion model (spaCy NER, CPU) on one layer; replaces the last one",
         _train_args)
def _train(args: argparse.Namespace) -> int:
    from annotator.services.training import train_model
    from annotator.services.training import TrainingSettings

    if args.epochs < 1:
        print("annotator: --epochs must be at least 1", file=sys.stderr)
        return 2
    with open_project(args, create=False) as store:
        bar = TerminalProgress("steps") if sys.stderr.isatty() else None
        result = train_model(store, args.source, TrainingSettings(epochs=args.epochs, seed=args.seed),
                             progress=(lambda d, t, _what: bar(d, t)) if bar else None)
        if bar:
            bar.finish()
    print(result.summary())
    return 0


def _evaluate_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--predicted", required=True, metavar="rules|memory|model|NAME",
                   help="a suggestion source (computed afresh) or an annotator's layer")
    p.add_argument("--against", required=True, metavar="NAME|gold", help="the reference layer")
    p.add_argument("--json", action="store_true", help="print machine-readable JSON")


@command("evaluate", "precision, recall and F1 of a suggestion source or a layer against a reference layer",
         _evaluate_args)
def _evaluate(args: argparse.Namespace) -> int:
    from annotator.services.evaluation import evaluate, trained_on

    with open_project(args, create=False) as store:
        if args.predicted == "model" and trained_on(store) == args.against:
            print(f"annotator: note: the model was trained on {args.against!r}; these scores include the "
                  "documents it learned from (`train` reports its held-out scores)", file=sys.stderr)
        result = evaluate(store, args.predicted, args.against)
    if args.json:
        print(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
        return 0
    print(f"{args.predicted} against {args.against}, {plural(result.documents, 'document')}")
    print(f"{'label':<14} {'exact P':>8} {'R':>6} {'F1':>6}   {'overlap P':>9} {'R':>6} {'F1':>6}")
    exact, overlap = result.per_label("exact"), result.per_label("overlap")
    rows = [*((k, exact[k], overlap[k]) for k in exact), ("overall", result.overall(), result.overall("overlap"))]
    for name, e, o in rows:
        print(f"{name:<14} {_f(e.precision):>8} {_f(e.recall):>6} {_f(e.f1):>6}   "
              f"{_f(o.precision):>9} {_f(o.recall):>6} {_f(o.f1):>6}")
    return 0


def _f(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"
