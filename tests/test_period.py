"""Period: months YYYY-MM and quarters YYYY-Qn, parsed strictly, ordered by the month they end in."""
import re

import numpy as np
import pytest

from kpi.model.period import FORMAT_HINT, Period, slot_arrays

Q = Period.quarter
M = Period.month_of


# --- parsing ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, year, step, steps", [
    ("2021-Q1", 2021, 1, 4),
    ("2021-Q3", 2021, 3, 4),
    ("2021-Q4", 2021, 4, 4),
    ("2021-01", 2021, 1, 12),
    ("2021-05", 2021, 5, 12),
    ("2021-10", 2021, 10, 12),
    ("2021-12", 2021, 12, 12),
    ("1999-09", 1999, 9, 12),
])
def test_parse_reads_quarters_and_months(text, year, step, steps):
    p = Period.parse(text)
    assert (p.year, p.step, p.steps) == (year, step, steps)
    assert str(p) == text  # str round-trip
    assert Period.parse(str(p)) == p


@pytest.mark.parametrize("text", [
    "2021-Q31",        # trailing digit: the match is anchored at the end
    "x2021-Q3",        # ... and at the start
    "2021-Q0", "2021-Q5",
    "2021-13", "2021-00", "2021-5", "2021-005",
    " 2021-Q2", "2021-Q2 ", "2021-Q2\n",
    "２０２１-Q3",      # full-width digits
    "2021-０５",
    "2021-q3", "2021Q3", "21-Q3", "2021/05", "",
])
def test_parse_refuses_anything_else(text):
    with pytest.raises(ValueError, match=f"^period '{re.escape(text)}' is not a month or a quarter; write YYYY-MM"):
        Period.parse(text)
    assert Period.try_parse(text) is None


def test_parse_message_says_how_to_write_a_period():
    with pytest.raises(ValueError) as e:
        Period.parse("2021-Q5")
    assert str(e.value) == ("period '2021-Q5' is not a month or a quarter; write YYYY-MM for a month "
                            "(e.g. 2021-05) or YYYY-Qn for a quarter (e.g. 2021-Q3)")
    assert str(e.value).endswith(FORMAT_HINT)


def test_try_parse_passes_a_period_through_and_refuses_non_text():
    p = Q(2021, 3)
    assert Period.try_parse(p) is p
    assert Period.try_parse(None) is None
    assert Period.try_parse(2021) is None
    assert Period.try_parse(b"2021-Q3") is None


@pytest.mark.parametrize("args, message", [
    ((2021, 0, 4), "step must be 1 to 4, got 0"),
    ((2021, 5, 4), "step must be 1 to 4, got 5"),
    ((2021, 13, 12), "step must be 1 to 12, got 13"),
    ((2021, 0, 12), "step must be 1 to 12, got 0"),
    ((2021, 1, 6), "steps must be 4 or 12, got 6"),
])
def test_constructor_checks_itself(args, message):
    with pytest.raises(ValueError, match=f"^{message}$"):
        Period(*args)


def test_constructors_and_defaults():
    assert Period(2021, 3) == Q(2021, 3) == Period(2021, 3, 4)  # quarters by default
    assert M(2021, 5) == Period(2021, 5, 12)
    assert Period.year_steps(2021) == [Q(2021, 1), Q(2021, 2), Q(2021, 3), Q(2021, 4)]
    assert Period.year_steps(2021, 12) == [M(2021, m) for m in range(1, 13)]


def test_slot_arrays_parse_each_text():
    years, months = slot_arrays(["2021-Q3", "2020-05", "2021-Q3", "2019-12", "2021-Q1"])
    np.testing.assert_array_equal(years, [2021, 2020, 2021, 2019, 2021])
    np.testing.assert_array_equal(months, [9, 5, 9, 12, 3])
    with pytest.raises(ValueError, match="^period '2021-Q5' is not a month or a quarter"):
        slot_arrays(["2021-Q1", "2021-Q5"])


# --- what it covers -----------------------------------------------------------------------------------
@pytest.mark.parametrize("p, month, share, slot, index, year_end, quarter", [
    # Q1 covers January-March: 3/12; Q3 ends in September: 9/12; a running month number is year*12 + month - 1
    (Q(2021, 1), 3, 0.25, (2021, 3), 2021 * 12 + 2, False, True),
    (Q(2021, 2), 6, 0.5, (2021, 6), 2021 * 12 + 5, False, True),
    (Q(2021, 3), 9, 0.75, (2021, 9), 2021 * 12 + 8, False, True),
    (Q(2021, 4), 12, 1.0, (2021, 12), 2021 * 12 + 11, True, True),
    (M(2021, 1), 1, 1 / 12, (2021, 1), 2021 * 12 + 0, False, False),
    (M(2021, 5), 5, 5 / 12, (2021, 5), 2021 * 12 + 4, False, False),
    (M(2021, 9), 9, 0.75, (2021, 9), 2021 * 12 + 8, False, False),
    (M(2021, 12), 12, 1.0, (2021, 12), 2021 * 12 + 11, True, False),
])
def test_what_a_period_covers(p, month, share, slot, index, year_end, quarter):
    assert p.month == month
    assert p.share_of_year() == pytest.approx(share, abs=1e-15)
    assert p.slot == slot
    assert p.index == index
    assert p.is_year_end is year_end
    assert p.is_quarter is quarter


def test_a_quarter_and_its_last_month_share_a_slot_but_are_not_equal():
    assert Q(2021, 3).slot == M(2021, 9).slot == (2021, 9)
    assert Q(2021, 3) != M(2021, 9)
    assert M(2021, 1).index - M(2020, 12).index == 1  # consecutive months across a year


# --- neighbours ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("p, previous, year_earlier, year_end", [
    ("2021-Q1", "2020-Q4", "2020-Q1", "2021-Q4"),   # across the year
    ("2021-Q2", "2021-Q1", "2020-Q2", "2021-Q4"),
    ("2021-Q4", "2021-Q3", "2020-Q4", "2021-Q4"),
    ("2021-01", "2020-12", "2020-01", "2021-12"),   # across the year
    ("2021-05", "2021-04", "2020-05", "2021-12"),
    ("2021-12", "2021-11", "2020-12", "2021-12"),
])
def test_neighbours_keep_the_kind_of_step(p, previous, year_earlier, year_end):
    p = Period.parse(p)
    assert str(p.previous()) == previous
    assert str(p.year_earlier()) == year_earlier
    assert str(p.year_end()) == year_end


def test_steps_in_year():
    assert [str(p) for p in Q(2021, 3).steps_in_year()] == ["2021-Q1", "2021-Q2", "2021-Q3"]
    assert [str(p) for p in M(2021, 3).steps_in_year()] == ["2021-01", "2021-02", "2021-03"]
    assert Q(2021, 1).steps_in_year() == [Q(2021, 1)]


# --- ordering -----------------------------------------------------------------------------------------
def test_periods_order_by_the_month_they_end_in_a_quarter_after_its_month():
    texts = ["2021-10", "2021-Q3", "2020-Q4", "2021-09", "2021-08", "2020-12", "2021-01", "2021-Q1", "2021-03"]
    got = [str(p) for p in sorted(Period.parse(t) for t in texts)]
    assert got == ["2020-12", "2020-Q4", "2021-01", "2021-03", "2021-Q1", "2021-08", "2021-09", "2021-Q3",
                   "2021-10"]
    assert M(2021, 9) < Q(2021, 3) < M(2021, 10)
    assert Q(2021, 3) > M(2021, 9) and Q(2021, 3) >= M(2021, 9) and M(2021, 9) <= Q(2021, 3)
    assert not Q(2021, 3) < Q(2021, 3) and Q(2021, 3) <= Q(2021, 3)
    assert Q(2020, 4) < M(2021, 1)  # the year comes first
    assert max([M(2021, 9), Q(2021, 3), M(2021, 8)]) == Q(2021, 3)
    assert max([Q(2021, 2), M(2021, 7)]) == M(2021, 7)


def test_a_period_does_not_compare_with_text():
    with pytest.raises(TypeError, match="'<' not supported"):
        Q(2021, 3) < "2021-Q4"  # noqa: B015


def test_periods_are_hashable_values():
    assert {Period.parse("2021-Q3"), Q(2021, 3), M(2021, 9)} == {Q(2021, 3), M(2021, 9)}


# --- words --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("p, span_vi, span_en, label_vi, label_en, ql_vi, ql_en", [
    # one naming for every cumulative period: the first quarter is "3 tháng năm 2021" as March is, January
    # "1 tháng năm 2021"; "quý I/2021" only where the quarter itself is meant (quarter_label)
    (Q(2021, 1), "3 tháng", "3 months", "3 tháng năm 2021", "3 months 2021", "quý I/2021", "Q1 2021"),
    (Q(2021, 2), "6 tháng", "6 months", "6 tháng năm 2021", "6 months 2021", "quý II/2021", "Q2 2021"),
    (Q(2021, 3), "9 tháng", "9 months", "9 tháng năm 2021", "9 months 2021", "quý III/2021", "Q3 2021"),
    (Q(2021, 4), "cả năm", "full year", "Năm 2021", "Year 2021", "quý IV/2021", "Q4 2021"),
    (M(2021, 1), "1 tháng", "1 month", "1 tháng năm 2021", "1 month 2021", "tháng 1/2021", "January 2021"),
    (M(2021, 3), "3 tháng", "3 months", "3 tháng năm 2021", "3 months 2021", "tháng 3/2021", "March 2021"),
    (M(2021, 5), "5 tháng", "5 months", "5 tháng năm 2021", "5 months 2021", "tháng 5/2021", "May 2021"),
    (M(2021, 12), "cả năm", "full year", "Năm 2021", "Year 2021", "tháng 12/2021", "December 2021"),
])
def test_words_in_both_languages(p, span_vi, span_en, label_vi, label_en, ql_vi, ql_en):
    assert (p.span("vi"), p.span("en")) == (span_vi, span_en)
    assert (p.label("vi"), p.label("en")) == (label_vi, label_en)
    assert (p.quarter_label("vi"), p.quarter_label("en")) == (ql_vi, ql_en)
    assert (p.span(), p.label(), p.quarter_label()) == (span_vi, label_vi, ql_vi)  # Vietnamese by default


@pytest.mark.parametrize("p, vi, en", [
    (Q(2021, 1), "3 tháng năm 2021", "3 months 2021"),
    (Q(2021, 3), "9 tháng năm 2021", "9 months 2021"),
    (Q(2021, 4), "năm 2021", "year 2021"),
    (M(2021, 1), "1 tháng năm 2021", "1 month 2021"),
    (M(2021, 12), "năm 2021", "year 2021"),
])
def test_a_period_inside_a_sentence(p, vi, en):
    assert (p.in_text("vi"), p.in_text("en"), p.in_text()) == (vi, en, vi)


def test_the_latest_of_period_texts_skips_the_empty_ones():
    assert Period.latest(["", "2021-Q2", "2021-08", "2021-Q1", "2021-08"]) == M(2021, 8)
    assert Period.latest(["2021-Q3", "2021-08"]) == Q(2021, 3)  # September ends after August
    assert Period.latest(["", ""]) is None and Period.latest([]) is None


def test_in_plan_year_is_the_one_message_of_every_command():
    from kpi.model.period import in_plan_year

    assert in_plan_year("2022-10", 2022) == Period(2022, 10, 12)
    assert in_plan_year("2022-Q4", 2022, name="--period", also="or 'latest'") == Period(2022, 4, 4)
    with pytest.raises(ValueError) as e:
        in_plan_year("2022-13", 2022)
    assert str(e.value) == ("period '2022-13' is not a month or a quarter; write YYYY-MM for a month (e.g. 2022-05) "
                            "or YYYY-Qn for a quarter (e.g. 2022-Q3).")
    with pytest.raises(ValueError) as e:
        in_plan_year("2021-Q4", 2022, name="--period", also="'latest' or 'all'")
    assert str(e.value) == ("--period '2021-Q4' is outside the plan year 2022; choose a month 2022-01 to 2022-12 or a "
                            "quarter 2022-Q1 to 2022-Q4, 'latest' or 'all'.")
