"""Team commands: hand out documents with bundles, see the team's progress, what review changed."""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from annotator.cli.registry import command, open_project


def _fmt(x: float | None, digits: int = 3) -> str:
    return "-" if x is None else f"{x:.{digits}f}"


def _assign_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--annotators", required=True, metavar="A,B,C", help="the annotators, comma-separated")
    share = p.add_mutually_exclusive_group()
    share.add_argument("--overlap", type=float, metavar="PERCENT",
                       help="share of the documents that go to several annotators (0-100; default 0, or 100 "
                            "with --per-document alone)")
    p.add_argument("--per-document", type=int, default=None, metavar="K",
                   help="annotators each overlap document goes to (default 2)")
    p.add_argument("--documents", choices=("todo", "all"), default="todo",
                   help="todo: documents nobody has done yet (default); all: every document; "
                        "documents assigned before are never assigned again")
    p.add_argument("--seed", type=int, default=0, help="same seed, same assignment (default 0)")
    p.add_argument("--out", required=True, type=Path, metavar="DIR", help="folder for one bundle per annotator")


@command("assign", "hand documents out to annotators (with an overlap share) and write one bundle each", _assign_args)
def _assign(args: argparse.Namespace) -> int:
    from annotator.services.team import assign_documents

    overlap = args.overlap if args.overlap is not None else (100.0 if args.per_document else 0.0)
    with open_project(args, create=False) as store:
        result = assign_documents(store, args.annotators.split(","), args.out, overlap_percent=overlap,
                                  per_document=args.per_document or 2, documents=args.documents, seed=args.seed)
    print("\n".join(result.summary()))
    return 0


def _bundle_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("annotator", help="whose bundle")
    p.add_argument("--out", required=True, type=Path, metavar="DIR", help="folder for the bundle")


@command("bundle", "write a fresh bundle of everything assigned to one annotator (their layer, threads, time)",
         _bundle_args)
def _bundle(args: argparse.Namespace) -> int:
    from annotator.services.team import write_annotator_bundle

    with open_project(args, create=False) as store:
        print(write_annotator_bundle(store, args.annotator, args.out))
    return 0


def _team_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print machine-readable JSON")


@command("team", "per annotator: assigned, done, active hours, spans per hour, agreement, precision/recall vs gold",
         _team_args)
def _team(args: argparse.Namespace) -> int:
    from annotator.services.team_stats import team_stats

    with open_project(args, create=False) as store:
        rows = team_stats(store)
    if args.json:
        print(json.dumps({r.name: r.to_json() for r in rows}, indent=2, ensure_ascii=False))
        return 0
    print(f"{'annotator':<16} {'assigned':>8} {'done':>5} {'in prog':>7} {'hours':>6} {'spans/h':>7} "
          f"{'P gold':>6} {'R gold':>6}  agreement (exact F1, shared documents)")
    for r in rows:
        agreement = ", ".join(f"{o} {_fmt(f1, 2)} ({r.shared[o]})" for o, f1 in sorted(r.agreement.items()))
        print(f"{r.name:<16} {r.progress.assigned:>8} {r.progress.done:>5} {r.progress.in_progress:>7} "
              f"{r.hours:>6.2f} {_fmt(r.spans_per_hour, 1):>7} {_fmt(r.precision):>6} {_fmt(r.recall):>6}  "
              f"{agreement or '-'}")
    return 0


def _feedback_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--annotator", required=True, metavar="NAME", help="whose spans to compare with gold")
    p.add_argument("--json", action="store_true", help="print machine-readable JSON")


@command("feedback", "what review changed of one annotator's spans, per adjudicated document", _feedback_args)
def _feedback(args: argparse.Namespace) -> int:
    from annotator.services.feedback import annotator_feedback

    with open_project(args, create=False) as store:
        fb = annotator_feedback(store, args.annotator)
    if args.json:
        print(json.dumps(fb.to_json(), indent=2, ensure_ascii=False))
        return 0
    if not fb.documents:
        print(f"{fb.annotator}: no adjudicated document they labelled yet")
        return 0
    for doc in fb.documents:
        c = doc.counts()
        print(f"document {doc.document_id} {doc.title[:40]!r}: {c['kept']} kept, {c['relabelled']} relabelled, "
              f"{c['resized']} resized, {c['removed']} removed, {c['missed']} gold spans missed")
    t = fb.totals()
    print(f"all {len(fb.documents)}: {t['kept']} kept, {t['relabelled']} relabelled, {t['resized']} resized, "
          f"{t['removed']} removed, {t['missed']} missed")
    print(f"\n{'label':<16} {'precision':>9} {'recall':>7} {'gold':>5}")
    for name, s in fb.evaluation.per_label("exact").items():
        print(f"{name:<16} {_fmt(s.precision):>9} {_fmt(s.recall):>7} {s.tp + s.fn:>5}")
    return 0
