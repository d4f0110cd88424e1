"""The shipped language detector: each of the project's languages from a news sentence or two, and no guess on too little."""
from __future__ import annotations

import pytest

from annotator.core.languages import language_code
from annotator.ingest.language import choose_language, detect_language

SAMPLES = {
    "en": "At least 12 civilians were killed in the shelling of the market, the spokesman said on Monday.",
    "fr": "Au moins 12 civils ont été tués dans le bombardement du marché, selon les autorités locales.",
    "es": "Al menos 12 civiles murieron en el bombardeo del mercado, según las autoridades locales.",
    "pt": "Pelo menos 12 civis foram mortos no bombardeio do mercado, segundo as autoridades locais.",
    "de": "Mindestens 12 Zivilisten wurden bei dem Beschuss des Marktes getötet, teilte die Polizei mit, "
          "die auch von vielen Verletzten sprach.",
    "tr": "Yerel yetkililere göre pazar yerine düzenlenen saldırıda en az 12 sivil öldü ve çok sayıda kişi yaralandı.",
    "ar": "قال مسؤول محلي إن أكثر من 30 شخصا قتلوا في القصف الذي استهدف السوق يوم الاثنين.",
    "fa": "به گفته مقامات محلی دست کم ۱۲ نفر در گلوله باران بازار کشته شدند و چند نفر زخمی شدند.",
    "uk": "За словами голови області, щонайменше 12 людей загинули під час обстрілу ринку в понеділок.",
    "ru": "По словам главы области, не менее 12 человек погибли при обстреле рынка в понедельник.",
}


@pytest.mark.parametrize("lang", SAMPLES)
def test_each_language_of_the_project_is_told_from_a_sentence(lang):
    assert detect_language(SAMPLES[lang]) == lang


def test_an_article_in_two_scripts_is_no_guess():
    assert detect_language(SAMPLES["en"] + " " + SAMPLES["ar"]) is None
    assert detect_language(SAMPLES["ar"] + " Reuters") == "ar"


def test_too_little_text_is_no_guess_and_the_default_is_used():
    assert detect_language("12 / 14 — 2024") is None
    assert choose_language(None, "OK 12", "fr", "a.txt").lang == "fr"


def test_metadata_wins_over_detection_and_an_unknown_code_is_one_line_naming_the_article():
    assert choose_language("FR-ca", SAMPLES["en"], "en", "a.jsonl").lang == "fr"
    choice = choose_language("french", SAMPLES["es"], "en", "a.jsonl: line 3")
    assert (choice.lang, choice.origin) == ("en", "default")  # the rule: a bad code, the default
    assert choice.problem == ("a.jsonl: line 3: unknown language code 'french' (not ISO 639-1); "
                              "the project default en is used")


def test_codes_are_iso_639_1():
    assert [language_code(c) for c in ("ar", " UK ", "pt_BR", "zz", "", None, 7)] == ["ar", "uk", "pt", None, None,
                                                                                      None, None]


def test_plain_ascii_text_is_told_from_its_first_lines_or_from_a_few_more():
    names = "KYIV / KHARKIV / ODESA / LVIV / DNIPRO / ZAPORIZHZHIA / MYKOLAIV / KHERSON / POLTAVA / SUMY " * 4
    assert len(names) > 300 and names.isascii()
    assert detect_language(names[:300]) is None  # a dateline of names: nothing to go on
    assert detect_language(names[:300] + SAMPLES["en"]) == "en"  # the lines after it decide
    spanish_ascii = "Segun la ONU, al menos 12 civiles murieron en el bombardeo del mercado y los heridos son mas de 30."
    assert spanish_ascii.isascii() and detect_language(spanish_ascii) == "es"  # no accents: by its words
    mixed = "the and of to in " * 2 + "le la les des du est et une un dans pour que qui sur " * 2
    assert detect_language(mixed) == "fr"  # English words present, but another language has more
