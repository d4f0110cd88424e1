from annotator.core.overlap import stack_levels


def test_disjoint_spans_share_level_zero():
    assert stack_levels([(0, 3), (4, 8), (8, 9)]) == [0, 0, 0]


def test_nested_and_overlapping_spans_get_distinct_levels():
    levels = stack_levels([(0, 20), (5, 10), (8, 25), (21, 30)])
    assert levels[0] == 0 and levels[1] != levels[0]
    assert len({levels[0], levels[1], levels[2]}) == 3
    assert levels[3] != levels[2]
