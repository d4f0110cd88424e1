"""Active time on a document: while it is open and the window active, pauses over two minutes left out.

Pure and clock-free: every call says when it happened (seconds on any monotonic clock). Time
runs from one sign of life (the document opened, the window activated, a key or a click) to
the next; a gap longer than PAUSE is a pause and counts nothing; an inactive window or a
closed document stops the time at the moment it happens (the gap before it counted as usual).
"""
from __future__ import annotations

from dataclasses import dataclass

PAUSE = 120.0  # seconds without a sign of life after which the gap is a pause, not work


@dataclass
class ActiveTime:
    """The active seconds of the one document open in one window."""

    document_id: int | None = None
    seconds: float = 0.0
    _last: float | None = None  # time of the last sign of life while running; None: stopped

    def open(self, document_id: int, at: float, active: bool = True) -> float:
        """A document opens (the previous one stops); returns the seconds of the one closed."""
        closed = self.stop(at)
        self.document_id, self.seconds = document_id, 0.0
        self._last = at if active else None
        return closed

    def touch(self, at: float) -> None:
        """A sign of life (key, click, scroll, an edit) at `at`."""
        if self.document_id is None or self._last is None:
            return  # nothing open, or the window is inactive: only activation starts the time again
        self._count(at)
        self._last = max(self._last, at)

    def activate(self, at: float) -> None:
        """The window became active again: time runs from now."""
        if self.document_id is not None and self._last is None:
            self._last = at

    def stop(self, at: float) -> float:
        """The window went inactive (or the document closes): the time up to now counts, then it stops."""
        if self._last is not None:
            self._count(at)
        self._last = None
        return self.seconds

    def _count(self, at: float) -> None:
        gap = at - self._last if self._last is not None else 0.0
        if 0 < gap <= PAUSE:
            self.seconds += gap
