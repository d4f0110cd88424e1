from __future__ import annotations

from annotator.core.snapping import snap_to_tokens
from annotator.nlp.tokenizer import token_offsets


def test_whitespace_is_never_a_token_and_offsets_are_code_points():
    text = "🚀 Rescuers  said\n\n350,000 fled إدلب."
    toks = token_offsets(text)
    assert all(text[s:e].strip() == text[s:e] and text[s:e] for s, e in toks)
    assert [text[s:e] for s, e in toks] == ["🚀", "Rescuers", "said", "350,000", "fled", "إدلب", "."]


def test_snapping_with_spacy_tokens_trims_quotes_and_grows_words():
    text = 'the UN said: "Idlib province" was hit'
    s = text.index('"')
    e = text.index("province") + 3  # cuts the word
    assert text[slice(*snap_to_tokens(text, token_offsets(text), s, e))] == "Idlib province"
