"""Quality of the rule suggestions on articles written for it: exact-match precision, recall, F1.

`rules_dev.txt` is what the rules were tuned against; `rules_heldout.txt`, `rules_heldout2.txt` and
`rules_heldout3.txt` were written before measuring them (the third after the first two had been
measured) and their marks never changed to suit the rules, so their lines are the honest ones.
Per language (issue 19): `rules_dev_<lang>.txt` tuned against, `rules_heldout_<lang>.txt` written
(and committed) before that language's rules existed; one `<lang>_dev` and one `<lang>_heldout` line each.
Usage: python benchmarks/rules_quality.py [--errors [--heldout-errors]] [--lang fr]. The English
lines come first; the last English line is its three held-out sets together.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from marked_text import read_corpus  # noqa: E402

from annotator.core.evaluation import Evaluation  # noqa: E402
from annotator.suggest.rules import rule_suggestions  # noqa: E402

LABELS = ("FIGURE", "ATTRIBUTION")


LANGUAGES = ("fr", "es", "ar", "uk", "ru")


def measure(name: str, show_errors: bool, lang: str = "en") -> Evaluation:
    ev = Evaluation(LABELS)
    for text, gold in read_corpus(name):
        predicted = {s.key for s in rule_suggestions(text, lang)}
        ev.add(predicted, gold)
        if show_errors:
            for s, e, label in sorted(predicted - set(gold)):
                print(f"  FP {label:<12} {text[s:e]!r:30} ...{text[max(0, s - 30):e + 30]!r}")
            for s, e, label in sorted(set(gold) - predicted):
                print(f"  FN {label:<12} {text[s:e]!r:30} ...{text[max(0, s - 30):e + 30]!r}")
    return ev


def line(name: str, ev: Evaluation) -> str:
    parts = [f"{name}_docs={ev.documents}"]
    for label, sc in ev.per_label().items():
        short = label.lower()[:6]
        parts.append(f"{short}_p={sc.precision:.3f} {short}_r={sc.recall:.3f}")
    return " ".join(parts)


def per_language(show: bool, held_show: bool, only: str | None) -> None:
    for lang in LANGUAGES:
        if only and lang != only:
            continue
        print(line(f"{lang}_dev", measure(f"rules_dev_{lang}.txt", show, lang)))
        print(line(f"{lang}_heldout", measure(f"rules_heldout_{lang}.txt", held_show, lang)))


if __name__ == "__main__":
    show = "--errors" in sys.argv
    only = sys.argv[sys.argv.index("--lang") + 1] if "--lang" in sys.argv else None
    if only:
        per_language(show, show and "--heldout-errors" in sys.argv, only)
        sys.exit(0)
    print(line("dev", measure("rules_dev.txt", show)))
    sets = [measure(f"rules_heldout{n}.txt", show and "--heldout-errors" in sys.argv) for n in ("", "2", "3")]
    for n, ev in enumerate(sets, start=1):
        print(line(f"heldout{n}", ev))
    both = Evaluation(LABELS)
    for ev in sets:
        both.documents += ev.documents
        both.reference.update(ev.reference)
        for mode in ev.matched:
            both.matched[mode].update(ev.matched[mode])
            both.predicted[mode].update(ev.predicted[mode])
    print(line("heldout", both))
    per_language(show, show and "--heldout-errors" in sys.argv, None)
