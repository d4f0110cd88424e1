"""Edits waiting for the project's write lock: the window never freezes while another program writes.

The window's connection waits at most BUSY_WAIT_MS for the lock. An edit that finds it held
is queued (the status bar says so) and retried by a timer, in order, as the same action the
keystroke made, so it lands with its undo step as usual. Edits made while others wait join
the queue behind them. If the lock stays held for GIVE_UP_S, the waiting edits are refused
visibly and the document is reloaded: nothing is lost silently.
"""
from __future__ import annotations

import time
from collections import deque
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from annotator.core.errors import AnnotatorError, BusyError
from annotator.core.wording import plural

BUSY_WAIT_MS = 40  # the longest a keystroke waits for the lock on the GUI thread
RETRY_MS = 150
GIVE_UP_S = 60.0
TICK_BUDGET_S = 0.02  # writing waiting edits: at most this long per turn of the event loop

Action = Callable[[], None]


class PendingWrites(QObject):
    """A queue of edits (closures over the service) written in order when the lock frees."""

    waiting = Signal(int)  # edits waiting now (0: all written)
    message = Signal(str)  # one line for the status bar
    refused = Signal()  # the waiting edits were given up: the owner reloads the document

    def __init__(self, on_error: Callable[[str], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._queue: deque[Action] = deque()
        self._on_error = on_error
        self._since = 0.0
        self._written = 0  # edits of the current wait written so far
        self._timer = QTimer(self)
        self._timer.setInterval(RETRY_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

    def __len__(self) -> int:
        return len(self._queue)

    def submit(self, action: Action) -> None:
        """Run `action` now, or queue it behind the edits still waiting (order is kept)."""
        if self._queue:
            self._queue.append(action)
            self._announce()
            return
        try:
            action()
        except BusyError:
            self._queue.append(action)
            self._since = time.monotonic()
            self._timer.start()
            self._announce()
        except AnnotatorError as exc:
            self._on_error(str(exc))

    def _on_timer_timeout(self) -> None:
        """Write waiting edits in order, a few per tick (TICK_BUDGET_S) so that a long queue
        freed at once never blocks the window either."""
        started = time.monotonic()
        while self._queue:
            if self._written and time.monotonic() - started > TICK_BUDGET_S:
                self._timer.setInterval(0)  # more next turn of the event loop, after input and paint
                self._announce()
                return
            try:
                self._queue[0]()
            except BusyError:
                self._timer.setInterval(RETRY_MS)
                if time.monotonic() - self._since > GIVE_UP_S:
                    self._give_up()
                elif self._written:
                    self._announce()
                return
            except AnnotatorError as exc:
                self._on_error(str(exc))  # e.g. the span changed meanwhile: reported, the rest goes on
            self._queue.popleft()
            self._written += 1
            self._since = time.monotonic()
        self._timer.stop()
        self._timer.setInterval(RETRY_MS)
        self.waiting.emit(0)
        self.message.emit(f"Saved {plural(self._written, 'waiting edit')}.")
        self._written = 0

    def drain(self) -> int:
        """Write every waiting edit now, in order (before the workspace goes away); returns how many
        had to be refused because the lock stayed held (said in one line, never dropped silently)."""
        self._timer.stop()
        while self._queue:
            try:
                self._queue[0]()
            except BusyError:
                count = len(self._queue)
                self._give_up()
                return count
            except AnnotatorError as exc:
                self._on_error(str(exc))
            self._queue.popleft()
        self.waiting.emit(0)
        return 0

    def _give_up(self) -> None:
        count = len(self._queue)
        self._queue.clear()
        self._written = 0
        self._timer.stop()
        self.waiting.emit(0)
        self.message.emit(f"Could not save {plural(count, 'edit')}: another program kept the project locked for "
                          f"{GIVE_UP_S:.0f} s; the document is reloaded, please redo them.")
        self.refused.emit()

    def _announce(self) -> None:
        self.waiting.emit(len(self._queue))
        self.message.emit(f"{plural(len(self._queue), 'edit')} waiting: another program is writing to the project; "
                          "they are saved as soon as it has finished.")
