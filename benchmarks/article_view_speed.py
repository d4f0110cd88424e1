"""The article view alone, this code against REF's in one process: opening ui_latency.py's 100 KB
article with 2,000 spans (set_article and the first full paint of a fresh view) and one label
keystroke (one span replaced, as relabelling does, and the frame it makes dirty painted); the
same for an Arabic article of that size (right to left, measured per character).

Usage: python benchmarks/article_view_speed.py [REF]   (REF: the git revision to compare with, default 73d92d8, the view before the article room)
Both run alternately (median of 5 opens, 30 keystrokes each), so load on the machine moves both alike.
Last line: view_open_ms=N base_view_open_ms=N open_ratio=N view_key_ms=N base_view_key_ms=N key_ratio=N
           ar_view_open_ms=N ar_view_key_ms=N
"""
from __future__ import annotations

import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))

from ui_latency import _article  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LABELS = ["ACTOR", "LOCATION", "FIGURE", "ATTRIBUTION"]
ARABIC = ("قالت الأمم المتحدة يوم الخميس إن نحو 350 ألف سوري فروا من إدلب منذ بداية ديسمبر، وبحسب "
          "المسعفين فإن عشرات الأشخاص في عداد المفقودين قرب مخيم أطمة. ")


def _base_view(ref: str):
    """ArticleView as `ref` has it (its article room's modules, loaded under other names)."""
    folder = Path(tempfile.mkdtemp(prefix="article-base-"))
    names = ("article_view", "label_chips", "link_painter")
    for name in names:
        source = subprocess.run(["git", "-C", str(ROOT), "show", f"{ref}:annotator/ui/article/{name}.py"],
                                check=True, capture_output=True, text=True).stdout
        for other in names:
            source = source.replace(f"annotator.ui.article.{other}", f"base_{other}")
        (folder / f"base_{name}.py").write_text(source)
    sys.path.insert(0, str(folder))
    spec = importlib.util.spec_from_file_location("base_article_view", folder / "base_article_view.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.ArticleView


def _spans(text: str):
    from annotator.core.model import Span
    from annotator.nlp.tokenizer import token_offsets

    tokens = [t for t in token_offsets(text) if text[t[0]:t[1]].isalpha()]
    return [Span(1, s, e, LABELS[i % 4], id=i + 1) for i, (s, e) in enumerate(tokens[:2000])]


def _set_spans(view, spans) -> None:
    if hasattr(view, "set_decorations"):
        view.set_decorations(spans=spans)
    else:
        view.set_spans(spans)


def _open(app, cls, text: str, spans, colours, lang: str):
    view = cls()
    view.resize(900, 760)
    view.colours = colours
    view.show()
    app.processEvents()
    start = time.perf_counter()
    if hasattr(view, "set_decorations"):
        view.set_article(text, spans, lang)
    else:
        view.set_article(text, spans)
    view.viewport().repaint()
    return view, (time.perf_counter() - start) * 1000


def _keystrokes(app, view, spans) -> float:
    from annotator.core.model import Span

    current, times = list(spans), []
    for i in range(30):  # relabel a span on screen: a new object in its place, the frame painted
        old = current[i * 3]
        current[i * 3] = Span(1, old.start, old.end, LABELS[(i + 1) % 4], id=old.id)
        start = time.perf_counter()
        _set_spans(view, current)
        app.processEvents()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QApplication

    from annotator.ui.article.article_view import ArticleView

    ref = sys.argv[1] if len(sys.argv) > 1 else "73d92d8"  # the view before the article room: main is this code now
    app = QApplication.instance() or QApplication([])
    base = _base_view(ref)
    colours = {label: QColor(c) for label, c in zip(LABELS, ["#0072b2", "#009e73", "#d55e00", "#cc79a7"])}
    text = _article()
    arabic = ("\n\n".join([ARABIC] * (len(text) // (len(ARABIC) + 2) + 1)))[:len(text)]
    cases = {"en": (text, _spans(text)), "ar": (arabic, _spans(arabic))}
    figures: dict[tuple[str, str], dict[str, list[float]]] = {}
    for _ in range(5):
        for lang, (body, spans) in cases.items():
            for name, cls in (("base", base), ("this", ArticleView)):
                view, opened = _open(app, cls, body, spans, colours, lang)
                key = _keystrokes(app, view, spans)
                got = figures.setdefault((lang, name), {"open": [], "key": []})
                got["open"].append(opened)
                got["key"].append(key)
                view.close()
                view.deleteLater()
                app.processEvents()
    m = {k: {f: statistics.median(v) for f, v in d.items()} for k, d in figures.items()}
    this, theirs, ar = m["en", "this"], m["en", "base"], m["ar", "this"]
    print(f"ar_base_view_open_ms={m['ar', 'base']['open']:.1f} ar_base_view_key_ms={m['ar', 'base']['key']:.2f} "
          f"(the base lays Arabic out left-aligned and measures it as if left to right)")
    print(f"view_open_ms={this['open']:.1f} base_view_open_ms={theirs['open']:.1f} "
          f"open_ratio={this['open'] / theirs['open']:.2f} view_key_ms={this['key']:.2f} "
          f"base_view_key_ms={theirs['key']:.2f} key_ratio={this['key'] / theirs['key']:.2f} "
          f"ar_view_open_ms={ar['open']:.1f} ar_view_key_ms={ar['key']:.2f}")


if __name__ == "__main__":
    main()
