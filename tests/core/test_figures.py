from __future__ import annotations

import pytest

from annotator.core.figures import DEFAULT_VAGUE, FigureValue, parse_figure, read_number


@pytest.mark.parametrize("text,expected", [
    ("17", 17),
    ("2,300", 2300),
    ("350,000", 350_000),
    ("350.000", 350_000),
    ("350 000", 350_000),
    ("350\u00a0000", 350_000),
    ("350\u202f000", 350_000),
    ("1,250,000", 1_250_000),
    ("4.5 million", 4_500_000),
    ("4,5 million", 4_500_000),
    ("1.25 thousand", 1_250),
    ("400 thousand", 400_000),
    ("2 billion", 2_000_000_000),
    ("3.2 bn", 3_200_000_000),
    ("six", 6),
    ("Six", 6),
    ("twenty-one", 21),
    ("two million", 2_000_000),
    ("one hundred and fifty thousand", 150_000),
    ("a hundred", 100),
    ("three hundred thousand", 300_000),
    ("nineteen", 19),
    ("\u0663\u0665\u0660", 350),  # Arabic-Indic digits
])
def test_exact_numbers(text, expected):
    assert parse_figure(text) == FigureValue(expected, expected, "exact")


@pytest.mark.parametrize("text", [
    "", "   ", "4.5", "1.5", "5%", "a 9-year-old", "350,00", "1,2345", "people", "twenty twenty",
    "one two", "nineteen five", "hundred", "million", "2 to", "-5", "1990s", "fifteen hundred and",
    "1,000 to 500", "70-60", "²", "3²", "½", "Ⅻ",
])
def test_what_cannot_be_read_stays_empty(text):
    assert parse_figure(text) == FigureValue(None, None, None)
    assert parse_figure(text).attrs() == {}


@pytest.mark.parametrize("before,text,expected", [
    ("Some ", "350,000", FigureValue(350_000, 350_000, "approximate")),
    ("killing about ", "600", FigureValue(600, 600, "approximate")),
    ("nearly ", "3 million", FigureValue(3_000_000, 3_000_000, "approximate")),
    ("an estimated ", "2,000", FigureValue(2000, 2000, "approximate")),
    ("close to ", "90", FigureValue(90, 90, "approximate")),
    ("At least ", "9", FigureValue(9, None, "at_least")),
    ("more than ", "1,400", FigureValue(1400, None, "at_least")),
    ("no fewer than ", "40", FigureValue(40, None, "at_least")),
    ("upwards of ", "5,000", FigureValue(5000, None, "at_least")),
    ("up to ", "80,000", FigureValue(None, 80_000, "at_most")),
    ("no more than ", "12", FigureValue(None, 12, "at_most")),
    ("fewer than ", "ten", FigureValue(None, 10, "at_most")),
    ("killed ", "21", FigureValue(21, 21, "exact")),
    ("handsome ", "21", FigureValue(21, 21, "exact")),  # "some" only as a word
    ("at least\n", "9", FigureValue(9, None, "at_least")),
])
def test_the_qualifier_before_sets_the_precision(before, text, expected):
    assert parse_figure(text, before) == expected


def test_a_qualifier_left_inside_the_span_counts_too():
    assert parse_figure("at least 9") == FigureValue(9, None, "at_least")
    assert parse_figure("up to 80,000", "killed some ") == FigureValue(None, 80_000, "at_most")


@pytest.mark.parametrize("text,low,high", [
    ("between 800 and 1,000", 800, 1000),
    ("between 60 and 70", 60, 70),
    ("Between sixty and seventy", 60, 70),
    ("800 to 1,000", 800, 1000),
    ("from 800 to 1,000", 800, 1000),
    ("800-1,000", 800, 1000),
    ("800 \u2013 1,000", 800, 1000),
    ("2 to 3 million", 2_000_000, 3_000_000),
    ("2-3 million", 2_000_000, 3_000_000),
    ("500 to 2 million", 500, 2_000_000),
    ("twenty-one to thirty", 21, 30),
])
def test_ranges(text, low, high):
    assert parse_figure(text, "at least ") == FigureValue(low, high, "range")


def test_between_before_the_span_makes_a_range():
    assert parse_figure("800 and 1,000", "killed between ") == FigureValue(800, 1000, "range")
    assert parse_figure("800", "killed between ") == FigureValue(800, 800, "exact")


@pytest.mark.parametrize("text,low", [
    ("dozens", 12), ("Dozens", 12), ("tens of thousands", 10_000), ("several", 3), ("a few", 3),
    ("hundreds of thousands", 100_000), ("a dozen", 12), ("scores", 20), ("thousands of", 1000),
    ("several hundred", 300), ("a few thousand", 3000),
])
def test_vague_quantities_come_from_the_table(text, low):
    assert parse_figure(text, "at least ") == FigureValue(low, None, "vague")


def test_the_projects_own_table_replaces_the_default():
    table = {"Dozens": 24, "a handful": 5}
    assert parse_figure("dozens", vague=table) == FigureValue(24, None, "vague")
    assert parse_figure("a handful", vague=table) == FigureValue(5, None, "vague")
    assert parse_figure("tens", vague=table) == FigureValue()
    assert parse_figure("tens") == FigureValue(10, None, "vague")
    assert DEFAULT_VAGUE["dozens"] == 12


def test_attrs_leaves_out_what_is_empty():
    assert FigureValue(9, None, "at_least").attrs() == {"low": 9, "precision": "at_least"}
    assert FigureValue(5, 5, "exact").attrs() == {"low": 5, "high": 5, "precision": "exact"}


def test_read_number_alone():
    assert read_number("1,000") == 1000
    assert read_number("some") is None


def test_random_text_never_crashes_and_never_gives_an_impossible_reading():
    import random

    from annotator.core.figures import PRECISIONS

    rng = random.Random(12)
    pieces = ["1", "0", "350", ",", ".", " ", "\u00a0", "-", "\u2013", "to", "and", "between", "million", "thousand",
              "some", "at least", "up to", "dozens", "twenty", "one", "hundred", "a", "of", "%", "\u0663", "k", "'",
              "\u2019", "é", "🚀", "\n", "bn", "from", "several", "tens", "²", "½"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) + rng.choice(["", " "]) for _ in range(rng.randint(0, 7)))
        before = "".join(rng.choice(pieces) + " " for _ in range(rng.randint(0, 3)))
        value = parse_figure(text, before)
        assert value.precision in (*PRECISIONS, None), (text, value)
        if value.low is not None and value.high is not None:
            assert value.low <= value.high, (text, value)
        if value.precision is None:
            assert value == FigureValue(), (text, value)
        if value.precision == "exact":
            assert value.low == value.high is not None, (text, value)


def test_a_number_no_count_can_have_is_left_empty_not_a_crash():
    assert parse_figure("9" * 5000) == FigureValue()  # int() refuses past 4,300 digits
    assert parse_figure("between 1 and " + "9" * 40) == FigureValue()
    assert parse_figure("123,456,789,012,345").low == 123456789012345  # 15 digits still read
