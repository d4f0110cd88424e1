"""Stacking levels for drawing overlapping spans: overlapping spans never share a level."""
from __future__ import annotations

import heapq
from typing import Sequence


def stack_levels(ranges: Sequence[tuple[int, int]]) -> list[int]:
    """Level of each [start, end) (0 = outermost/longest first), greedy interval colouring.

    Ranges are processed by start, longer first, so a nested span sits above its container.
    """
    keys = [(start, -end) for start, end in ranges]
    order = sorted(range(len(ranges)), key=keys.__getitem__)
    levels = [0] * len(ranges)
    busy: list[tuple[int, int]] = []  # (end, level) of ranges still open
    free: list[int] = []
    next_level = 0
    for i in order:
        start, end = ranges[i]
        while busy and busy[0][0] <= start:
            heapq.heappush(free, heapq.heappop(busy)[1])
        if free:
            level = heapq.heappop(free)
        else:
            level, next_level = next_level, next_level + 1
        levels[i] = level
        heapq.heappush(busy, (end, level))
    return levels
