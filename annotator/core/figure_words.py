"""The words FIGUREs are written with, per language: qualifiers, vague quantities, scales, small number words.

Data only (DOMAIN.md, "Other languages"): each language's tables are read together with
English ones, since English phrases turn up in every language's news copy. The vague words
mean what the word means, never a guess: "des dizaines" is tens (10), "مئات" hundreds (100).
"""
from __future__ import annotations

# precision -> qualifier phrases (lower case), per language
QUALIFIERS: dict[str, dict[str, tuple[str, ...]]] = {
    "fr": {"approximate": ("environ", "près de", "quelque", "quelques", "autour de", "presque", "pratiquement",
                           "approximativement", "une estimation de", "un total estimé à", "estimés à", "estimé à",
                           "aux alentours de", "plus ou moins", "quasiment"),
           "at_least": ("plus de", "au moins", "d'au moins", "au minimum", "pas moins de", "plus d'", "au-delà de"),
           "at_most": ("jusqu'à", "au plus", "au maximum", "moins de", "moins d'", "pas plus de")},
    "es": {"approximate": ("unos", "unas", "alrededor de", "cerca de", "casi", "aproximadamente", "en torno a",
                           "un estimado de", "una cifra estimada de", "estimados", "poco menos de"),
           "at_least": ("al menos", "más de", "por lo menos", "como mínimo", "no menos de"),
           "at_most": ("hasta", "como máximo", "a lo sumo", "menos de", "no más de")},
    "pt": {"approximate": ("cerca de", "quase", "aproximadamente", "em torno de", "por volta de", "uns", "umas"),
           "at_least": ("pelo menos", "mais de", "no mínimo", "ao menos"),
           "at_most": ("até", "no máximo", "menos de")},
    "ar": {"approximate": ("نحو", "حوالي", "حوالى", "قرابة", "زهاء", "ما يقارب", "ما يقرب من", "تقريبا", "قرابة"),
           "at_least": ("أكثر من", "ما لا يقل عن", "لا يقل عن", "على الأقل", "أزيد من", "ما يزيد عن",
                        "ما يزيد على", "اكثر من"),
           "at_most": ("حتى", "أقل من", "ما يصل إلى", "ما لا يزيد عن", "اقل من")},
    "fa": {"approximate": ("حدود", "حدودا", "نزدیک به", "تقریبا", "حدود"),
           "at_least": ("دست کم", "دست‌کم", "بیش از", "حداقل", "بیشتر از"),
           "at_most": ("تا", "حداکثر", "کمتر از")},
    "uk": {"approximate": ("близько", "майже", "приблизно", "понад майже", "біля", "орієнтовно"),
           "at_least": ("понад", "щонайменше", "не менше", "не менше ніж", "більше", "більш ніж", "більше ніж",
                        "принаймні", "як мінімум"),
           "at_most": ("до", "не більше", "не більше ніж", "менше", "менше ніж", "щонайбільше")},
    "ru": {"approximate": ("около", "почти", "примерно", "приблизительно", "порядка", "около"),
           "at_least": ("более", "не менее", "свыше", "больше", "по меньшей мере", "как минимум", "минимум",
                        "более чем", "не менее чем"),
           "at_most": ("до", "не более", "не более чем", "менее", "меньше", "максимум")},
    "de": {"approximate": ("etwa", "rund", "ungefähr", "fast", "knapp", "circa", "ca."),
           "at_least": ("mindestens", "mehr als", "über", "wenigstens"),
           "at_most": ("bis zu", "höchstens", "weniger als", "maximal")},
    "tr": {"approximate": ("yaklaşık", "yaklaşik", "civarında", "kadar"),
           "at_least": ("en az", "-den fazla", "fazla"),
           "at_most": ("en fazla", "en çok")},
}

# Vague quantities per language, the project's default table for documents in it
VAGUE: dict[str, dict[str, int]] = {
    "fr": {"dizaines": 10, "des dizaines": 10, "centaines": 100, "des centaines": 100, "milliers": 1_000,
           "des milliers": 1_000, "dizaines de milliers": 10_000, "des dizaines de milliers": 10_000,
           "centaines de milliers": 100_000, "des centaines de milliers": 100_000, "millions": 1_000_000,
           "des millions": 1_000_000, "une douzaine": 12, "douzaines": 12, "des douzaines": 12, "plusieurs": 3,
           "une dizaine": 10, "une centaine": 100, "un millier": 1_000, "une vingtaine": 20},
    "es": {"decenas": 10, "docenas": 12, "una docena": 12, "cientos": 100, "centenares": 100, "miles": 1_000,
           "decenas de miles": 10_000, "cientos de miles": 100_000, "millones": 1_000_000, "varios": 3,
           "varias": 3, "una decena": 10, "un centenar": 100, "un millar": 1_000},
    "pt": {"dezenas": 10, "centenas": 100, "milhares": 1_000, "dezenas de milhares": 10_000,
           "centenas de milhares": 100_000, "milhões": 1_000_000, "vários": 3, "várias": 3, "uma dúzia": 12},
    "ar": {"عشرات": 10, "مئات": 100, "المئات": 100, "آلاف": 1_000, "الآلاف": 1_000, "عشرات الآلاف": 10_000,
           "مئات الآلاف": 100_000, "ملايين": 1_000_000, "عدة": 3, "بضعة": 3, "بضع": 3, "العشرات": 10},
    "fa": {"ده‌ها": 10, "دهها": 10, "صدها": 100, "هزاران": 1_000, "ده‌ها هزار": 10_000, "چندین": 3},
    "uk": {"десятки": 10, "десятків": 10, "сотні": 100, "сотень": 100, "тисячі": 1_000, "тисяч": 1_000,
           "десятки тисяч": 10_000, "сотні тисяч": 100_000, "мільйони": 1_000_000, "кілька": 3, "декілька": 3},
    "ru": {"десятки": 10, "десятков": 10, "сотни": 100, "сотен": 100, "тысячи": 1_000, "тысяч": 1_000,
           "десятки тысяч": 10_000, "сотни тысяч": 100_000, "миллионы": 1_000_000, "несколько": 3},
    "de": {"dutzende": 12, "hunderte": 100, "tausende": 1_000, "zehntausende": 10_000,
           "hunderttausende": 100_000, "millionen": 1_000_000, "mehrere": 3, "einige": 3},
    "tr": {"onlarca": 10, "düzinelerce": 12, "yüzlerce": 100, "binlerce": 1_000, "on binlerce": 10_000,
           "yüz binlerce": 100_000, "milyonlarca": 1_000_000, "birkaç": 3},
}

# Scale words and abbreviations after a number ("3,5 millions", "1,5 млн", "2.1M", "4k")
SCALES: dict[str, dict[str, int]] = {
    "en": {"k": 1_000, "m": 1_000_000},
    "fr": {"mille": 1_000, "million": 1_000_000, "millions": 1_000_000, "milliard": 1_000_000_000,
           "milliards": 1_000_000_000, "cent": 100, "cents": 100, "md": 1_000_000_000},
    "es": {"mil": 1_000, "millón": 1_000_000, "millon": 1_000_000, "millones": 1_000_000, "cien": 100,
           "ciento": 100, "mil millones": 1_000_000_000},
    "pt": {"mil": 1_000, "milhão": 1_000_000, "milhões": 1_000_000, "bilhão": 1_000_000_000, "cem": 100},
    "ar": {"ألف": 1_000, "آلاف": 1_000, "الف": 1_000, "مليون": 1_000_000, "ملايين": 1_000_000, "مئة": 100,
           "مائة": 100, "مليار": 1_000_000_000},
    "fa": {"هزار": 1_000, "میلیون": 1_000_000, "صد": 100},
    "uk": {"тис": 1_000, "тис.": 1_000, "тисяч": 1_000, "тисячі": 1_000, "тисяча": 1_000, "млн": 1_000_000,
           "млн.": 1_000_000, "мільйон": 1_000_000, "мільйони": 1_000_000, "мільйонів": 1_000_000,
           "млрд": 1_000_000_000},
    "ru": {"тыс": 1_000, "тыс.": 1_000, "тысяч": 1_000, "тысячи": 1_000, "тысяча": 1_000, "млн": 1_000_000,
           "млн.": 1_000_000, "миллион": 1_000_000, "миллиона": 1_000_000, "миллионов": 1_000_000,
           "млрд": 1_000_000_000},
    "de": {"tausend": 1_000, "million": 1_000_000, "millionen": 1_000_000, "mio": 1_000_000, "mio.": 1_000_000,
           "milliarden": 1_000_000_000, "hundert": 100},
    "tr": {"bin": 1_000, "milyon": 1_000_000, "milyar": 1_000_000_000, "yüz": 100},
}

# Small number words (one word each; compounds such as "vingt-deux" are read digit by digit by people)
NUMBER_WORDS: dict[str, dict[str, int]] = {
    "fr": dict(zip("un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze "
                   "seize vingt trente quarante cinquante soixante".split(),
                   [1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 20, 30, 40, 50, 60])),
    "es": dict(zip("uno una un dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince "
                   "veinte treinta cuarenta cincuenta".split(),
                   [1, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 20, 30, 40, 50])),
    "pt": dict(zip("um uma dois duas três quatro cinco seis sete oito nove dez onze doze vinte trinta".split(),
                   [1, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 20, 30])),
    "ar": {"واحد": 1, "اثنان": 2, "اثنين": 2, "ثلاثة": 3, "ثلاث": 3, "أربعة": 4, "أربع": 4, "خمسة": 5, "خمس": 5,
           "ستة": 6, "ست": 6, "سبعة": 7, "سبع": 7, "ثمانية": 8, "ثماني": 8, "تسعة": 9, "تسع": 9, "عشرة": 10,
           "عشر": 10, "عشرين": 20, "عشرون": 20, "ثلاثين": 30, "ثلاثون": 30},
    "fa": {"یک": 1, "دو": 2, "سه": 3, "چهار": 4, "پنج": 5, "شش": 6, "هفت": 7, "هشت": 8, "نه": 9, "ده": 10},
    "uk": {"один": 1, "одна": 1, "два": 2, "дві": 2, "двоє": 2, "три": 3, "троє": 3, "чотири": 4, "п'ять": 5,
           "п’ять": 5, "шість": 6, "сім": 7, "вісім": 8, "дев'ять": 9, "дев’ять": 9, "десять": 10,
           "двадцять": 20, "тридцять": 30},
    "ru": {"один": 1, "одна": 1, "два": 2, "две": 2, "двое": 2, "три": 3, "трое": 3, "четыре": 4, "пять": 5,
           "шесть": 6, "семь": 7, "восемь": 8, "девять": 9, "десять": 10, "двадцать": 20, "тридцать": 30},
    "de": {"ein": 1, "eine": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
           "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "zwanzig": 20},
    "tr": {"bir": 1, "iki": 2, "üç": 3, "dört": 4, "beş": 5, "altı": 6, "yedi": 7, "sekiz": 8, "dokuz": 9,
           "on": 10, "yirmi": 20},
}

# "between X and Y" and "from X to Y", per language: (opening word or "", connector)
RANGES: dict[str, tuple[tuple[str, str], ...]] = {
    "en": (("between", "and"), ("from", "to"), ("", "to")),
    "fr": (("entre", "et"), ("de", "à"), ("", "à")),
    "es": (("entre", "y"), ("de", "a"), ("", "a")),
    "pt": (("entre", "e"), ("de", "a")),
    "ar": (("بين", "و"), ("من", "إلى"), ("", "إلى")),
    "fa": (("بین", "و"), ("از", "تا"), ("", "تا")),
    "uk": (("від", "до"), ("між", "і"), ("", "до")),
    "ru": (("от", "до"), ("между", "и"), ("", "до")),
    "de": (("zwischen", "und"), ("", "bis")),
    "tr": (("", "ile"),),
}
