"""Project memory: labelled strings come back with their most common label, on token boundaries."""
from __future__ import annotations

from annotator.nlp.tokenizer import token_offsets
from annotator.suggest.memory import ProjectMemory


def suggest(memory: ProjectMemory, text: str, leave_out=()) -> list[tuple[str, str]]:
    return [(text[s.start:s.end], s.label) for s in memory.suggest(text, token_offsets(text), leave_out)]


def test_most_common_label_wins_and_gold_comes_first():
    memory = ProjectMemory([("Amman", "LOCATION", False, 3), ("Amman", "ACTOR", False, 1),
                            ("UN", "ACTOR", False, 1), ("UN", "LOCATION", False, 5), ("UN", "ACTOR", True, 1)])
    assert suggest(memory, "The UN met in Amman.") == [("UN", "ACTOR"), ("Amman", "LOCATION")]


def test_a_tie_takes_the_first_label_name_so_runs_agree():
    memory = ProjectMemory([("Hama", "LOCATION", False, 2), ("Hama", "ACTOR", False, 2)])
    assert suggest(memory, "Hama") == [("Hama", "ACTOR")]


def test_only_whole_tokens_match_case_sensitively():
    memory = ProjectMemory([("Idlib", "LOCATION", False, 1), ("UN", "ACTOR", False, 1)])
    assert suggest(memory, "Idlibi refugees, unlike the UNHCR, un and UN's staff") == [("UN", "ACTOR")]


def test_the_longest_string_wins_and_matches_do_not_overlap():
    memory = ProjectMemory([("Idlib", "LOCATION", False, 4), ("Idlib province", "LOCATION", False, 1),
                            ("province", "LOCATION", False, 1)], {"Idlib province": "Idlib"})
    assert suggest(memory, "They fled Idlib province and Idlib.") == [
        ("Idlib province", "LOCATION"), ("Idlib", "LOCATION")]


def test_left_out_counts_are_not_remembered():
    memory = ProjectMemory([("Saraqeb", "LOCATION", False, 1), ("Ariha", "LOCATION", False, 2)])
    out = [("Saraqeb", "LOCATION", False, 1), ("Ariha", "LOCATION", False, 1)]
    assert suggest(memory, "Saraqeb and Ariha", out) == [("Ariha", "LOCATION")]


def test_untrimmed_or_blank_strings_are_ignored():
    memory = ProjectMemory([(" Idlib", "LOCATION", False, 1), ("  ", "ACTOR", False, 1), ("", "ACTOR", False, 1)])
    assert len(memory) == 0 and suggest(memory, "Idlib  ") == []


def test_memory_figures_carry_the_claims_parser_reading_like_rule_figures():
    from annotator.suggest.rules import with_figure_readings

    memory = ProjectMemory([("350,000", "FIGURE", False, 2), ("Idlib", "LOCATION", False, 1)])
    text = "Some 350,000 fled Idlib."
    found = with_figure_readings(text, memory.suggest(text, token_offsets(text)))
    assert [(s.label, dict(s.attrs)) for s in found] == [
        ("FIGURE", {"low": 350000, "high": 350000, "precision": "approximate"}), ("LOCATION", {})]
