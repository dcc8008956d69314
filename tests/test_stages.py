"""Each stage of the engine alone, on a hand-built frame (kpi.assessment.engine's method, one step at a time).

The frames are what ``assess_many`` hands each stage: one row per target (``f``) and the observations
with their slot and the position of their target (``obs``: ``_year``, ``_month``, ``_pos``).
"""
import math

import numpy as np
import pandas as pd
import pytest

from kpi.assessment.engine import Thresholds, baselines, expected_shares, figure_in_force, projections, verdicts
from kpi.model.period import Period
from kpi.model.season import parse_profile


def observations(rows):
    """(target position, period, value[, qualifier]) -> the observations frame the stages read."""
    out = []
    for r in rows:
        pos, period, value, qualifier = (*r, "")[:4]
        p = Period.parse(period)
        out.append(dict(_pos=pos, period=period, _year=p.year, _month=p.month, value=float(value),
                        qualifier=qualifier, kind="estimate", source=f"s{pos}", derived=False, note=""))
    return pd.DataFrame(out)


# --- stage 1 -----------------------------------------------------------------------------------------
def test_figure_in_force_takes_the_latest_of_the_year_up_to_the_period():
    f = pd.DataFrame({"measure": ["flow", "level", "flow"]})
    obs = observations([
        (0, "2021-03", 100), (0, "2021-Q2", 250, "about"), (0, "2021-10", 900),  # October: after the period
        (0, "2020-09", 700),                                                     # last year: never in force
        (1, "2021-09", 63.1),
    ])
    got = figure_in_force(f, obs, Period.parse("2021-Q3"))
    assert got["actual"].tolist()[:2] == [250.0, 63.1] and math.isnan(got["actual"].iloc[2])
    assert got["as_of"].tolist()[:2] == ["2021-Q2", "2021-09"]
    assert got["qualifier"].tolist()[:2] == ["about", ""]
    assert got["as_of_month"].tolist()[:2] == [6, 9]
    assert got["has"].tolist() == [True, True, False]
    assert got["stale"].tolist() == [True, False, False]  # June's figure at September's end is stale


# --- stage 2 -----------------------------------------------------------------------------------------
def test_baselines_last_years_end_for_the_rules_that_need_it_and_the_same_month():
    f = pd.DataFrame({"rule_kind": ["reduce_by", "at_least", "increase_by"]})
    obs = observations([(0, "2020-12", 10.3), (0, "2020-09", 11.0), (1, "2020-12", 3000), (1, "2020-Q3", 2000),
                        (2, "2019-12", 40), (0, "2021-09", 9.0)])
    got = baselines(f, obs, Period.parse("2021-09"))
    assert got["baseline"].tolist()[0] == 10.3
    assert math.isnan(got["baseline"].iloc[1])       # at_least needs no baseline: none even with a figure
    assert math.isnan(got["baseline"].iloc[2])       # 2019's end is not last year's
    assert got["last_year"].tolist()[:2] == [11.0, 2000.0]  # '2020-Q3' is September 2020's slot
    assert math.isnan(got["last_year"].iloc[2])


# --- stage 3 -----------------------------------------------------------------------------------------
def test_expected_shares_profile_history_and_linear():
    f = pd.DataFrame({"measure": ["flow", "flow", "flow", "level", "flow"],
                      "as_of_month": [6.0, 9.0, 9.0, 9.0, np.nan],
                      "profile": [parse_profile({"Q1": 10, "Q2": 30, "Q3": 55}), None, None, None,
                                  parse_profile("year_end")]})
    obs = observations([
        # target 1: two earlier years, 60% and 70% by September -> median 65%; June: 40% and 50% -> 45%
        (1, "2019-06", 400), (1, "2019-09", 600), (1, "2019-12", 1000),
        (1, "2020-06", 1000), (1, "2020-09", 1400), (1, "2020-12", 2000),
        (2, "2021-09", 5),  # target 2: no earlier year: linear
    ])
    got = expected_shares(f, obs, Period.parse("2021-Q3"))
    assert got["expected_pct"].round(9).tolist()[:3] == [55.0, 65.0, 75.0]
    assert math.isnan(got["expected_pct"].iloc[3])   # a level has no expected share
    assert got["expected_pct"].iloc[4] == 0.0        # counted only at the year end
    assert got["expected_basis"].tolist() == ["profile", "history", "linear", "", "year_end"]
    assert got["expected_years"].tolist() == ["", "2019, 2020", "", "", ""]
    # by the figure's own month: June under the profile is 30%
    assert got["share_asof"].round(9).tolist()[:3] == [0.3, 0.65, 0.75]
    assert got["asof_basis"].tolist()[:3] == ["profile", "history", "linear"]


def test_expected_shares_by_the_figures_own_month_from_history():
    f = pd.DataFrame({"measure": ["flow"], "as_of_month": [6.0], "profile": [None]})
    obs = observations([(0, "2019-06", 400), (0, "2019-09", 600), (0, "2019-12", 1000),
                        (0, "2020-06", 1000), (0, "2020-09", 1400), (0, "2020-12", 2000)])
    got = expected_shares(f, obs, Period.parse("2021-Q3"))
    assert got["expected_pct"].round(9).tolist() == [65.0]  # by September
    assert got["share_asof"].round(9).tolist() == [0.45]    # by June: 40% and 50%


# --- stage 4 -----------------------------------------------------------------------------------------
def test_projections_divide_a_flow_by_its_share_and_restate_the_rest():
    f = pd.DataFrame({"measure": ["flow", "flow", "level", "flow", "flow"],
                      "actual": [450.0, 3520.0, 63.1, np.nan, 10.0],
                      "has": [True, True, True, False, True],
                      "as_of_month": [6.0, 12.0, 9.0, np.nan, 3.0],
                      "share_asof": [0.45, 1.0, np.nan, 0.75, 0.0],
                      "asof_basis": ["history", "linear", "linear", "linear", "profile"]})
    got = projections(f)
    assert got["projection"].iloc[:3].tolist() == [1000.0, 3520.0, 63.1]
    assert math.isnan(got["projection"].iloc[3]) and math.isnan(got["projection"].iloc[4])  # no figure; 10 / 0
    assert got["projection_method"].tolist() == ["seasonal", "actual", "latest", "", "profile"]


# --- stage 5 -----------------------------------------------------------------------------------------
def _verdict_frame(**columns):
    n = len(columns["actual"])
    base = dict(rule_kind=["at_least"] * n, measure=["flow"] * n, has=[True] * n, qualifier=[""] * n,
                baseline=[np.nan] * n, a=[1000.0] * n, b=[np.nan] * n, factor=[1.0] * n, as_of_month=[9.0] * n,
                expected_basis=["linear"] * n, expected_pct=[75.0] * n, stale=[False] * n)
    base.update(columns)
    return pd.DataFrame(base)


def test_verdicts_in_the_year():
    # at least 1000 by the year end; by September: 800 / 0.75 = 1066.7 on track, 690 / 0.75 = 920 at risk
    # (short by 80 = 8% of 1000), 600 / 0.75 = 800 off track, 1200 already past it (exceeded); a year_end flow
    # is not due
    f = _verdict_frame(actual=[800.0, 690.0, 600.0, 1200.0, 5.0], factor=[1 / 0.75] * 5,
                       expected_basis=["linear"] * 4 + ["year_end"])
    got = verdicts(f, Period.parse("2021-Q3"), Thresholds())
    assert got["status"].tolist() == ["on_track", "at_risk", "off_track", "exceeded", "not_due"]
    assert got["gap"].round(9).tolist() == [-200.0, -310.0, -400.0, 200.0, -995.0]
    assert got["attainment_pct"].round(9).tolist() == [80.0, 69.0, 60.0, 120.0, 0.5]
    assert got["required_pace"].round(9).tolist() == [200.0, 310.0, 400.0, 0.0, 995.0]  # one quarter left


def test_verdicts_at_the_year_end_bounds_and_about():
    # a current December figure is judged by the rule; 'hơn 990' straddles 1000: undetermined; 'khoảng 1020'
    # is judged on 1020 (beyond 1000: exceeded), approximate because 969 (−5%) would miss; a stale figure gets
    # no met/missed
    f = _verdict_frame(actual=[1000.0, 999.0, 990.0, 1020.0, 1200.0],
                       qualifier=["", "", "more_than", "about", ""],
                       as_of_month=[12.0, 12.0, 12.0, 12.0, 6.0], stale=[False] * 4 + [True],
                       factor=[1.0] * 4 + [2.0], expected_pct=[100.0] * 5)
    got = verdicts(f, Period.parse("2021-12"), Thresholds())
    assert got["status"].tolist() == ["met", "missed", "undetermined", "exceeded", "on_track"]
    assert got["approximate"].tolist() == [False, False, False, True, False]
    assert got["required_pace"].isna().all()  # nothing left to do in the year


@pytest.mark.parametrize("period, statuses", [
    ("2021-08", ["no_data", "not_due", "not_due", "no_data"]),  # nothing is due yet of a year-end count
    ("2021-Q4", ["no_data", "no_data", "no_data", "no_data"]),  # at the year end no figure is no data
])
def test_verdicts_without_a_figure(period, statuses):
    # a linear flow, a year_end flow, a profile expecting 0% by now, and a year_end *level* (not counted so)
    f = _verdict_frame(actual=[np.nan] * 4, has=[False] * 4, as_of_month=[np.nan] * 4,
                       measure=["flow", "flow", "flow", "level"],
                       expected_basis=["linear", "year_end", "profile", "year_end"],
                       expected_pct=[66.7, 0.0, 0.0, 0.0] if period == "2021-08" else [100.0] * 4)
    assert verdicts(f, Period.parse(period), Thresholds())["status"].tolist() == statuses


def test_verdicts_read_the_at_risk_share_from_the_thresholds():
    f = _verdict_frame(actual=[690.0], factor=[1 / 0.75])  # projects 920: short by 8% of the target
    assert verdicts(f.copy(), Period.parse("2021-Q3"), Thresholds(at_risk_pct=10))["status"].tolist() == ["at_risk"]
    assert verdicts(f.copy(), Period.parse("2021-Q3"), Thresholds(at_risk_pct=5))["status"].tolist() == ["off_track"]


@pytest.mark.parametrize("kind, a, b, baseline, actual, status", [
    ("below", 30.0, np.nan, np.nan, 29.5, "met"),
    ("between", 21.0, 22.0, np.nan, 22.0, "met"),        # a range includes its ends
    ("above", 10.0, np.nan, np.nan, 10.0, "missed"),     # 'trên 10' is not met by 10.0
    ("reduce_by", 4.0, np.nan, 10.29, 6.29, "met"),      # 10.29 − 4 = 6.29, at most
    ("reduce_by", 4.0, np.nan, 10.29, 6.30, "missed"),
])
def test_verdicts_by_rule_at_the_year_end(kind, a, b, baseline, actual, status):
    f = _verdict_frame(rule_kind=[kind], measure=["level"], a=[a], b=[b], baseline=[baseline], actual=[actual],
                       as_of_month=[12.0], expected_basis=[""], expected_pct=[np.nan])
    assert verdicts(f, Period.parse("2021-Q4"), Thresholds())["status"].tolist() == [status]


def test_figure_in_force_does_not_depend_on_the_order_of_the_rows():
    f = pd.DataFrame({"measure": ["flow"]})
    obs = observations([(0, "2021-Q2", 250), (0, "2021-03", 100), (0, "2021-01", 20)])  # latest first
    got = figure_in_force(f, obs, Period.parse("2021-Q3"))
    assert (got["actual"].iloc[0], got["as_of"].iloc[0]) == (250.0, "2021-Q2")


@pytest.mark.parametrize("dense", [True, False])
def test_positions_match_area_and_indicator_together(monkeypatch, dense):
    import kpi.assessment.engine as A

    if not dense:
        monkeypatch.setattr(A, "DENSE_PAIRS", 0)  # the path of a sparse plan set
    targets = pd.DataFrame({"area": ["a1", "a1", "a2"], "indicator": ["x", "y", "x"]})
    obs = pd.DataFrame({"area": ["a2", "a1", "a2", "a3", "a1"], "indicator": ["x", "y", "y", "x", "z"]})
    # (a2, y): both known, but not as a pair; a3 and z: unknown
    assert A._positions(targets, obs).tolist() == [2, 1, -1, -1, -1]


def test_verdicts_a_flow_with_no_projection_is_undetermined():
    f = _verdict_frame(actual=[10.0], factor=[np.nan])  # nothing to project with (a share of 0 by its month)
    got = verdicts(f, Period.parse("2021-Q1"), Thresholds())
    assert (got["status"].iloc[0], got["approximate"].iloc[0]) == ("undetermined", False)
