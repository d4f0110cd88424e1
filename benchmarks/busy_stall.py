"""The window while another process holds the project's write lock: the longest stall of a label keystroke.

Usage: python benchmarks/busy_stall.py
Last line: longest_stall_ms=N longest_key_ms=N baseline_stall_ms=N max_waiting=N keys=N written=N
A child process takes the write lock (BEGIN IMMEDIATE, as a long merge or import does) and
holds it for 3 s while the window labels a word every 100 ms (select, key, process events).
longest_stall_ms: the longest gap between ticks of a 5 ms heartbeat timer, minus 5 ms (the
event loop blocked by anything: keystrokes, retries of waiting edits); longest_key_ms: one
keystroke until control returns. The baseline is the same keystrokes in the same process
with nobody else writing. written: spans in the file after the lock freed (all must land).
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HOLDER = textwrap.dedent("""
    import sqlite3, sys, time
    conn = sqlite3.connect(sys.argv[1], isolation_level=None)
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("INSERT INTO project_meta VALUES ('bench_lock', 'x') ON CONFLICT DO NOTHING")
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
    conn.execute("ROLLBACK")
""")
WORDS = 30


def _prepare(folder: Path) -> Path:
    from annotator.core.model import NewArticle
    from annotator.storage import ProjectStore

    text = " ".join(f"Rebels{i} said {i} civilians fled Idlib{i}." for i in range(WORDS * 3))
    path = folder / "busy.db"
    with ProjectStore(path) as store:
        store.import_articles([NewArticle(text=text, title="Busy"), NewArticle(text=text + " Again.", title="Two")])
    return path


class Heartbeat:
    """A 5 ms timer; the longest gap between its ticks is the longest the event loop was blocked."""

    def __init__(self) -> None:
        from PySide6.QtCore import QTimer

        self.gaps: list[float] = []
        self._last = time.perf_counter()
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.gaps, self._last = [], time.perf_counter()
        self._timer.start()

    def stop(self) -> float:
        self._timer.stop()
        return max(self.gaps) - 5 if self.gaps else 0.0

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append((now - self._last) * 1000)
        self._last = now


def _keystrokes(window, app, doc_text: str, offset: int, key: str, waiting: list[int]) -> list[float]:
    from PySide6.QtTest import QTest

    times = []
    for i in range(offset, offset + WORDS):
        start = doc_text.index(f"Rebels{i} ")
        window.article.select_range(start, start + len(f"Rebels{i}"))
        t0 = time.perf_counter()
        QTest.keyClick(window.article, key)
        app.processEvents()
        times.append((time.perf_counter() - t0) * 1000)
        waiting.append(len(window.workspace.pending))
        deadline = time.perf_counter() + 0.1
        while time.perf_counter() < deadline:
            app.processEvents()
    return times


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from annotator.storage import ProjectStore
    from annotator.ui.app.main_window import MainWindow
    from annotator.ui.app.settings import AppSettings

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        project = _prepare(folder)
        window = MainWindow(project, AppSettings(folder / "s.ini"), "bench")
        window.show()
        app.processEvents()
        window.workspace.open_document(1)
        text = window.workspace.document.text
        from annotator.nlp.tokenizer import blank_nlp
        blank_nlp()  # spaCy loaded before timing: the first keystroke must not pay for it
        _keystrokes(window, app, text, WORDS * 2, "3", [])  # warm-up
        beat, waiting = Heartbeat(), []
        beat.start()
        baseline = _keystrokes(window, app, text, 0, "1", waiting)
        baseline_stall = beat.stop()
        holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(project), "3"], stdout=subprocess.PIPE, text=True)
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        beat.start()
        busy = _keystrokes(window, app, text, WORDS, "2", waiting)
        holder.wait()
        deadline = time.perf_counter() + 5
        while len(window.workspace.pending) and time.perf_counter() < deadline:
            app.processEvents()
        stall = beat.stop()
        with ProjectStore(project) as store:
            written = len(store.spans(1, "bench"))
        window.close()
    print(f"longest_stall_ms={stall:.1f} longest_key_ms={max(busy):.1f} baseline_stall_ms={baseline_stall:.1f} "
          f"max_waiting={max(waiting)} keys={len(baseline) + len(busy)} written={written}")


if __name__ == "__main__":
    main()
