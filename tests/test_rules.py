import dataclasses
import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings, strategies as st

from kpi.model.rules import (RULES, About, Above, AtLeast, AtMost, Below, Between, IncreaseBy,
                       ReduceBy, Rule, achieved_of, bands_of, between, make_rule)

INF = math.inf


def test_each_rule_is_registered_under_its_kind():
    # the vocabulary and its order are pinned by the messages that list it (tests/hostile: rule-empty,
    # rule-misspelt); a percent unit and 'about' by test_assessment.test_targets_frame_about_in_percent_...
    assert [RULES[k].kind for k in RULES] == list(RULES)


def test_between_refuses_low_above_high():
    with pytest.raises(ValueError, match="^low must not exceed high$"):
        between(22, 21)
    assert Between(21, 21).band() == (21, False, 21, False)  # a single value is a band


@pytest.mark.parametrize("build, message", [
    (lambda: Above("10"), "above needs a number, got '10'"),
    (lambda: AtLeast(True), "at_least needs a number, got True"),
    (lambda: Below(math.nan), "below needs a number, got nan"),
    (lambda: AtMost(None), "at_most needs a number, got None"),
    (lambda: ReduceBy("4"), "reduce_by needs a number, got '4'"),
    (lambda: IncreaseBy(False), "increase_by needs a number, got False"),
    (lambda: Between("21", 22), "between needs two numbers, got '21'"),
    (lambda: Between(21, True), "between needs two numbers, got True"),
    (lambda: Between(21, math.nan), "between needs two numbers, got nan"),
    (lambda: About("5"), "about needs a number, got '5'"),
    (lambda: About(True), "about needs a number, got True"),
    (lambda: About(math.nan), "about needs a number, got nan"),
    (lambda: About(5, -1), "tolerance must be a percent from 0 to under 100, got -1"),
    (lambda: About(5, 100), "tolerance must be a percent from 0 to under 100, got 100"),
    (lambda: About(5, "2"), "tolerance must be a percent from 0 to under 100, got '2'"),
    (lambda: make_rule("between", 21), "between needs two numbers [low, high], got 21"),
    (lambda: make_rule("between", [21, 22, 23]), "between needs two numbers [low, high], got [21, 22, 23]"),
    (lambda: make_rule("above", [10]), "above needs one number, got [10]"),
    (lambda: make_rule("about", {"x": 1}), "about needs one number, got {'x': 1}"),
])
def test_rules_refuse_what_is_not_a_number(build, message):
    with pytest.raises(ValueError) as e:
        build()
    assert str(e.value) == message


def test_make_rule_builds_each_kind():
    assert make_rule("above", 10) == Above(10)
    assert make_rule("between", [21, 22]) == Between(21, 22)
    assert make_rule("between", (21, 22)) == Between(21, 22)
    assert make_rule("about", 100) == About(100, 2)  # ±2% unless the plan says otherwise
    assert make_rule("about", 100, 1) == About(100, 1)
    assert make_rule("about", 100, 0) == About(100, 0)  # a tolerance of 0 is a tolerance
    assert make_rule("reduce_by", 4) == ReduceBy(4)
    assert type(make_rule("increase_by", 5)) is IncreaseBy
    with pytest.raises(KeyError, match="betwen"):
        make_rule("betwen", [21, 22])


@pytest.mark.parametrize("rule, vi, en", [
    (Above(10), "trên 10", "above 10"),
    (AtLeast(3500), "đạt 3.500", "at least 3,500"),
    (Below(35.6), "dưới 35,6", "below 35.6"),
    (AtMost(20), "không quá 20", "at most 20"),
    (Between(21, 22), "21–22", "21–22"),
    (Between(21.5, 1200), "21,5–1.200", "21.5–1,200"),
    (About(567000, 1), "khoảng 567.000 (±1%)", "about 567,000 (±1%)"),
    (About(100), "khoảng 100 (±2%)", "about 100 (±2%)"),
    (About(1000, 1.5), "khoảng 1.000 (±1,5%)", "about 1,000 (±1.5%)"),
    (ReduceBy(4), "giảm ít nhất 4", "down by at least 4"),
    (IncreaseBy(1.5), "tăng ít nhất 1,5", "up by at least 1.5"),
    (AtLeast(63.1), "đạt 63,1", "at least 63.1"),
])
def test_labels_in_both_languages(rule, vi, en):
    assert str(rule) == vi
    assert rule.label() == vi
    assert rule.label("en") == en


@pytest.mark.parametrize("rule, reference, params", [
    (Above(10), 10.0, (10.0, math.nan)),
    (AtLeast(54), 54.0, (54.0, math.nan)),
    (Below(30), 30.0, (30.0, math.nan)),
    (AtMost(800), 800.0, (800.0, math.nan)),
    (ReduceBy(4), 4.0, (4.0, math.nan)),
    (IncreaseBy(5), 5.0, (5.0, math.nan)),
    (Between(21, 22), math.nan, (21.0, 22.0)),      # a band has no single number to attain
    (About(100, 1), 100.0, (100.0, 1.0)),
    (About(100), 100.0, (100.0, 2.0)),
])
def test_reference_and_params(rule, reference, params):
    np.testing.assert_equal(rule.reference, reference)
    np.testing.assert_equal(rule.params, params)
    assert all(type(v) is float for v in rule.params)


# --- the band of each rule, by hand -------------------------------------------------------------------
@pytest.mark.parametrize("rule, baseline, expected", [
    (Above(10), None, (10, True, INF, False)),          # "trên 10": more than 10; ∞ counts as closed
    (AtLeast(54), None, (54, False, INF, False)),       # "đạt 54": 54 or more
    (Below(30), None, (-INF, False, 30, True)),         # "dưới 30": less than 30
    (AtMost(800), None, (-INF, False, 800, False)),     # "không quá 800": 800 or less
    (Between(21, 22), None, (21, False, 22, False)),    # "21–22": both ends included
    (About(100, 2), None, (98, False, 102, False)),     # 100 ± 2% of 100
    (About(-50, 10), None, (-55, False, -45, False)),   # the tolerance is a percent of |x|
    (About(200, 0), None, (200, False, 200, False)),
    (ReduceBy(4), 10.25, (-INF, False, 6.25, False)),   # at most 10.25 − 4
    (IncreaseBy(5), 40, (45, False, INF, False)),       # at least 40 + 5
])
def test_each_band_by_hand(rule, baseline, expected):
    assert rule.band(baseline) == expected
    assert all(type(v) is float for v in rule.band(baseline)[::2])
    assert all(type(v) is bool for v in rule.band(baseline)[1::2])


def test_baseline_rules_without_a_baseline_have_no_band():
    lo, lo_open, hi, hi_open = ReduceBy(4).band()
    assert (lo, lo_open, hi_open) == (-INF, False, False) and math.isnan(hi)
    lo, lo_open, hi, hi_open = IncreaseBy(4).band(None)
    assert math.isnan(lo) and (lo_open, hi, hi_open) == (False, INF, False)


def test_default_about_tolerance_is_two_percent():
    assert About(100).tolerance_pct == 2.0
    assert About(100).band() == (98, False, 102, False)


def test_base_rule_defines_nothing_itself():
    empty = np.array([1.0])
    with pytest.raises(NotImplementedError):
        Rule.bands(empty, empty, empty)
    with pytest.raises(NotImplementedError):
        Rule().label()
    with pytest.raises(NotImplementedError):
        Rule().params  # noqa: B018
    assert math.isnan(Rule().reference)
    none = Rule.achieved(np.array([1.0, 2.0]), empty, empty)
    assert none.shape == (2,) and np.isnan(none).all()


def test_rules_are_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'x'"):
        Above(10).x = 11


# --- the vectorised band equals the scalar band, for every rule ----------------------------------------
finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


@st.composite
def rule_and_baseline(draw):
    kind = draw(st.sampled_from(list(RULES)))
    if kind == "between":
        lo, hi = sorted((draw(finite), draw(finite)))
        rule = Between(lo, hi)
    elif kind == "about":
        rule = About(draw(finite), draw(st.floats(min_value=0, max_value=99.9)))
    else:
        rule = RULES[kind](draw(finite))
    return rule, draw(st.one_of(st.none(), finite))


@settings(max_examples=150, deadline=None)
@given(st.lists(rule_and_baseline(), min_size=1, max_size=12))
def test_bands_of_equals_each_rules_band_row_by_row(rows):
    kind = np.array([r.kind for r, _ in rows])
    a = np.array([r.params[0] for r, _ in rows])
    b = np.array([r.params[1] for r, _ in rows])
    base = np.array([math.nan if x is None else x for _, x in rows])
    got = bands_of(kind, a, b, base)
    for i, (rule, baseline) in enumerate(rows):
        lo, lo_open, hi, hi_open = rule.band(baseline)
        row = (got[0][i], got[1][i], got[2][i], got[3][i])
        np.testing.assert_equal(row, (np.round(lo, 9), lo_open, np.round(hi, 9), hi_open), err_msg=repr(rule))


def test_every_kind_is_covered_by_the_row_by_row_test():
    # The strategy of the row-by-row test draws from RULES itself: over its examples every kind comes up, each
    # as the class RULES names for it, so a new rule is checked as soon as it is added.
    seen = set()

    @settings(max_examples=200, deadline=None, derandomize=True, database=None)
    @given(rule_and_baseline())
    def draw(pair):
        rule, _ = pair
        assert type(rule) is RULES[rule.kind]
        seen.add(rule.kind)

    draw()
    assert seen == set(RULES)


def test_bands_of_compares_at_nine_decimals():
    lo, _, hi, _ = bands_of(np.array(["at_least", "about"]), np.array([0.1 + 0.2, 0.1 + 0.2]),
                            np.array([math.nan, 10.0]), np.array([math.nan, math.nan]))
    assert lo.tolist() == [0.3, 0.27] and hi.tolist() == [INF, 0.33]  # 0.30000000000000004 -> 0.3


def test_bands_of_refuses_an_unknown_kind():
    with pytest.raises(KeyError, match="betwen"):
        bands_of(np.array(["betwen"]), np.array([1.0]), np.array([2.0]), np.array([math.nan]))


def test_bands_of_nothing_is_empty():
    got = bands_of(np.array([], dtype=str), np.array([]), np.array([]), np.array([]))
    assert [len(x) for x in got] == [0, 0, 0, 0]


# --- attainment: "đạt X% kế hoạch" --------------------------------------------------------------------
@pytest.mark.parametrize("rule, actual, baseline, expected", [
    (Above(10), 6.47, None, 64.7),              # 6.47 / 10
    (AtLeast(3500), 2000, None, 57.142857143),  # 2000 / 3500
    (AtLeast(8), 0, None, 0.0),
    (ReduceBy(4), 6.29, 10.29, 100.0),          # fell 4 of 4
    (ReduceBy(2), 10.5, 12, 75.0),              # fell 1.5 of 2
    (ReduceBy(2), 13, 12, -50.0),               # rose instead
    (IncreaseBy(5), 43, 40, 60.0),              # rose 3 of 5
    (Below(30), 20, None, math.nan),            # a cap, a range or a band has no single amount to attain
    (AtMost(800), 420, None, math.nan),
    (Between(21, 22), 21.5, None, math.nan),
    (About(100, 2), 100, None, math.nan),
])
def test_achieved_per_rule(rule, actual, baseline, expected):
    base = np.array([math.nan if baseline is None else baseline], float)
    got = type(rule).achieved(np.array([actual], float), np.array([rule.params[0]]), base)
    np.testing.assert_allclose(got, [expected], rtol=1e-9)
    mixed = achieved_of(np.array([rule.kind]), np.array([actual], float), np.array([rule.params[0]]), base)
    np.testing.assert_allclose(mixed, [expected], rtol=1e-9)


def test_achieved_of_mixed_kinds_row_by_row_and_quietly():
    kind = np.array(["above", "below", "reduce_by", "at_least", "increase_by"])
    actual = np.array([5.0, 5.0, 8.0, 3.0, 7.0])
    a = np.array([10.0, 10.0, 4.0, 0.0, 0.0])
    base = np.array([math.nan, math.nan, 10.0, math.nan, 7.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a zero target gives ∞ or NaN, not a RuntimeWarning
        got = achieved_of(kind, actual, a, base)
    # 5/10; no amount for a cap; (10-8)/4; 3/0; (7-7)/0
    np.testing.assert_array_equal(got, [50.0, np.nan, 50.0, np.inf, np.nan])


def test_the_kinds_that_need_last_years_level():
    from kpi.model.rules import BASELINE_KINDS

    # exactly the changes on last year's level ("giảm ít nhất 4%", "tăng thêm 5") give no band without a baseline
    nan = np.array([np.nan])
    no_band = set()
    for kind, rule in RULES.items():
        low, _, high, _ = rule.bands(np.array([2.0]), np.array([3.0]), nan)
        if np.isnan(low[0]) or np.isnan(high[0]):
            no_band.add(kind)
    assert no_band == {"reduce_by", "increase_by"}
    # the list the engine and the plan reader use agrees with the bands, as does each rule's own flag
    assert set(BASELINE_KINDS) == {k for k in RULES if RULES[k].needs_baseline} == no_band


@pytest.mark.parametrize("rule", [Above(10), AtLeast(3500), Below(30), AtMost(0.5), Between(21, 22), About(100, 2),
                                  ReduceBy(2), IncreaseBy(5)])
def test_a_rule_is_rebuilt_from_its_kind_and_numbers(rule):
    from kpi.model.rules import from_params

    assert from_params(rule.kind, *rule.params) == rule


@pytest.mark.parametrize("rule, unit, vi, vi_alone, en", [
    (Above(10), "%", "trên 10%", "trên 10%", "above 10%"),
    # a change of a rate: spelt out in text, short in a table's column
    (ReduceBy(2), "%", "giảm ít nhất 2 điểm phần trăm", "giảm ít nhất 2 điểm %", "down by at least 2 percentage points"),
    (IncreaseBy(5), "xã", "tăng ít nhất 5 xã", "tăng ít nhất 5", "up by at least 5 xã"),
    (Between(21, 22), " % ", "21–22%", "21–22%", "21–22%"),
    (About(100, 2), "%", "khoảng 100 (±2%)", "khoảng 100 (±2%)", "about 100 (±2%)"),
    (AtLeast(3500), "tỷ đồng", "đạt 3.500 tỷ đồng", "đạt 3.500", "at least 3,500 tỷ đồng"),
    (AtMost(800), " ", "không quá 800", "không quá 800", "at most 800"),
])
def test_rule_text_with_its_unit(rule, unit, vi, vi_alone, en):
    assert (rule.text(unit), rule.text(unit, with_unit=False), rule.text(unit, "en")) == (vi, vi_alone, en)
