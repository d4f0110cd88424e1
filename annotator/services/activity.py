"""Recording an annotator's active time per document in the project (one stretch per document opening)."""
from __future__ import annotations

import time
from typing import Callable

from annotator.core.activity import ActiveTime
from annotator.storage import ProjectStore
from annotator.storage import team_store as ts

FLUSH_EVERY = 30.0  # seconds of clock between writes of a running stretch (a kill loses at most this)


class ActivityRecorder:
    """Feeds ActiveTime from the window's events and stores each stretch; `clock` is injectable for tests."""

    def __init__(self, store: ProjectStore, annotator: str, clock: Callable[[], float] = time.monotonic) -> None:
        self.store, self.annotator, self.clock = store, annotator, clock
        self.time = ActiveTime()
        self._stretch: str | None = None
        self._written = 0.0
        self._flushed_at = 0.0
        self.active = True

    def open(self, document_id: int | None) -> None:
        """A document opened (None: none open any more)."""
        now = self.clock()
        self.time.stop(now)
        self.flush()
        self._stretch = None
        if document_id is None:
            self.time = ActiveTime()
            return
        self.time.open(document_id, now, self.active)
        self._written, self._flushed_at = 0.0, now

    def touch(self) -> None:
        now = self.clock()
        self.time.touch(now)
        if now - self._flushed_at >= FLUSH_EVERY:
            self.flush()

    def set_active(self, active: bool) -> None:
        self.active = active
        now = self.clock()
        if active:
            self.time.activate(now)
        else:
            self.time.stop(now)
            self.flush()

    def flush(self) -> None:
        """Write the running stretch's seconds, if they grew (a stretch is stored once it has time)."""
        doc, seconds = self.time.document_id, self.time.seconds
        self._flushed_at = self.clock()
        if doc is None or seconds <= self._written:
            return
        if self._stretch is None:
            self._stretch = ts.start_stretch(self.store, doc, self.annotator)
        ts.set_stretch_seconds(self.store, self._stretch, seconds)
        self._written = seconds

    def close(self) -> None:
        self.open(None)


def active_seconds(store: ProjectStore, annotator: str | None = None) -> dict[tuple[int, str], float]:
    """(document, annotator) -> active seconds stored."""
    return ts.active_seconds(store, annotator)
