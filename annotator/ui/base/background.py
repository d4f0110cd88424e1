"""Run long work (import, merge, agreement, export) off the GUI thread on its own project connection.

The function runs in a QThread and gets a ProjectStore opened inside that thread (SQLite
connections stay in the thread that made them) and a progress callback; its result or its
one-line error comes back as a queued signal on the GUI thread.
"""
from __future__ import annotations

import threading
import traceback
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QObject, QThread, Signal

from annotator.core.errors import AnnotatorError
from annotator.services.project import ProjectStore

Progress = Callable[[int, int, str], None]  # (done, total, what)
_RUNNING: set["BackgroundTask"] = set()
Work = Callable[[ProjectStore, Progress], Any]


class _Worker(QObject):
    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(self, project: Path, work: Work) -> None:
        super().__init__()
        self.project, self.work = project, work

    def run(self) -> None:
        try:
            with ProjectStore(self.project, create=False) as store:
                result = self.work(store, lambda d, t, what="": self.progress.emit(d, t, what))
        except AnnotatorError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 - shown to the user as one line, never a silent thread death
            traceback.print_exc()  # a bug: the details go to the terminal, the line to the dialog
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.succeeded.emit(result)
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
        self._thread = QThread(self)
        self._worker = _Worker(project, work)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        self._worker.progress.connect(self.progress)
        self._worker.succeeded.connect(self._on_worker_succeeded)
        self._worker.failed.connect(self._on_worker_failed)

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
