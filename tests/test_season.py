"""Seasons: declared profiles, the median share of earlier years, linear interpolation between month-ends."""
import math
import warnings

import numpy as np
import pandas as pd
import pytest

from kpi.model.season import MONTH_ENDS, Profile, history_shares, interpolate, parse_profile

nan = math.nan


# --- declared profiles --------------------------------------------------------------------------------
def test_year_end_profile_is_nothing_until_december():
    p = Profile.year_end()
    assert p.name == "year_end"
    assert p.shares == (0.0,) * 12 + (1.0,)
    assert [p.share(m) for m in (0, 9, 11, 12)] == [0.0, 0.0, 0.0, 1.0]


def test_quarter_points_are_interpolated_by_month():
    p = parse_profile({"Q1": 10, "Q2": 30, "Q3": 55})
    assert p.name == "declared"
    # 0 at 1 January, 10% by March, 30% by June, 55% by September, 100% by December; straight lines between
    expected = [0, 10 / 3, 20 / 3, 10, 10 + 20 / 3, 10 + 40 / 3, 30, 30 + 25 / 3, 30 + 50 / 3, 55, 70, 85, 100]
    assert [s * 100 for s in p.shares] == pytest.approx(expected)
    assert len(p.shares) == 13  # 1 January, then the end of each month


def test_month_points():
    p = parse_profile({5: 40, 10: 85})
    assert p.share(5) == pytest.approx(0.40) and p.share(10) == pytest.approx(0.85)
    assert p.share(7) == pytest.approx(0.40 + 0.45 * 2 / 5)   # 0.58
    assert p.share(11) == pytest.approx(0.85 + 0.15 / 2)      # 0.925
    assert p.share(1) == pytest.approx(0.08)                  # 40% over 5 months
    assert parse_profile("year_end") == Profile.year_end()
    assert parse_profile({"Q1": 25}) == Profile.from_points({3: 25})
    assert parse_profile({1: 5, 11: 95}).shares[:2] == (0.0, 0.05)  # months 1 and 11 are allowed


NOT_A_PROFILE = " is neither 'year_end' nor a mapping of cumulative percents, e.g. {Q1: 10, Q2: 30, Q3: 55} or {5: 40, 10: 85}"
NOT_A_KEY = " is not Q1-Q3 or a month 1-11 (the year end is 100%)"
NOT_A_PERCENT = " is not a percent from 0 to 100"


@pytest.mark.parametrize("spec, message", [
    ("linear", "profile 'linear'" + NOT_A_PROFILE),
    ({}, "profile {}" + NOT_A_PROFILE),
    ([10, 30], "profile [10, 30]" + NOT_A_PROFILE),
    ({"Q4": 100}, "profile key 'Q4'" + NOT_A_KEY),
    ({12: 100}, "profile key 12" + NOT_A_KEY),
    ({0: 0}, "profile key 0" + NOT_A_KEY),
    ({True: 10}, "profile key True" + NOT_A_KEY),
    ({"5": 10}, "profile key '5'" + NOT_A_KEY),
    ({"Q1": 10, 3: 12}, "profile gives month 3 twice"),
    ({"Q1": 101}, "profile value 101 at Q1" + NOT_A_PERCENT),
    ({"Q1": -1}, "profile value -1 at Q1" + NOT_A_PERCENT),
    ({"Q1": "10"}, "profile value '10' at Q1" + NOT_A_PERCENT),
    ({"Q1": True}, "profile value True at Q1" + NOT_A_PERCENT),
    ({"Q1": 50, "Q2": 40}, "cumulative shares must not fall from one period to the next"),
    ({"Q1": 50, 4: 49}, "cumulative shares must not fall from one period to the next"),  # from one month to the next
])
def test_bad_profiles_say_why(spec, message):
    with pytest.raises(ValueError) as e:
        parse_profile(spec)
    assert str(e.value) == message


def test_profile_ends_are_checked():
    with pytest.raises(ValueError, match=r"^a profile needs 13 cumulative shares from 0 \(1 January\) to 1"):
        Profile("x", (0.0,) * 12)
    with pytest.raises(ValueError, match="^a profile needs 13"):
        Profile("x", (0.1,) + (1.0,) * 12)
    with pytest.raises(ValueError, match="^a profile needs 13"):
        Profile("x", (0.0,) * 13)
    assert parse_profile({"Q1": 0, "Q3": 100}).shares[9:] == (1.0, 1.0, 1.0, 1.0)  # 0% and 100% are allowed


# --- interpolation between month-ends -----------------------------------------------------------------
def _row(points: dict[int, float]) -> np.ndarray:
    r = np.full(MONTH_ENDS, np.nan)
    r[0], r[12] = 0.0, 1.0
    for m, v in points.items():
        r[m] = v
    return r


def test_interpolate_between_known_month_ends():
    shares = np.array([_row({3: 0.1, 6: 0.4}), _row({3: 0.1, 6: 0.4}), _row({5: 0.4}), _row({5: 0.4}),
                       _row({3: 0.2})])
    months = np.array([5, 6, 7, 5, 4])
    got = interpolate(shares, months)
    # 0.1 + 0.3 * 2/3; known at 6; 0.4 + 0.6 * 2/7; known at 5; 0.2 + 0.8 * 1/9
    np.testing.assert_allclose(got, [0.3, 0.4, 0.4 + 0.6 * 2 / 7, 0.4, 0.2 + 0.8 / 9])


def test_interpolate_from_january_quietly():
    shares = np.array([_row({1: 0.1}), _row({1: 0.1}), _row({1: 0.1})])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a known month-end divides 0 by 0 in the weights: no warning
        got = interpolate(shares, np.array([1, 2, 12]))
    # known at January; 0.1 + 0.9 * 1/11 by February; the year end is left alone
    np.testing.assert_allclose(got, [0.1, 0.1 + 0.9 / 11, np.nan])


def test_interpolate_needs_an_in_year_figure_and_leaves_the_year_end_alone():
    shares = np.array([_row({6: 0.5}), _row({6: 0.5}), _row({}), _row({6: 0.5}), _row({6: 0.5})])
    got = interpolate(shares, np.array([5, 0, 9, 12, 13]))
    # month 5 has only 1 January before it: no season; month 0 likewise; no in-year figure at all;
    # the year end (and beyond, clipped to it) is 100% whatever the basis
    assert np.isnan(got).all()


def test_interpolate_of_nothing():
    assert interpolate(np.empty((0, MONTH_ENDS)), np.array([], dtype=int)).shape == (0,)


# --- the median share of earlier years ------------------------------------------------------------------
def _history(rows):
    return pd.DataFrame([dict(area=a, indicator=i, _year=y, _month=m, value=float(v)) for a, i, y, m, v in rows])


KEYS = ["area", "indicator"]


def test_history_shares_median_and_years_per_key():
    history = _history([
        ("x", "rev", 2019, 6, 400), ("x", "rev", 2019, 12, 1000),     # 0.40 by June
        ("x", "rev", 2020, 6, 600), ("x", "rev", 2020, 12, 1200),     # 0.50 by June
        ("x", "rev", 2018, 6, 300),                                   # no year end: does not count
        ("x", "tax", 2020, 3, 30), ("x", "tax", 2020, 12, 100),       # 0.30 by March
        ("y", "rev", 2020, 6, 100), ("y", "rev", 2020, 12, 1000),     # another area, its own season
        ("x", "zero", 2020, 6, 10), ("x", "zero", 2020, 12, 0),       # a zero year end gives no share
    ])
    wanted = pd.DataFrame({"area": ["x", "x", "y", "x", "x"], "indicator": ["rev", "tax", "rev", "zero", "none"],
                           "month": [6, 3, 6, 6, 6]})
    got = history_shares(history, KEYS, wanted)
    expected = pd.DataFrame({"area": ["x", "x", "y", "x", "x"], "indicator": ["rev", "tax", "rev", "zero", "none"],
                             "month": [6, 3, 6, 6, 6], "share": [0.45, 0.30, 0.10, nan, nan],
                             "years": ["2019, 2020", "2020", "2020", "", ""]})
    pd.testing.assert_frame_equal(got, expected)


def test_history_shares_median_of_three_years_and_interpolation():
    history = _history([
        ("x", "rev", 2018, 3, 10), ("x", "rev", 2018, 6, 40), ("x", "rev", 2018, 12, 100),   # by May 0.30
        ("x", "rev", 2019, 3, 20), ("x", "rev", 2019, 6, 50), ("x", "rev", 2019, 12, 100),   # by May 0.40
        ("x", "rev", 2020, 3, 50), ("x", "rev", 2020, 6, 80), ("x", "rev", 2020, 12, 100),   # by May 0.70
    ])
    got = history_shares(history, KEYS, pd.DataFrame({"area": ["x"], "indicator": ["rev"], "month": [5]}))
    assert got["share"].tolist() == pytest.approx([0.40])
    assert got["years"].tolist() == ["2018, 2019, 2020"]


def test_history_shares_without_history():
    wanted = pd.DataFrame({"area": ["x"], "indicator": ["rev"], "month": [6]})
    empty = _history([]).reindex(columns=["area", "indicator", "_year", "_month", "value"])
    for history in (empty, _history([("x", "rev", 2020, 6, 5)])):  # nothing, or no year end
        got = history_shares(history, KEYS, wanted)
        pd.testing.assert_frame_equal(got, wanted.assign(share=nan, years=""))
    # a year whose only in-year figure lies after the month asked contributes nothing
    late = _history([("x", "rev", 2020, 9, 50), ("x", "rev", 2020, 12, 100)])
    pd.testing.assert_frame_equal(history_shares(late, KEYS, wanted), wanted.assign(share=nan, years=""))
    none = wanted.iloc[:0]
    assert history_shares(_history([("x", "rev", 2020, 12, 100)]), KEYS, none).empty


def test_history_shares_years_far_apart():
    # 1950 and 2020 are 70 years apart: the years are still listed in order
    history = _history([("x", "rev", 2020, 6, 50), ("x", "rev", 2020, 12, 100),
                        ("x", "rev", 1950, 6, 30), ("x", "rev", 1950, 12, 100),
                        ("y", "rev", 2019, 6, 20), ("y", "rev", 2019, 12, 100)])
    wanted = pd.DataFrame({"area": ["x", "y"], "indicator": ["rev", "rev"], "month": [6, 6]})
    got = history_shares(history, KEYS, wanted)
    assert got["years"].tolist() == ["1950, 2020", "2019"]
    assert got["share"].tolist() == pytest.approx([0.40, 0.20])


# --- a declared season for a flow with no history: Kon Tum's planting in the rainy season -------------------------
def test_a_planting_target_follows_its_declared_rainy_season_at_six_and_nine_months(kontum):
    import kpi

    plan, obs = kontum
    # profile {4: 0, 10: 100}: nothing by April, then a sixth a month May to October
    assert plan.target("new_medicinal_plants").profile.shares[4:11] == pytest.approx(
        (0, 1 / 6, 2 / 6, 3 / 6, 4 / 6, 5 / 6, 1))
    q1, q2, q3 = (kpi.assess(plan, obs, p).set_index("indicator").loc["new_medicinal_plants"]
                  for p in ("2021-Q1", "2021-Q2", "2021-Q3"))
    assert (q1["expected_pct"], q1["status"]) == (0, "not_due")  # no planting expected before the rains
    # 200 ha of 2,000 by June: 10% against 33,3% expected; the year on that pace: 200 / (2/6) = 600 ha, off track
    assert (q2["attainment_pct"], q2["expected_pct"], q2["projection"], q2["status"]) == pytest.approx(
        (10, 100 / 3, 600, "off_track"))
    # 960 ha by September: 48% against 83,3%; 960 / (5/6) = 1,152 ha, still off track (linear said 1,280)
    assert (q3["attainment_pct"], q3["expected_pct"], q3["projection"], q3["status"]) == pytest.approx(
        (48, 500 / 6, 1152, "off_track"))
    assert (q3["expected_basis"], q3["expected_years"]) == (
        "profile", "mùa mưa tháng 5-10, chia đều (giả định của cơ quan)")


def test_the_rainy_season_reads_an_early_start_as_a_planner_would(kontum):
    import pandas as pd

    import kpi

    plan, obs = kontum
    # 700 ha by June: a third of the season is 667 ha, so the year is on track (700 × 3 = 2,100 ≥ 2,000), where a
    # straight line (700 × 2 = 1,400) would have called it off track
    more = pd.concat([obs[obs["indicator"] != "new_medicinal_plants"], pd.DataFrame([dict(
        indicator="new_medicinal_plants", period="2021-Q2", value=700.0, kind="estimate", qualifier="", source="s",
        note="")])], ignore_index=True)
    row = kpi.assess(plan, more, "2021-Q2").set_index("indicator").loc["new_medicinal_plants"]
    assert (row["projection"], row["status"]) == pytest.approx((2100, "on_track"))


def test_a_profile_note_must_be_a_text(tmp_path):
    from kpi.errors import PlanError

    import kpi
    from conftest import MINI

    text = (MINI / "plan.yaml").read_text(encoding="utf-8").replace(
        "measure: flow, rule: {at_least: 1000}}", "measure: flow, rule: {at_least: 1000}, profile: {Q2: 40, note: 5}}")
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(PlanError, match="target 'revenue', profile: 'note' is 5; write it as {vi: ..., en: ...}"):
        kpi.load_plan(tmp_path)
