"""Rule suggestions: what counts as a FIGURE or an ATTRIBUTION, with DOMAIN.md's boundaries."""
from __future__ import annotations

import pytest

from annotator.suggest.rules import rule_suggestions
from tests.helpers.projects import ARTICLE


def found(text: str, label: str | None = None) -> list[str]:
    return [text[s.start:s.end] for s in rule_suggestions(text) if label is None or s.label == label]


def test_the_domain_example():
    assert [(ARTICLE[s.start:s.end], s.label, s.source) for s in rule_suggestions(ARTICLE)] == [
        ("350,000", "FIGURE", "rules"), ("said", "ATTRIBUTION", "rules")]


@pytest.mark.parametrize("text, figure", [
    ("At least 9 people were killed.", "9"),
    ("More than 1,400 fighters surrendered.", "1,400"),
    ("Up to 80,000 could flee.", "80,000"),
    ("An estimated 4.5 million people live there.", "4.5 million"),
    ("Some 350.000 Syrians fled.", "350.000"),
    ("Some 350 000 Syrians fled.", "350 000"),
    ("Some 350\u00a0000 Syrians fled.", "350\u00a0000"),
    ("Officials counted 400 thousand returnees.", "400 thousand"),
    ("Twenty-five soldiers died.", "Twenty-five"),
    ("Two million people need food.", "Two million"),
    ("They found between 800 and 1,000 bodies.", "between 800 and 1,000"),
    ("Witnesses saw 60-70 gunmen.", "60-70"),
    ("Some 3 to 4 million fled.", "3 to 4 million"),
    ("Dozens were wounded.", "Dozens"),
    ("Tens of thousands fled.", "Tens of thousands"),
    ("Police detained a dozen men.", "a dozen"),
    ("Several civilians were hurt.", "Several"),
])
def test_counts_are_figures_without_their_qualifiers(text, figure):
    assert found(text, "FIGURE") == [figure]


@pytest.mark.parametrize("text", [
    "Prices rose 40 percent.", "Prices rose 40%.", "Prices rose by 25 per cent.",
    "The camp is 5 km from the border.", "They sent 300 litres of fuel.", "It cost $5 million.",
    "It cost 5 million dollars.", "A 9-year-old girl died.", "The girl, aged 9, died.",
    "Ahmed Khalil, 42, told Reuters.", "The siege lasted six hours.", "A 10-day ceasefire began.",
    "The war began in 2011.", "In 2019, the town fell.", "They met on 5 December.", "They met on December 5.",
    "Shelling began at 10:30 GMT.", "Resolution 2254 was adopted.", "An F-16 jet flew over.",
    "COVID-19 spread in the camp.", "It was the 3rd attack.", "One of the gunmen escaped.",
    "No one was hurt.", "Millions of dollars were lost.", "The 1990s were calm.", "He came back several times.",
])
def test_amounts_of_other_things_are_not_figures(text):
    assert found(text, "FIGURE") == []


@pytest.mark.parametrize("text, cue", [
    ("The UN said on Thursday.", "said"),
    ("A rescuer told AFP that dozens were trapped.", "told"),  # the addressee stays outside
    ("The army has repeatedly denied it.", "has repeatedly denied"),
    ("It also said fuel was short.", "also said"),
    ("The agency warned of hunger.", "warned"),
    ("Rebels accused the army of shelling.", "accused"),
    ("The group claimed responsibility.", "claimed"),
    ("The agency estimated that 900 arrived.", "estimated"),
    ("Rights groups say 5,000 were arrested.", "say"),
    ("The minister: \u201cWe will win.\u201d", ":"),
])
def test_reporting_cues(text, cue):
    assert found(text, "ATTRIBUTION") == [cue]


def test_according_to_is_one_cue():
    assert found("According to the health ministry, 2,300 died.") == ["According to", "2,300"]


@pytest.mark.parametrize("text", [
    "The reported attack killed no one.", "UN estimates suggest many fled.", "An estimated crowd gathered.",
    "Media reports of arrests spread.", "She issued a warning.", "Russia will have the most say in it.",
    "They want a say.",
])
def test_nouns_and_adjectives_are_not_cues(text):
    assert found(text, "ATTRIBUTION") == []


def test_a_noun_after_a_cue_is_not_a_second_cue():
    assert found("It denied reports of arrests.", "ATTRIBUTION") == ["denied"]


def test_a_colon_after_a_reporting_verb_is_not_a_second_cue():
    assert found("He told Reuters: \u201cWe stay.\u201d", "ATTRIBUTION") == ["told"]


def test_offsets_are_code_points_after_emoji_and_arabic():
    text = "\U0001F680 \u0625\u062f\u0644\u0628: 21 people were killed, officials said."
    spans = rule_suggestions(text)
    assert [text[s.start:s.end] for s in spans] == ["21", "said"]
    assert spans[0].start == text.index("21")


@pytest.mark.parametrize("text", ["", " ", "\n\n", "...", "1", "said", "\u200b" * 5, "9" * 5000])
def test_odd_texts_do_not_break_the_rules(text):
    for s in rule_suggestions(text):
        assert 0 <= s.start < s.end <= len(text)


@pytest.mark.parametrize("text, attrs", [
    ("Some 350,000 Syrians fled.", {"low": 350000, "high": 350000, "precision": "approximate"}),
    ("At least 9 people died.", {"low": 9, "precision": "at_least"}),
    ("Up to 80,000 could flee.", {"high": 80000, "precision": "at_most"}),
    ("They found between 800 and 1,000 bodies.", {"low": 800, "high": 1000, "precision": "range"}),
    ("Dozens were wounded.", {"low": 12, "precision": "vague"}),
    ("Two million people need food.", {"low": 2000000, "high": 2000000, "precision": "exact"}),
])
def test_figures_carry_the_claims_parser_attributes(text, attrs):
    [figure] = [s for s in rule_suggestions(text) if s.label == "FIGURE"]
    assert dict(figure.attrs) == attrs


@pytest.mark.parametrize("text", [
    "The match ended 2-1.", "The 2011-2012 war was long.", "Shelling began at 4 p.m. on Monday.",
    "Gunmen burned 12 trucks.", "The strike hit three hospitals.", "Two civil defense centers were bombed.",
])
def test_scores_year_ranges_clock_times_and_things_are_not_figures(text):
    assert found(text, "FIGURE") == []


def test_media_reported_is_a_cue_but_media_reports_is_not():
    assert found("State media reported the attack.", "ATTRIBUTION") == ["reported"]
    assert found("State media reports of the attack spread.", "ATTRIBUTION") == []


def test_only_one_is_a_count_and_half_a_million_is_a_number():
    assert found("Rebels said only one had hit.", "FIGURE") == ["one"]
    assert found("Nearly half a million fled.", "FIGURE") == ["half a million"]
