import math

import pytest

from kpi.rules import RULES, About, Above, AtLeast, Between, ReduceBy, between, make_rule


def test_vocabulary_is_closed_and_ordered():
    assert list(RULES) == ["above", "at_least", "below", "at_most", "between", "about", "reduce_by", "increase_by"]


def test_between_refuses_low_above_high():
    with pytest.raises(ValueError, match="low must not exceed high"):
        between(22, 21)


def test_rules_refuse_non_numbers():
    with pytest.raises(ValueError, match="above needs a number"):
        Above("10")
    with pytest.raises(ValueError, match="between needs two numbers"):
        make_rule("between", 21)


@pytest.mark.parametrize("rule, vi, en", [
    (Above(10), "trên 10", "above 10"),
    (AtLeast(3500), "đạt 3.500", "at least 3,500"),
    (Between(21, 22), "21–22", "21–22"),
    (About(567000, 1), "khoảng 567.000 (±1%)", "about 567,000 (±1%)"),
    (ReduceBy(4), "giảm ít nhất 4", "down by at least 4"),
    (AtLeast(63.1), "đạt 63,1", "at least 63.1"),
])
def test_labels_in_both_languages(rule, vi, en):
    assert str(rule) == vi
    assert rule.label("en") == en


def test_bands():
    assert Above(10).band() == (10, True, math.inf, False)  # an unbounded end counts as closed
    assert AtLeast(54).band() == (54, False, math.inf, False)
    assert Between(21, 22).band() == (21, False, 22, False)
    assert About(100, 2).band() == (98, False, 102, False)
    assert ReduceBy(4).band(10.29)[2] == pytest.approx(6.29)


def test_rules_are_frozen():
    with pytest.raises(Exception):
        Above(10).x = 11
