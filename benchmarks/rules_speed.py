"""Rules on open: milliseconds for the rule suggestions of ui_latency.py's 100 KB article, main's code against this one.

Usage: python benchmarks/rules_speed.py [REF]   (REF: the git revision to compare with, default main)
Both run alternately in this process (median of 7 each), so load on the machine moves both alike.
Last line: rules_ms=N base_rules_ms=N ratio=N fr_rules_ms=N ar_rules_ms=N
"""
from __future__ import annotations

import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from ui_latency import _article  # noqa: E402

from annotator.suggest.rules import rule_suggestions  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def _base_rules(ref: str):
    """`rule_suggestions` as `ref` has it (its rules.py and rule_words.py, loaded under other names)."""
    folder = Path(tempfile.mkdtemp(prefix="rules-base-"))
    for name in ("rules", "rule_words"):
        source = subprocess.run(["git", "-C", str(ROOT), "show", f"{ref}:annotator/suggest/{name}.py"],
                                check=True, capture_output=True, text=True).stdout
        (folder / f"base_{name}.py").write_text(source.replace("annotator.suggest.rule_words", "base_rule_words"))
    sys.path.insert(0, str(folder))
    spec = importlib.util.spec_from_file_location("base_rules", folder / "base_rules.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.rule_suggestions


def _ms(fn, *args) -> float:
    start = time.perf_counter()
    fn(*args)
    return (time.perf_counter() - start) * 1000


def _translated(text: str, lang: str) -> str:
    para = {"fr": "Quelque 350 000 Syriens, pour la plupart des femmes et des enfants, ont fui Idlib depuis début "
                  "décembre, a déclaré jeudi l'ONU. Selon les secouristes, des dizaines de personnes sont disparues. ",
            "ar": "قالت الأمم المتحدة يوم الخميس إن نحو ٣٥٠٬٠٠٠ سوري فروا من إدلب منذ بداية ديسمبر، وبحسب "
                  "المسعفين فإن عشرات الأشخاص في عداد المفقودين. "}[lang]
    return ("\n\n".join([para] * (len(text) // (len(para) + 2) + 1)))[:len(text)]


def main() -> None:
    ref = sys.argv[1] if len(sys.argv) > 1 else "main"
    text = _article()
    base = _base_rules(ref)
    assert {s.key for s in base(text)} == {s.key for s in rule_suggestions(text)}, "the rules changed what they find"
    mine, theirs = [], []
    for _ in range(7):
        theirs.append(_ms(base, text))
        mine.append(_ms(rule_suggestions, text))
    fr, ar = _translated(text, "fr"), _translated(text, "ar")
    fr_ms = statistics.median(_ms(rule_suggestions, fr, "fr") for _ in range(5))
    ar_ms = statistics.median(_ms(rule_suggestions, ar, "ar") for _ in range(5))
    m, t = statistics.median(mine), statistics.median(theirs)
    print(f"rules_ms={m:.1f} base_rules_ms={t:.1f} ratio={m / t:.2f} fr_rules_ms={fr_ms:.1f} ar_rules_ms={ar_ms:.1f}")


if __name__ == "__main__":
    main()
