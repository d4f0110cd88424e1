"""Review commands: merge other project files, measure agreement, accept unanimous units into gold."""
from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, TextIO

from annotator.cli.registry import command, open_project
from annotator.core.wording import plural

if TYPE_CHECKING:  # numpy and spaCy load only when a review command runs, not for every command
    from annotator.core.agreement import AgreementReport

_TOP = 10  # documents listed in the human-readable ranking


def _merge_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="FILE", help="other project files to bring into this one")


@command("merge", "bring other project files' documents, layers and statuses into this project", _merge_args)
def _merge(args: argparse.Namespace) -> int:
    from annotator.services.team import merge_bundles

    with open_project(args) as store:
        results, team_lines = merge_bundles(store, args.files)  # issue 18: what came back, what is still out
    for result in results:
        print(result.summary())
    for line in team_lines:
        print(line)
    return 0


def _agreement_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print machine-readable JSON")


@command("agreement", "agreement per annotator pair and label; documents ranked by disagreement", _agreement_args)
def _agreement(args: argparse.Namespace) -> int:
    from annotator.services.agreement import measure_agreement

    with open_project(args, create=False) as store:
        report = measure_agreement(store)
    if args.json:
        print(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    else:
        print_report(report)
    return 0


def _fmt(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def _print_extras(report: AgreementReport, out: TextIO) -> None:
    """Attribute agreement on exactly matched spans, and relation F1, per pair (when there are any)."""
    related = [p for p in report.pairs if p.relations is not None and (p.relations.a or p.relations.b)]
    if related:  # a table of its own: under the attributes header a pair's F1 read as an attribute row
        print(f"\n{'relations (ends and type)':<28} {'a':>6} {'b':>6} {'matched':>8} {'F1':>7}", file=out)
        for p in related:
            r = p.relations
            print(f"{p.a + ' / ' + p.b:<28} {r.a:>6} {r.b:>6} {r.matched:>8} {_fmt(r.f1):>7}", file=out)
    attributed = [p for p in report.pairs if p.attributes]
    if attributed:
        print(f"\n{'attributes (exact spans)':<28} {'items':>6} {'observed':>9} {'kappa':>7}", file=out)
        for p in attributed:
            print(f"{p.a + ' / ' + p.b}", file=out)
            for name, v in p.attributes.items():
                print(f"  {name:<26} {v.items:>6} {_fmt(v.observed):>9} {_fmt(v.kappa):>7}", file=out)


def print_report(report: AgreementReport, out: TextIO | None = None) -> None:
    """Pair table, per-label table, alpha and the top of the disagreement ranking."""
    out = out or sys.stdout
    if not report.pairs:
        print("no document has been labelled by two annotators yet (labelled = status done)", file=out)
        return
    print(f"{'pair':<28} {'docs':>6} {'exact F1':>9} {'overlap F1':>11} {'kappa':>7}", file=out)
    for p in report.pairs:
        print(f"{p.a + ' / ' + p.b:<28} {p.documents:>6} {_fmt(p.exact_f1):>9} {_fmt(p.overlap_f1):>11} "
              f"{_fmt(p.token_kappa):>7}", file=out)
        for label, v in p.per_label.items():
            print(f"  {label:<26} {'':>6} {_fmt(v.exact_f1):>9} {_fmt(v.overlap_f1):>11} "
                  f"{_fmt(v.token_kappa):>7}", file=out)
    _print_extras(report, out)
    print(f"\nKrippendorff's alpha (nominal, tokens, all annotators): {_fmt(report.alpha)}", file=out)
    print(f"\nmost disagreement (of {plural(len(report.documents), 'document')} labelled by two or more):", file=out)
    for d in report.documents[:_TOP]:
        print(f"  {d.disagreement:.3f}  #{d.id:<6} {d.title[:60]}", file=out)


def _adjudicate_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--unanimous", action="store_true", required=True,
                   help="accept every unit all annotators agree on into gold (as review mode's A)")
    p.add_argument("--reviewer", metavar="NAME", default="",
                   help="name recorded with each decision (default: your login name)")
    p.add_argument("--json", action="store_true", help="print machine-readable JSON")


@command("adjudicate", "accept every unanimous unit into the gold layer, with provenance", _adjudicate_args)
def _adjudicate(args: argparse.Namespace) -> int:
    import getpass

    from annotator.core.model import check_annotator_name
    from annotator.services.adjudication import Adjudication

    reviewer = check_annotator_name(args.reviewer or getpass.getuser())  # a person, never "gold"
    with open_project(args, create=False) as store:
        review = Adjudication(store, reviewer)
        for line in review.reviewer_warnings():
            print(f"annotator: warning: {line}", file=sys.stderr)
        run = review.accept_unanimous_everywhere()
    if args.json:
        print(json.dumps({"reviewer": reviewer, **run.to_json()}, indent=2, ensure_ascii=False))
    else:
        print(f"{plural(run.documents, 'document')} labelled by two or more annotators; "
              f"{plural(run.units, 'unanimous unit')} accepted into gold by {reviewer}; "
              f"{plural(run.adjudicated, 'document')} adjudicated, {run.still_open} still open")
    return 0
