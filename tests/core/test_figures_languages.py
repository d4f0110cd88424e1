"""The claims parser in French, Spanish, Portuguese, Arabic, Persian, Ukrainian, Russian, German and Turkish."""
from __future__ import annotations

import pytest

from annotator.core.figures import FigureValue, parse_figure, read_number

E = "exact"


@pytest.mark.parametrize("lang,text,expected", [
    ("fr", "1 200", 1200), ("fr", "1\u00a0200", 1200), ("fr", "1\u202f200", 1200), ("fr", "1.200", 1200),
    ("fr", "1'200", 1200), ("fr", "1’200", 1200), ("fr", "3,5 millions", 3_500_000), ("es", "2,3 millones", 2_300_000),
    ("en", "2.1M", 2_100_000), ("en", "4k", 4000), ("en", "3 mln", 3_000_000), ("ru", "1,5 млн", 1_500_000),
    ("uk", "2,5 тис.", 2500), ("ar", "٣٥٠٬٠٠٠", 350_000), ("ar", "١٢", 12), ("fa", "۱۲", 12),
    ("fa", "۳۵۰٬۰۰۰", 350_000), ("ar", "٢٫٥ مليون", 2_500_000), ("fr", "trois", 3), ("fr", "deux millions", 2_000_000),
    ("fr", "mille", 1000), ("es", "cinco", 5), ("es", "dos mil", 2000), ("pt", "três", 3), ("ar", "ثلاثة", 3),
    ("uk", "п'ять", 5), ("ru", "семь", 7), ("de", "zwölf", 12), ("tr", "üç", 3), ("fr", "3 millions", 3_000_000),
    ("es", "12.500", 12_500), ("de", "1,5 Millionen", 1_500_000), ("ar", "مليون", 1_000_000),
])
def test_numbers_as_each_language_writes_them(lang, text, expected):
    assert parse_figure(text, lang=lang) == FigureValue(expected, expected, E)


@pytest.mark.parametrize("lang,before,text,expected", [
    ("fr", "«plus de ", "100", FigureValue(100, None, "at_least")),
    ("fr", "au moins ", "12", FigureValue(12, None, "at_least")),
    ("fr", "tués, environ ", "600", FigureValue(600, 600, "approximate")),
    ("fr", "près de ", "3,5 millions", FigureValue(3_500_000, 3_500_000, "approximate")),
    ("fr", "jusqu'à ", "80 000", FigureValue(None, 80_000, "at_most")),
    ("es", "al menos ", "20", FigureValue(20, None, "at_least")),
    ("es", "más de ", "1.400", FigureValue(1400, None, "at_least")),
    ("es", "unos ", "200", FigureValue(200, 200, "approximate")),
    ("es", "hasta ", "50", FigureValue(None, 50, "at_most")),
    ("ar", "قتل أكثر من ", "٣٠", FigureValue(30, None, "at_least")),
    ("ar", "نحو ", "200", FigureValue(200, 200, "approximate")),
    ("ar", "حوالي ", "١٥٠", FigureValue(150, 150, "approximate")),
    ("uk", "понад ", "100", FigureValue(100, None, "at_least")),
    ("uk", "щонайменше ", "12", FigureValue(12, None, "at_least")),
    ("uk", "близько ", "40", FigureValue(40, 40, "approximate")),
    ("ru", "более ", "100", FigureValue(100, None, "at_least")),
    ("ru", "не менее ", "12", FigureValue(12, None, "at_least")),
    ("ru", "около ", "40", FigureValue(40, 40, "approximate")),
    ("fa", "دست کم ", "۱۲", FigureValue(12, None, "at_least")),
    ("de", "mindestens ", "9", FigureValue(9, None, "at_least")),
])
def test_qualifiers_of_each_language(lang, before, text, expected):
    assert parse_figure(text, before, lang=lang) == expected


@pytest.mark.parametrize("lang,before,text,low,high", [
    ("fr", "", "entre 60 et 70", 60, 70), ("fr", "tués entre ", "60 et 70", 60, 70), ("fr", "", "de 10 à 20", 10, 20),
    ("es", "", "entre 60 y 70", 60, 70), ("ar", "", "بين 10 و20", 10, 20), ("ar", "", "بين ١٠ و ٢٠", 10, 20),
    ("uk", "", "від 10 до 20", 10, 20), ("ru", "", "от 10 до 20", 10, 20), ("fr", "", "2 à 3 millions", 2_000_000,
                                                                            3_000_000),
])
def test_ranges_of_each_language(lang, before, text, low, high):
    assert parse_figure(text, before, lang=lang) == FigureValue(low, high, "range")


@pytest.mark.parametrize("lang,text,low", [
    ("fr", "des dizaines", 10), ("fr", "dizaines", 10), ("fr", "des centaines", 100), ("fr", "des milliers", 1000),
    ("fr", "des dizaines de milliers", 10_000), ("fr", "des centaines de", 100), ("fr", "une douzaine", 12),
    ("es", "decenas", 10), ("es", "cientos", 100), ("es", "centenares", 100), ("es", "miles", 1000),
    ("es", "una docena", 12), ("ar", "عشرات", 10), ("ar", "مئات", 100), ("ar", "آلاف", 1000),
    ("ar", "عشرات الآلاف", 10_000), ("uk", "десятки", 10), ("uk", "сотні", 100), ("uk", "тисячі", 1000),
    ("ru", "десятки", 10), ("ru", "сотни", 100), ("ru", "тысячи", 1000), ("de", "Hunderte", 100),
    ("tr", "yüzlerce", 100), ("en", "dozens", 12), ("fr", "millions", 1_000_000),
])
def test_vague_words_of_each_language_mean_what_they_say(lang, text, low):
    assert parse_figure(text, lang=lang) == FigureValue(low, None, "vague")


def test_the_projects_table_is_read_over_the_languages_own():
    assert parse_figure("des dizaines", vague={"des dizaines": 20}, lang="fr") == FigureValue(20, None, "vague")
    assert parse_figure("des centaines", vague={"des dizaines": 20}, lang="fr") == FigureValue(100, None, "vague")
    assert parse_figure("des dizaines") == FigureValue()  # an English document has no French words


@pytest.mark.parametrize("lang,text", [
    ("fr", "3,5"), ("fr", "1,2345"), ("ru", "млн"), ("en", "k"), ("fr", "juin"),
    ("es", "2,3"), ("uk", "тис."), ("en", "2.1"), ("fr", "trois quatre"),
])
def test_what_cannot_be_read_stays_empty_in_every_language(lang, text):
    assert parse_figure(text, lang=lang) == FigureValue()


def test_read_number_takes_a_language():
    assert read_number("3,5 millions", "fr") == 3_500_000
    assert read_number("3,5 millions") is None  # English has no "millions" scale word after a decimal
