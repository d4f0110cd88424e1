"""Document languages: ISO 639-1 codes, checked in one place, and the text direction each is written in."""
from __future__ import annotations

DEFAULT_LANGUAGE = "en"

# Every ISO 639-1 code (two letters), so that "fr" passes and "french" or "zz" is named as unknown.
ISO_639_1 = frozenset("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz
ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io
is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr
ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si
sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh
yi yo za zh zu""".split())

# Written right to left (by paragraph); a mixed line still keeps each run's own direction.
RIGHT_TO_LEFT = frozenset("ar fa he ur ps yi ug dv ku sd ks".split())


def language_code(value: object) -> str | None:
    """The ISO 639-1 code `value` stands for ("FR", " fr ", "fr-CA", "fr_FR" -> "fr"), or None."""
    if not isinstance(value, str):
        return None
    code = value.strip().replace("_", "-").split("-")[0].lower()
    return code if code in ISO_639_1 else None


def is_right_to_left(lang: str) -> bool:
    return lang in RIGHT_TO_LEFT
