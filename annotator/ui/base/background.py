"""The two ways to work off the GUI thread, both delivering through the relay on the GUI thread.

- BackgroundTask: one-off long work (import, merge, agreement, export, checks) in a QThread of its
  own, on a ProjectStore opened inside that thread, with progress; result or one-line error.
- NewestWins: repeated requests (list refreshes as one types, an opened document's tokens) on one
  named worker thread shared by every window; only the newest request's answer is delivered.

Results never come as signals emitted from a worker thread: `deliver` hands them to the relay,
which calls back on the GUI thread only if the owner still exists.
"""
from __future__ import annotations

import threading
import traceback
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, QThread, Signal

from annotator.core.errors import AnnotatorError
from annotator.services.project import ProjectStore

Progress = Callable[[int, int, str], None]  # (done, total, what)
_RUNNING: set["BackgroundTask"] = set()
Work = Callable[[ProjectStore, Progress], Any]


class _Worker(QObject):
    """Runs the work in the task's thread; everything it says goes to the task through the relay."""

    def __init__(self, project: Path, work: Work, task: "BackgroundTask") -> None:
        super().__init__()
        self.project, self.work, self.task = project, work, task

    def run(self) -> None:
        task = self.task
        try:
            with ProjectStore(self.project, create=False) as store:
                result = self.work(store, lambda d, t, what="": deliver(task, task._on_worker_progress, (d, t, what)))
        except AnnotatorError as exc:
            deliver(task, task._on_worker_failed, str(exc))
        except Exception as exc:  # noqa: BLE001 - shown to the user as one line, never a silent thread death
            traceback.print_exc()  # a bug: the details go to the terminal, the line to the dialog
            deliver(task, task._on_worker_failed, f"{type(exc).__name__}: {exc}")
        else:
            deliver(task, task._on_worker_succeeded, result)
        finally:
            self.thread().quit()  # the thread ends by itself, so waiting for it never needs the GUI thread


class BackgroundTask(QObject):
    """One run of `work(store, progress)` on a worker thread; signals arrive on the GUI thread."""

    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)
    finished = Signal()  # after succeeded or failed, once the thread has stopped

    def __init__(self, project: Path, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        make_relay()
        self._thread = QThread(self)
        self._worker = _Worker(project, work, self)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)

    def start(self) -> "BackgroundTask":
        _RUNNING.add(self)
        self._thread.start()
        return self

    @staticmethod
    def wait_all() -> None:
        """Block until every running task has ended (the app is quitting: never kill a writer)."""
        for task in list(_RUNNING):
            task._thread.wait()

    def is_running(self) -> bool:
        """Started and its result not yet delivered here (the thread itself may have ended already)."""
        return self in _RUNNING

    def _on_worker_progress(self, step: tuple[int, int, str]) -> None:
        self.progress.emit(*step)

    def _on_worker_succeeded(self, result: object) -> None:
        self._stop()
        self.succeeded.emit(result)
        self.finished.emit()

    def _on_worker_failed(self, message: str) -> None:
        self._stop()
        self.failed.emit(message)
        self.finished.emit()

    def _stop(self) -> None:
        self._thread.wait()
        _RUNNING.discard(self)


_LOCAL = threading.local()


def thread_store(project: Path) -> ProjectStore:
    """This thread's own connection to `project` (opened on first use, reopened for another file).

    For single-thread executors serving the GUI (token loading, list refreshes): SQLite
    connections must stay in the thread that made them."""
    store = getattr(_LOCAL, "store", None)
    if store is None or store.path != project:
        if store is not None:
            store.close()
        store = _LOCAL.store = ProjectStore(project, create=False)
    return store


class _Relay(QObject):
    """Lives on the GUI thread for the whole run: worker threads hand it results to deliver there."""

    arrived = Signal(object, object, object)  # owner, function, value

    def __init__(self) -> None:
        super().__init__()
        self.arrived.connect(self._on_arrived)  # emitted from workers: queued to this (the GUI) thread

    def _on_arrived(self, owner: QObject, function: Callable[[Any], None], value: Any) -> None:
        import shiboken6

        if shiboken6.isValid(owner):  # a window closed meanwhile: its result goes nowhere
            function(value)


_RELAY: list[_Relay] = []


def make_relay() -> None:
    """Create the relay; call on the GUI thread before any worker delivers."""
    if not _RELAY:
        _RELAY.append(_Relay())


def deliver(owner: QObject, function: Callable[[Any], None], value: Any) -> None:
    """From any thread: call function(value) on the GUI thread, unless `owner` is deleted by then.

    Emitting a signal of an object the GUI may have deleted meanwhile (a window closed while
    its list query or tokens were on their way) can crash the interpreter; the relay never goes."""
    _RELAY[0].arrived.emit(owner, function, value)


_WORKER_THREADS: dict[str, ThreadPoolExecutor] = {}


def worker_thread(name: str) -> ThreadPoolExecutor:
    """The one worker thread called `name`, shared by every window (made on first use)."""
    if name not in _WORKER_THREADS:
        _WORKER_THREADS[name] = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
    return _WORKER_THREADS[name]


class NewestWins(QObject):
    """request(function, *args) runs on the named worker thread; delivered(result) or failed(text)
    arrives on the GUI thread for the newest request only (older answers are dropped)."""

    delivered = Signal(object)
    failed = Signal(str)

    def __init__(self, thread_name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = worker_thread(thread_name)
        self._generation = 0
        self._last: Future | None = None
        make_relay()

    def request(self, function: Callable[..., Any], *args: Any) -> None:
        self._generation += 1
        generation = self._generation
        future = self._last = self._executor.submit(function, *args)
        future.add_done_callback(lambda f: deliver(self, lambda done: self._on_arrived(generation, done), f))

    def wait(self) -> None:
        """Block until the newest request has run (its answer still arrives through the relay)."""
        if self._last is not None:
            self._last.exception()  # waits; a failure is the `failed` signal's to report

    def _on_arrived(self, generation: int, future: Future) -> None:
        if generation != self._generation:
            return  # a newer request is on its way
        if future.exception() is not None:
            self.failed.emit(str(future.exception()))
            return
        self.delivered.emit(future.result())
