import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

import kpi
from kpi.assessment import assess_many, targets_frame, verdict, _gap, _value_interval
from kpi.rules import bands_of

COLS = ["indicator", "actual", "as_of", "baseline", "last_year", "gap", "attainment_pct", "expected_pct",
        "expected_basis", "projection", "projection_method", "required_pace", "status"]


def test_mini_plan_at_2021_q2_hand_computed(mini):
    plan, obs = mini
    got = kpi.assess(plan, obs, "2021-Q2")[COLS]
    nan = math.nan
    expected = pd.DataFrame([
        # growth derived: 4400 / 4000 - 1 = 10.0%, not "above 10"; short by 0 <= 10% of 10 -> at risk
        ("grdp_growth", 10.0, "2021-Q2", nan, nan, 0.0, nan, nan, "", 10.0, "latest", 0.0, "at_risk"),
        # share derived: 1290 / 6000 = 21.5%, inside 21-22
        ("share_agriculture", 21.5, "2021-Q2", nan, nan, 0.0, nan, nan, "", 21.5, "latest", 0.0, "on_track"),
        ("grdp_per_capita", nan, "", nan, nan, nan, nan, nan, "", nan, "", nan, "no_data"),
        # 500 of 1000; last year 450 of 1000 by Q2 -> expected 45%, projection 500 / 0.45, pace (1000-500)/2
        ("revenue", 500.0, "2021-Q2", nan, 450.0, -500.0, 50.0, 45.0, "history", 1111.111111111, "seasonal", 250.0,
         "on_track"),
        # 120 of 400, no history: expected 2/4, projection 240, short by 160 > 40 -> off track
        ("private_revenue", 120.0, "2021-Q2", nan, nan, -280.0, 30.0, 50.0, "linear", 240.0, "run_rate", 140.0,
         "off_track"),
        # cap 800: 420 runs to 840, 40 over = 5% of 800 -> at risk; 190 a quarter allowed
        ("spending_cap", 420.0, "2021-Q2", nan, nan, 380.0, nan, 50.0, "linear", 840.0, "run_rate", 190.0, "at_risk"),
        # below 30: 31 is 1 over, within 3 -> at risk; must fall by 1
        ("stunting", 31.0, "2021-Q2", nan, nan, -1.0, nan, nan, "", 31.0, "latest", -1.0, "at_risk"),
        ("population", 100500.0, "2021-Q2", nan, nan, 0.0, nan, nan, "", 100500.0, "latest", 0.0, "on_track"),
        # reduce 2 points from 12 -> at most 10; 10.5 achieved 1.5 of 2 = 75%
        ("poverty_rate", 10.5, "2021-Q2", 12.0, nan, -0.5, 75.0, nan, "", 10.5, "latest", -0.5, "at_risk"),
        # increase 5 from 40 -> at least 45; 43 achieved 3 of 5 = 60%
        ("clinics", 43.0, "2021-Q2", 40.0, nan, -2.0, 60.0, nan, "", 43.0, "latest", 2.0, "at_risk"),
        # "more than 15" against "at most 20": open
        ("safe_units", 15.0, "2021-Q2", nan, nan, 5.0, nan, nan, "", 15.0, "latest", 0.0, "undetermined"),
    ], columns=COLS)
    pd.testing.assert_frame_equal(got, expected, check_exact=False, rtol=1e-9)


def test_expected_progress_at_q1_uses_last_years_season(mini):
    plan, obs = mini
    row = kpi.assess(plan, obs, "2021-Q1").set_index("indicator").loc["revenue"]
    assert row.expected_pct == pytest.approx(20.0)  # 200 of 1000 by Q1 2020
    assert row.attainment_pct == pytest.approx(22.0)
    assert row.projection == pytest.approx(1100.0)
    assert row.status == "on_track"
    # A figure from an earlier quarter keeps the verdict of its own quarter, marked stale: at Q2, 500
    # of 1000 against last year's 45% projects 1111 -> on track (not "no data", not a Q3 verdict).
    row = kpi.assess(plan, obs, "2021-Q3").set_index("indicator").loc["revenue"]
    assert (row.actual, row.as_of, row.stale, row.status) == (500.0, "2021-Q2", True, "on_track")
    assert row.projection == pytest.approx(500 / 0.45)
    assert row.expected_pct == pytest.approx(70.0)  # 700 of 1000 by Q3 2020: the period's own expectation


def test_a_flow_at_its_annual_target_is_met_early(mini):
    plan, obs = mini
    more = pd.concat([obs, pd.DataFrame([dict(indicator="revenue", period="2021-Q3", value=1000.0, kind="estimate",
                                              qualifier="", source="", note="")])], ignore_index=True)
    assert kpi.assess(plan, more, "2021-Q3").set_index("indicator").loc["revenue", "status"] == "met"


# --- Kon Tum 2021: the year-end verdicts the published figures give ---------------------------------
KONTUM_Q4 = {
    "grdp_growth": (6.47, "missed"),
    "share_agriculture": (20.19, "missed"),
    "share_industry": (28.64, "met"),
    "share_services": (42.61, "missed"),
    "budget_revenue": (3500, "met"),
    "total_investment": (20000, "met"),   # "hơn 20.000" against "trên 20.000"
    "grdp_per_capita": (47, "missed"),    # "gần 47" against "trên 50"
    "exports": (290, "met"),
    "new_rural_communes": (8, "met"),
    "poverty_rate": (6.29, "met"),        # 10.29 - 4, derived
    "population": (568780, "met"),
}


@pytest.fixture(scope="module")
def kontum_q4(kontum):
    plan, obs = kontum
    return kpi.assess(plan, obs, "2021-Q4").set_index("indicator")


@pytest.mark.parametrize("tid", sorted(KONTUM_Q4))
def test_kontum_2021_year_end_verdict(kontum_q4, tid):
    value, status = KONTUM_Q4[tid]
    assert kontum_q4.loc[tid, "actual"] == pytest.approx(value)
    assert kontum_q4.loc[tid, "status"] == status


# Figures older than the year end keep the verdict of their own period (never met/missed).
KONTUM_Q4_STALE = {
    "new_fruit_trees": ("2021-Q2", "at_risk"),        # 900 of 2000 by 6 months runs to 1800: short by 10%
    "new_macadamia": ("2021-Q2", "off_track"),        # 76 of 400 runs to 152
    "new_ginseng": ("2021-Q2", "off_track"),          # 113 of 500 runs to 226
    "new_medicinal_plants": ("2021-Q3", "off_track"),  # 960 of 2000 by 9 months runs to 1280
    "health_insurance": ("2021-Q2", "undetermined"),  # "hơn 92%" against "trên 92,5%"
}


def test_kontum_2021_stale_figures_keep_their_own_verdict(kontum_q4):
    stale = kontum_q4[kontum_q4["stale"]]
    assert {i: (r.as_of, r.status) for i, r in stale.iterrows()} == KONTUM_Q4_STALE


def test_kontum_2021_other_targets_have_no_data(kontum_q4):
    rest = kontum_q4.drop(index=list(KONTUM_Q4) + list(KONTUM_Q4_STALE))
    assert set(rest["status"]) == {"no_data"}
    assert len(rest) == 43 - len(KONTUM_Q4) - len(KONTUM_Q4_STALE)


def test_kontum_poverty_is_derived_from_the_reported_fall(kontum_q4):
    row = kontum_q4.loc["poverty_rate"]
    assert (row.baseline, row.derived, row.kind, row.gap) == (10.29, True, "derived", 0.0)
    assert row.attainment_pct == pytest.approx(100.0)


def test_kontum_exports_attainment_is_about_180_pct(kontum_q4):
    assert kontum_q4.loc["exports", "attainment_pct"] == pytest.approx(179.0, abs=0.1)  # "đạt gần 180% kế hoạch"


# The attainment the province itself reported (plan_pct rows of the published figures).
# Exact figures must agree within rounding; a figure published as "khoảng x" (about, ±5%) must
# bracket the reported percent.
PLAN_PCT = [
    ("budget_revenue", "2021-Q1", 23.6, 0.05),
    ("budget_revenue", "2021-Q2", 42.37, 0.005),
    ("budget_revenue", "2021-Q4", 100.0, 0.05),
    ("new_rural_communes", "2021-Q3", 12.5, 0.05),
    ("new_medicinal_plants", "2021-Q3", 48.0, 0.5),
]


@pytest.mark.parametrize("tid, period, published, tol", PLAN_PCT)
def test_attainment_reproduces_the_published_percent(kontum, tid, period, published, tol):
    plan, obs = kontum
    got = kpi.assess(plan, obs, period).set_index("indicator").loc[tid, "attainment_pct"]
    assert got == pytest.approx(published, abs=tol)


def test_approximate_budget_at_9_months_brackets_the_published_59_2_pct(kontum):
    plan, obs = kontum
    row = kpi.assess(plan, obs, "2021-Q3").set_index("indicator").loc["budget_revenue"]
    assert row.qualifier == "about" and row.attainment_pct == pytest.approx(57.142857)
    pct = kpi.Thresholds().figure_about_pct
    low, high = row.attainment_pct * (1 - pct / 100), row.attainment_pct * (1 + pct / 100)
    assert low <= 59.2 <= high
    # The season of the earlier years on file, by the end of September (interpolated between known month-ends):
    # 2019: 1426 of 3250 by June -> 0.43877 + (1 - 0.43877) * 3/6 = 0.71938
    # 2020: 554.199 of 3000 by February -> 0.18473 + (1 - 0.18473) * 7/10 = 0.75542
    # median 0.73740; 2000 / 0.73740 = 2712.2, short of 3500 by 22.5% -> off track
    assert row.expected_pct == pytest.approx(73.740, abs=0.001)
    assert (row.expected_basis, row.expected_years) == ("history", "2019, 2020")
    assert row.projection == pytest.approx(2712.2, abs=0.1) and row.status == "off_track"


def test_period_outside_plan_year_is_refused(kontum):
    plan, obs = kontum
    with pytest.raises(kpi.KpiError, match="period '2022-Q1' is not in the plan year 2021"):
        kpi.assess(plan, obs, "2022-Q1")


def test_latest_period(kontum, mini):
    assert kpi.latest_period(*kontum) == "2021-Q4"
    assert kpi.latest_period(*mini) == "2021-Q2"


# --- Exact rules and qualifiers --------------------------------------------------------------------
def _one(kind, a, b, value, qualifier="", baseline=np.nan):
    k = np.array([kind])
    t = bands_of(k, np.array([a], float), np.array([b], float), np.array([baseline], float))
    v = _value_interval(np.array([value], float), np.array([qualifier]))
    return verdict(*v, *t)[0], _gap(np.array([value]), t[0], t[2])[0]


@pytest.mark.parametrize("kind, a, b, value, qualifier, expected", [
    ("above", 10, np.nan, 10.0, "", "missed"),            # "trên 10%" is not met by 10.0
    ("at_least", 54, np.nan, 54.0, "", "met"),            # "đạt 54%" is
    ("between", 21, 22, 21.0, "", "met"),                 # a range includes its ends
    ("between", 21, 22, 22.0, "", "met"),
    ("about", 100, 2, 102.0, "", "met"),
    ("about", 100, 2, 102.1, "", "missed"),
    ("above", 20000, np.nan, 20000, "more_than", "met"),  # "hơn 20.000" meets "trên 20.000"
    ("at_least", 47, np.nan, 47, "less_than", "missed"),  # "gần 47" does not meet "đạt 47"
    ("at_least", 47, np.nan, 47, "", "met"),
    ("below", 35.6, np.nan, 35.6, "less_than", "met"),
    ("at_most", 20, np.nan, 15, "more_than", "undetermined"),
])
def test_rules_are_exact(kind, a, b, value, qualifier, expected):
    assert _one(kind, a, b, value, qualifier)[0] == expected


KINDS = ["above", "at_least", "below", "at_most", "between", "about", "reduce_by", "increase_by"]
num = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


@given(kind=st.sampled_from(KINDS), a=num, b=num, value=num, base=num)
def test_status_agrees_with_gap_sign(kind, a, b, value, base):
    if kind == "between":
        a, b = min(a, b), max(a, b)
    if kind == "about":
        b = abs(b) % 50
    status, gap = _one(kind, a, b, value, "", base)
    closed = kind not in ("above", "below")
    two_sided = kind in ("between", "about")
    if two_sided:
        assert (status == "met") == (gap == 0)
        assert gap <= 0
    elif closed:
        assert (status == "met") == (gap >= 0)
    else:
        assert (status == "met") == (gap > 0)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["at_least", "above"]), st.floats(1, 1e4), st.floats(0, 2e4)),
                min_size=1, max_size=20))
def test_many_areas_assess_like_one(rows):
    targets = pd.DataFrame([dict(area=f"a{i}", order=0, indicator="x", group="economy", measure="flow",
                                 rule=k, rule_kind=k, a=a, b=np.nan, target=a, unit="", name="x", parent="",
                                 year=2021) for i, (k, a, _) in enumerate(rows)])
    obs = pd.DataFrame([dict(area=f"a{i}", indicator="x", period="2021-Q4", value=v, kind="", qualifier="",
                             source="", note="") for i, (_, _, v) in enumerate(rows)])
    out = assess_many(targets, obs, "2021-Q4").set_index("area")["status"]
    for i, (k, a, v) in enumerate(rows):
        status = out[f"a{i}"]
        a, v = round(a, 9), round(v, 9)  # figures are compared at 9 decimals
        assert status == ("met" if (v > a if k == "above" else v >= a) else "missed")
