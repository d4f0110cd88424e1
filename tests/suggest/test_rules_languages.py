"""Rule suggestions per language: the cues, the counts, and the distractors (dates, ages, per cent, money, ids, names)."""
from __future__ import annotations

import pytest

from annotator.suggest.rules import rule_suggestions


def _found(text: str, lang: str, label: str) -> list[str]:
    return [text[s.start:s.end] for s in rule_suggestions(text, lang) if s.label == label]


@pytest.mark.parametrize("lang,text,figures", [
    ("fr", "BAMAKO, 17 juin 2024 (AFP) - Au moins 12 civils ont été tués.", ["12"]),
    ("fr", "Le gouvernement estime que 3,5 millions de personnes ont besoin d'aide, soit 15 % de la population.",
     ["3,5 millions"]),
    ("fr", "«plus de 100» personnes ont fui, dont des dizaines d'enfants.", ["100", "des dizaines"]),
    ("fr", "Un homme âgé de 34 ans et deux enfants ont été blessés; la résolution 2254 reste lettre morte.", ["deux"]),
    ("fr", "Les combattants de l'Alliance des trois fraternités ont tué 8 soldats.", ["8"]),
    ("fr", "Le Rapport de situation n° 14 recense entre 60 et 70 morts et 1 200 blessés.", ["entre 60 et 70", "1 200"]),
    ("fr", "Une aide de 5 millions d'euros et 12 tentes pour 2.1M de déplacés.", ["2.1M"]),
    ("es", "BOGOTÁ, 4 de mayo de 2024 - Al menos nueve soldados murieron y 2.300 personas huyeron.", ["nueve", "2.300"]),
    ("es", "Un hombre de 45 años murió; la inflación subió un 12 por ciento y se pagaron 12 millones de dólares.", []),
    ("ar", "الخرطوم، 15 أبريل 2024 - قتل أكثر من ٣٠ شخصا وأصيب رجل يبلغ من العمر 60 عاما.", ["٣٠"]),
    ("ar", "نزح نحو ٣٥٠٬٠٠٠ شخص، وارتفعت الأسعار بنسبة 50 في المئة، ويطالب القرار رقم 2254 بوقف النار.",
     ["٣٥٠٬٠٠٠"]),
    ("uk", "24 лютого 2022 року загинули щонайменше 12 людей і 15-річний хлопець; знищено 30 % мереж.", ["12"]),
    ("uk", "Уряд виділив 500 мільйонів гривень, а тисячі родин досі без житла.", ["тисячі"]),
    ("ru", "Резолюция 2231 не выполняется, а 1,5 млн беженцев и 40-летний мужчина не вернулись 12 марта 2024 года.",
     ["1,5 млн"]),
])
def test_figures_and_their_distractors(lang, text, figures):
    assert _found(text, lang, "FIGURE") == figures


@pytest.mark.parametrize("lang,text,cues", [
    ("fr", "Selon l'ONU, 12 morts, a déclaré le porte-parole, qui a également indiqué que d'après lui...",
     ["Selon", "a déclaré", "a également indiqué", "d'après"]),
    ("es", "Según la ONU, dijo el ministro, que ha señalado que, de acuerdo con fuentes, informó la policía.",
     ["Según", "dijo", "ha señalado", "de acuerdo con", "informó"]),
    ("ar", "قال المسؤول إن القصف مستمر، وأعلنت الوزارة، بحسب بيان، وفقا لـ مصدر، وأفاد شاهد.",
     ["قال", "وأعلنت", "بحسب", "وفقا لـ", "وأفاد"]),
    ("uk", "За словами мера, загинули 3 людини, заявив голова, повідомила поліція.",
     ["За словами", "заявив", "повідомила"]),
    ("ru", "По словам мэра и по данным МЧС, сообщил губернатор, заявил министр.",
     ["По словам", "по данным", "сообщил", "заявил"]),
    ("fr", "Le maire a lancé un appel : « Venez nous aider ».", [":"]),
])
def test_attribution_cues_of_each_language(lang, text, cues):
    assert _found(text, lang, "ATTRIBUTION") == cues


def test_rule_figures_carry_the_reading_in_the_documents_language():
    (figure,) = [s for s in rule_suggestions("Plus de 3,5 millions de déplacés.", "fr") if s.label == "FIGURE"]
    assert dict(figure.attrs) == {"low": 3_500_000, "precision": "at_least"}
    (figure,) = [s for s in rule_suggestions("قتل نحو ٢٠٠ شخص.", "ar") if s.label == "FIGURE"]
    assert dict(figure.attrs) == {"low": 200, "high": 200, "precision": "approximate"}


def test_a_language_without_rules_of_its_own_is_read_with_the_english_ones():
    text = "At least 12 people were killed, the UN said."
    assert rule_suggestions(text, "yo") == rule_suggestions(text)


def test_the_rules_take_one_pass_whatever_the_number_of_cues():
    """Many 'according to' spans and verbs: the old check compared each verb with every span taken."""
    text = "According to the UN, 5 died, officials said. " * 3000
    found = rule_suggestions(text)
    assert sum(s.label == "ATTRIBUTION" for s in found) == 6000
    assert sum(s.label == "FIGURE" for s in found) == 3000
