"""Active time: open document, active window, pauses over two minutes left out; a clock the test drives."""
from __future__ import annotations

from annotator.core.activity import PAUSE, ActiveTime


def test_time_runs_between_signs_of_life():
    t = ActiveTime()
    t.open(1, at=1000.0)
    for at in (1010.0, 1030.0, 1090.0):
        t.touch(at)
    assert t.stop(1100.0) == 100.0


def test_a_pause_over_two_minutes_counts_nothing_of_itself():
    t = ActiveTime()
    t.open(1, at=0.0)
    t.touch(30.0)
    t.touch(30.0 + PAUSE + 0.5)  # lunch: the whole gap is left out
    t.touch(30.0 + PAUSE + 10.5)
    assert t.seconds == 40.0
    t.touch(30.0 + PAUSE + 10.5 + PAUSE)  # exactly two minutes still counts
    assert t.seconds == 40.0 + PAUSE


def test_an_inactive_window_stops_the_time_until_it_is_active_again():
    t = ActiveTime()
    t.open(1, at=0.0)
    t.touch(20.0)
    t.stop(25.0)  # another window took the focus
    t.touch(90.0)  # an event while inactive (a repaint) starts nothing
    assert t.seconds == 25.0
    t.activate(100.0)
    t.touch(110.0)
    assert t.seconds == 35.0


def test_opening_another_document_closes_the_first_and_starts_from_zero():
    t = ActiveTime()
    t.open(1, at=0.0)
    t.touch(12.0)
    assert t.open(2, at=15.0) == 15.0
    assert (t.document_id, t.seconds) == (2, 0.0)
    t.touch(18.0)
    assert t.seconds == 3.0


def test_a_document_opened_in_an_inactive_window_waits_for_activation():
    t = ActiveTime()
    t.open(1, at=0.0, active=False)
    t.touch(50.0)  # not running: this only marks a start
    t.stop(60.0)
    assert t.seconds == 0.0


def test_a_clock_going_backwards_counts_nothing():
    t = ActiveTime()
    t.open(1, at=100.0)
    t.touch(90.0)
    assert t.seconds == 0.0
