import dataclasses
import math
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings, strategies as st

import kpi
from kpi.story import sections
from kpi.assessment.engine import assess_many, targets_frame, verdict, _gap, _value_interval
from kpi.model.rules import bands_of

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
    # 1000.5 is past the target by less than 1: nothing more is needed, and any excess is "vượt kế hoạch"
    row = kpi.assess(plan, _with(obs, "revenue", "2021-Q3", 1000.5, ""), "2021-Q3").set_index("indicator").loc["revenue"]
    assert (row.status, row.required_pace) == ("exceeded", 0.0)


# --- Kon Tum 2021: the year-end verdicts the published figures give ---------------------------------
KONTUM_Q4 = {
    "grdp_growth": (6.47, "missed"),
    "share_agriculture": (20.19, "missed"),
    "share_industry": (28.64, "met"),
    "share_services": (42.61, "missed"),
    "budget_revenue": (3500, "met"),
    "total_investment": (20000, "exceeded"),   # "hơn 20.000" against "trên 20.000": every value it stands for is beyond
    "grdp_per_capita": (47, "missed"),    # "gần 47" against "trên 50"
    "exports": (290, "exceeded"),         # 290 against 162 million USD
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
    assert row.qualifier == "about" and row.attainment_pct == pytest.approx(57.142857)  # "khoảng 2000" of 3500
    # A figure "khoảng x" stands for x ± figure_about_pct: 57.14% ± 5% = 54.29%..60.00% holds the published 59.2%.
    about = kpi.Thresholds().figure_about_pct
    low, high = row.attainment_pct * (1 - about / 100), row.attainment_pct * (1 + about / 100)
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
    with pytest.raises(kpi.KpiError) as e:
        kpi.assess(plan, obs, "2022-Q1")
    assert str(e.value) == ("period '2022-Q1' is outside the plan year 2021; choose a month 2021-01 to 2021-12 or a "
                            "quarter 2021-Q1 to 2021-Q4.")
    with pytest.raises(kpi.KpiError) as e:
        kpi.assess(plan, obs, "2020-05")
    assert str(e.value) == ("period '2020-05' is outside the plan year 2021; choose a month 2021-01 to 2021-12 or a "
                            "quarter 2021-Q1 to 2021-Q4.")


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
    ("above", 10, np.nan, 47, "less_than", "undetermined"),   # "gần 47" may or may not be above 10
])
def test_rules_are_exact(kind, a, b, value, qualifier, expected):
    assert _one(kind, a, b, value, qualifier)[0] == expected


# --- status and gap against the rule's plain meaning (an oracle that does not read the bands) -----------
def _meets(kind, a, b, v, base) -> bool:
    """What the rule says in words, on exact fractions."""
    a, b, v, base = map(Fraction, (a, b, v, base))
    return {"above": lambda: v > a, "at_least": lambda: v >= a, "below": lambda: v < a, "at_most": lambda: v <= a,
            "between": lambda: a <= v <= b, "about": lambda: abs(v - a) <= abs(a) * b / 100,
            "reduce_by": lambda: v <= base - a, "increase_by": lambda: v >= base + a}[kind]()


def _distance(kind, a, b, v, base) -> Fraction:
    """How far the value is from meeting the rule (0 inside a two-sided band; negative is short)."""
    a, b, v, base = map(Fraction, (a, b, v, base))
    d = abs(a) * b / 100
    return {"above": lambda: v - a, "at_least": lambda: v - a, "below": lambda: a - v, "at_most": lambda: a - v,
            "between": lambda: min(v - a, b - v, 0), "about": lambda: min(v - (a - d), (a + d) - v, 0),
            "reduce_by": lambda: (base - a) - v, "increase_by": lambda: v - (base + a)}[kind]()


KINDS = ["above", "at_least", "below", "at_most", "between", "about", "reduce_by", "increase_by"]
whole = st.integers(min_value=-10**6, max_value=10**6)


@settings(max_examples=300)
@given(kind=st.sampled_from(KINDS), a=whole, b=whole, value=whole, base=whole, tol=st.integers(0, 99))
def test_status_and_gap_follow_the_rules_plain_meaning(kind, a, b, value, base, tol):
    if kind == "between":
        a, b = min(a, b), max(a, b)
    if kind == "about":
        b = tol
    status, gap = _one(kind, a, b, value, "", base)
    assert status == ("met" if _meets(kind, a, b, value, base) else "missed")
    assert gap == pytest.approx(float(_distance(kind, a, b, value, base)), abs=1e-6)


@pytest.mark.parametrize("kind, a, b, value, base, met", [
    ("above", 10, 0, 10, 0, False), ("above", 10, 0, 11, 0, True),
    ("below", 30, 0, 30, 0, False), ("at_most", 30, 0, 30, 0, True),
    ("about", 100, 2, 98, 0, True), ("about", 100, 2, 97, 0, False), ("about", -50, 10, -55, 0, True),
    ("reduce_by", 4, 0, 6, 10, True), ("reduce_by", 4, 0, 7, 10, False),
    ("increase_by", 5, 0, 45, 40, True), ("increase_by", 5, 0, 44, 40, False),
])
def test_the_oracle_itself_on_boundaries(kind, a, b, value, base, met):
    assert _meets(kind, a, b, value, base) is met
    assert _one(kind, a, b, value, "", base)[0] == ("met" if met else "missed")


def test_figures_are_compared_at_nine_decimals():
    assert _one("at_least", 0.3, np.nan, 0.1 + 0.2)[0] == "met"  # 0.30000000000000004 is 0.3
    assert _one("below", 0.3, np.nan, 0.1 + 0.2)[0] == "missed"
    assert _one("at_least", 0.3, np.nan, 0.2999999)[0] == "missed"
    assert _one("at_least", 0.3, np.nan, 0.29999999996)[0] == "met"  # equal to 9 decimals


# --- many areas at once are assessed as each alone --------------------------------------------------------
def _areas(plan, obs):
    """Three areas that differ where a leak between areas would show: the mini plan as it is; one with no
    history (linear season, no baselines) and no stunting figure; one with every figure 30% higher and
    its revenue published as "khoảng x"."""
    b = obs[~obs["period"].str.startswith("2020") & (obs["indicator"] != "stunting")]
    c = obs.assign(value=obs["value"] * 1.3,
                   qualifier=np.where(obs["indicator"] == "revenue", "about", obs["qualifier"]))
    return [(dataclasses.replace(plan, id=i), o.reset_index(drop=True)) for i, o in (("a", obs), ("b", b), ("c", c))]


@pytest.mark.parametrize("fixture, period", [
    ("mini", "2021-Q1"), ("mini", "2021-Q2"), ("mini", "2021-Q3"), ("mini", "2021-Q4"), ("mini", "2021-05"),
    ("months", "2021-05"), ("months", "2021-12"),
])
def test_many_areas_assess_like_one(request, fixture, period):
    plan, obs = request.getfixturevalue(fixture)
    areas = _areas(plan, obs)
    targets = pd.concat([targets_frame(p) for p, _ in areas], ignore_index=True)
    observations = pd.concat([o.assign(area=p.id) for p, o in areas], ignore_index=True)
    many = assess_many(targets, observations, period, derivations=plan.derivations)
    assert many["area"].tolist() == sorted(["a", "b", "c"] * len(plan.targets))
    alones = []
    for p, o in areas:
        alone = kpi.assess(p, o, period)
        got = many[many["area"] == p.id].drop(columns="area").reset_index(drop=True)
        pd.testing.assert_frame_equal(got, alone)
        alones.append(alone.to_csv())
    assert len(set(alones)) == 3  # the areas do differ, else the comparison proves little


@settings(max_examples=15, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["at_least", "above"]), st.integers(1, 10**4), st.integers(0, 2 * 10**4)),
                min_size=1, max_size=20))
def test_year_end_status_of_many_areas_is_each_rules_plain_meaning(rows):
    targets = pd.DataFrame([dict(area=f"a{i}", order=0, indicator="x", group="economy", measure="flow",
                                 rule=k, rule_kind=k, a=a, b=np.nan, target=a, unit="", name="x", parent="",
                                 year=2021) for i, (k, a, _) in enumerate(rows)])
    obs = pd.DataFrame([dict(area=f"a{i}", indicator="x", period="2021-Q4", value=v, kind="", qualifier="",
                             source="", note="") for i, (_, _, v) in enumerate(rows)])
    out = assess_many(targets, obs, "2021-Q4").set_index("area")["status"]
    # any excess over the plan's figure is "vượt kế hoạch"; "đạt" is the figure itself where the rule includes it
    assert out.to_dict() == {f"a{i}": "exceeded" if v > a else "met" if v == a and k == "at_least" else "missed"
                             for i, (k, a, v) in enumerate(rows)}


# --- the stages of the method, each against a hand-computed figure -----------------------------------------
def test_seasonal_expected_share_at_q3(mini):
    plan, obs = mini
    row = kpi.assess(plan, obs, "2021-Q3").set_index("indicator").loc["revenue"]
    # 700 of 1000 by Q3 2020 -> 70%; the only earlier year on file is 2020
    assert (row.expected_pct, row.expected_basis, row.expected_years) == (pytest.approx(70.0), "history", "2020")


def test_stale_figure_projects_with_the_share_of_its_own_period(mini):
    plan, obs = mini
    row = kpi.assess(plan, obs, "2021-Q3").set_index("indicator").loc["revenue"]
    # the figure is 500 at Q2; Q2 2020 had 450 of 1000 -> 500 / 0.45 = 1111.1 (not 500 / 0.70 = 714.3)
    assert (row.as_of, row.stale) == ("2021-Q2", True)
    assert row.projection == 1111.111111111  # rounded to 9 decimals
    assert (row.projection_method, row.status) == ("seasonal", "on_track")
    # one quarter left: 1000 − 500 in it
    assert row.required_pace == 500.0


MONTH_COLS = ["indicator", "actual", "as_of", "stale", "last_year", "gap", "attainment_pct", "expected_pct",
              "expected_basis", "expected_years", "projection", "projection_method", "required_pace", "status"]


def test_a_month_end_to_end(months):
    plan, obs = months
    got = kpi.assess(plan, obs, "2021-05")[MONTH_COLS]
    nan = math.nan
    expected = pd.DataFrame([
        # flow: 540 of 1200 = 45%; May 2020 had 400 of 1000 -> 40% expected; 540 / 0.4 = 1350 >= 1200;
        # the 7 months left need (1200 - 540) / 7 = 94.29 a month
        ("sales", 540.0, "2021-05", False, 400.0, -660.0, 45.0, 40.0, "history", "2020", 1350.0, "seasonal",
         94.285714286, "on_track"),
        # growth: 6.5 against above 7: short by 0.5 <= 10% of 7 -> at risk; May 2020: 8
        ("growth", 6.5, "2021-05", False, 8.0, -0.5, nan, nan, "", "", 6.5, "latest", 0.5, "at_risk"),
        # quarterly history, monthly period: by May (between Q1 and Q2) 2019 had 0.1 + (0.4 - 0.1) * 2/3 = 0.30,
        # 2020 had 0.2 + (0.5 - 0.2) * 2/3 = 0.40 -> median 0.35; 420 / 0.35 = 1200; (1000 - 420) / 7 = 82.86
        ("visitors", 420.0, "2021-05", False, nan, -580.0, 42.0, 35.0, "history", "2019, 2020", 1200.0, "seasonal",
         82.857142857, "on_track"),
        # declared {Q1: 10, Q2: 30, Q3: 55}: by May 10% + 20% * 2/3 = 23.33%; 50 / 0.2333 = 214.29; 150 / 7
        ("planted", 50.0, "2021-05", False, nan, -150.0, 25.0, 23.333333333, "profile", "", 214.285714286,
         "profile", 21.428571429, "on_track"),
        # (a society target: after the economy's, in the order of the plan's groups)
        # level: 61 above 60 -> on track; 61 / 60 = 101.67%; May 2020: 57
        ("coverage", 61.0, "2021-05", False, 57.0, 1.0, 101.666666667, nan, "", "", 61.0, "latest", 0.0, "on_track"),
    ], columns=MONTH_COLS)
    pd.testing.assert_frame_equal(got, expected, check_exact=False, rtol=1e-9)


def test_a_month_at_the_year_end_is_judged_by_the_rule(months):
    plan, obs = months
    got = kpi.assess(plan, obs, "2021-12").set_index("indicator")
    assert got[["actual", "as_of", "stale", "status", "projection_method"]].to_dict("index") == {
        "sales": dict(actual=1250.0, as_of="2021-12", stale=False, status="exceeded", projection_method="actual"),
        "coverage": dict(actual=59.0, as_of="2021-12", stale=False, status="missed", projection_method="latest"),
        "growth": dict(actual=7.2, as_of="2021-12", stale=False, status="exceeded", projection_method="latest"),
        # stale: May's 420 / 0.35 = 1200 -> on track, kept from its own month
        "visitors": dict(actual=420.0, as_of="2021-05", stale=True, status="on_track", projection_method="seasonal"),
        # stale: Q3's 88 / 0.55 = 160, short by 40 > 10% of 200 -> off track
        "planted": dict(actual=88.0, as_of="2021-Q3", stale=True, status="off_track", projection_method="profile"),
    }
    assert got.loc["planted", "projection"] == pytest.approx(160.0)
    assert got["required_pace"].isna().all()  # nothing is left of the year
    assert (got["expected_pct"].dropna() == 100.0).all()


def test_seasonality_from_two_earlier_years_is_their_median(months):
    plan, obs = months
    row = kpi.assess(plan, obs, "2021-Q2").set_index("indicator").loc["visitors"]
    # by mid-year 2019 had 400 of 1000 (0.40), 2020 had 600 of 1200 (0.50) -> median 0.45
    assert (row.expected_pct, row.expected_basis, row.expected_years) == (pytest.approx(45.0), "history",
                                                                         "2019, 2020")
    assert row.last_year == 600.0
    # the figure of May (stale at Q2) projects with May's share 0.35: 420 / 0.35 = 1200
    assert (row.as_of, row.stale, row.projection) == ("2021-05", True, pytest.approx(1200.0))


def test_history_of_one_year_interpolates_between_month_ends(months):
    plan, obs = months
    got = kpi.assess(plan, obs, "2021-07").set_index("indicator")
    # sales: 2020 known at May (0.4) and December (1.0): by July 0.4 + 0.6 * 2/7 = 0.5714
    assert got.loc["sales", "expected_pct"] == pytest.approx(57.142857143)
    # visitors: by July 2019 0.4 + 0.3/3 = 0.5, 2020 0.5 + 0.25/3 = 0.5833 -> median 0.5417
    assert got.loc["visitors", "expected_pct"] == pytest.approx(54.166666667)
    # planted: declared 30% at Q2, 55% at Q3 -> by July 38.33%
    assert got.loc["planted", "expected_pct"] == pytest.approx(38.333333333)


def test_declared_profile_at_quarters(months):
    plan, obs = months
    assert plan.target("planted").profile.shares[3::3] == pytest.approx((0.10, 0.30, 0.55, 1.0))
    row = kpi.assess(plan, obs, "2021-Q3").set_index("indicator").loc["planted"]
    # 88 of 200 = 44%; 55% expected by Q3; 88 / 0.55 = 160, short by 40 > 20 -> off track
    assert (row.expected_pct, row.expected_basis, row.attainment_pct) == (pytest.approx(55.0), "profile", 44.0)
    assert (row.projection, row.projection_method, row.status) == (pytest.approx(160.0), "profile", "off_track")


def test_year_end_profile_is_not_due_before_the_year_end(kontum):
    plan, obs = kontum
    q3 = kpi.assess(plan, obs, "2021-Q3").set_index("indicator").loc["new_rural_communes"]
    # 1 of 8 communes by Q3: counted only at the year end, so not yet due (nor off track)
    assert (q3.actual, q3.status, q3.expected_basis, q3.expected_pct) == (1.0, "not_due", "year_end", 0.0)
    assert (q3.projection_method, q3.attainment_pct) == ("not_projectable", 12.5)
    assert math.isnan(q3.projection)
    q4 = kpi.assess(plan, obs, "2021-Q4").set_index("indicator").loc["new_rural_communes"]
    assert (q4.actual, q4.status, q4.expected_basis, q4.projection_method) == (8.0, "met", "year_end", "actual")


def test_stale_figure_at_q4_keeps_its_verdict_and_needs_attention(kontum_q4):
    row = kontum_q4.loc["new_macadamia"]
    # 76 of 400 by 6 months (linear 50%) runs to 152: off track, from its own period
    assert (row.as_of, row.stale, row.status, row.projection) == ("2021-Q2", True, "off_track", 152.0)
    need = sections.attention(kontum_q4.reset_index())
    assert "new_macadamia" in need["indicator"].tolist()
    text = sections.takeaway(need.set_index("indicator").loc["new_macadamia"].to_dict() | {"indicator": "x"})
    # no figure for the year, said once; then the latest figure and the verdict it gives (76 / 400 = 19%)
    assert text == ("Trồng mới cây mắc ca: chưa có số liệu năm 2021; số liệu gần nhất là 6 tháng năm 2021: ước đạt 76 ha, "
                    "bằng 19,0% kế hoạch; chậm tiến độ, dự kiến không đạt kế hoạch năm.")


# --- "khoảng x": judged on x, approximate only where x ± figure_about_pct flips the verdict ---------------
def _with(obs, indicator, period, value, qualifier="about"):
    row = dict(indicator=indicator, period=period, value=float(value), kind="estimate", qualifier=qualifier,
               source="", note="")
    return pd.concat([obs, pd.DataFrame([row])], ignore_index=True)


@pytest.mark.parametrize("period, value, status, approximate", [
    # year end, at least 1000: 1020 meets it; 1020 − 5% = 969 would not -> approximate
    ("2021-Q4", 1020, "exceeded", True),
    # 1100 − 5% = 1045 still meets it -> not approximate; beyond 1000, it is exceeded
    ("2021-Q4", 1100, "exceeded", False),
    # 980 misses; 980 + 5% = 1029 would meet -> approximate
    ("2021-Q4", 980, "missed", True),
    ("2021-Q4", 900, "missed", False),     # 945 still misses
    # in the year: by Q3 2020 had 70%; 760 / 0.7 = 1085.7 on track; 722 / 0.7 = 1031.4 still on track
    ("2021-Q3", 760, "on_track", False),
    # 700 / 0.7 = 1000 on track; 665 / 0.7 = 950 is at risk -> approximate
    ("2021-Q3", 700, "on_track", True),
    # 730 / 0.7 = 1042.9 on track; only the full 5% down (693.5 / 0.7 = 990.7, at risk) changes it -> approximate
    ("2021-Q3", 730, "on_track", True),
    # 665 / 0.7 = 950 at risk; 5% either way stays at risk (902.5 and 997.5); 10% up (1045) would not count
    ("2021-Q3", 665, "at_risk", False),
])
def test_about_figure_is_judged_on_x(mini, period, value, status, approximate):
    plan, obs = mini
    row = kpi.assess(plan, _with(obs, "revenue", period, value), period).set_index("indicator").loc["revenue"]
    assert (row.qualifier, row.status, row.approximate) == ("about", status, approximate)


def test_about_bracket_is_read_from_the_thresholds(mini):
    plan, obs = mini
    more = _with(obs, "revenue", "2021-Q4", 1020)
    # 1020 − 1% = 1009.8 still meets "at least 1000"; − 5% would not
    narrow = kpi.assess(plan, more, "2021-Q4", thresholds=kpi.Thresholds(figure_about_pct=1.0))
    wide = kpi.assess(plan, more, "2021-Q4", thresholds=kpi.Thresholds(figure_about_pct=5.0))
    assert narrow.set_index("indicator").loc["revenue", "approximate"] == False  # noqa: E712
    assert wide.set_index("indicator").loc["revenue", "approximate"] == True  # noqa: E712


def test_at_risk_threshold_is_read_from_the_thresholds(mini):
    plan, obs = mini
    # private revenue 120 of 400 by Q2 runs to 240: short by 160 = 40% of 400
    for pct, status in ((39.9, "off_track"), (40.0, "at_risk")):
        got = kpi.assess(plan, obs, "2021-Q2", thresholds=kpi.Thresholds(at_risk_pct=pct))
        assert got.set_index("indicator").loc["private_revenue", "status"] == status


def test_an_exact_figure_is_never_approximate(mini):
    plan, obs = mini
    got = kpi.assess(plan, _with(obs, "revenue", "2021-Q4", 1020, qualifier=""), "2021-Q4")
    assert got.set_index("indicator").loc["revenue", ["status", "approximate"]].tolist() == ["exceeded", False]


# --- latest period ------------------------------------------------------------------------------------
def test_latest_period_prefers_the_quarter_sharing_the_last_slot(months):
    plan, obs = months
    assert kpi.latest_period(plan, obs) == "2021-12"  # months only at the last slot
    assert kpi.latest_period(plan, _with(obs, "planted", "2021-Q4", 190, "")) == "2021-Q4"
    assert kpi.latest_period(plan, obs[obs["period"] <= "2021-06"]) == "2021-05"


def test_latest_period_a_later_month_wins_over_an_earlier_quarter(mini):
    plan, obs = mini
    assert kpi.latest_period(plan, _with(obs, "revenue", "2021-07", 600, "")) == "2021-07"


def test_latest_period_needs_a_figure_of_the_plan_year(mini):
    plan, obs = mini
    with pytest.raises(kpi.KpiError, match=r"^no figure for the plan year 2021 yet; add one, or give --period"):
        kpi.latest_period(plan, obs[obs["period"].str.startswith("2020")])


def test_period_that_is_not_a_period_is_refused(mini):
    plan, obs = mini
    with pytest.raises(kpi.KpiError, match=r"^period '2021-Q5' is not a month or a quarter; write YYYY-MM"):
        kpi.assess(plan, obs, "2021-Q5")


# --- the frame of targets, counts, periods, history ---------------------------------------------------------
def test_targets_frame_rule_texts(kontum, mini):
    plan, _ = mini
    got = targets_frame(plan).set_index("indicator")
    # a percent unit adds '%', a percent-point change says 'điểm %', 'about' keeps its own (±1%)
    assert got["rule"].to_dict() == {
        "grdp_growth": "trên 10%", "share_agriculture": "21–22%", "grdp_per_capita": "trên 50",
        "revenue": "đạt 1.000", "private_revenue": "đạt 400", "spending_cap": "không quá 800",
        "stunting": "dưới 30%", "population": "khoảng 100.000 (±1%)", "poverty_rate": "giảm ít nhất 2 điểm %",
        "clinics": "tăng ít nhất 5", "safe_units": "không quá 20%"}
    en = targets_frame(plan, "en").set_index("indicator")
    assert en.loc["poverty_rate", "rule"] == "down by at least 2 points"
    assert en.loc["revenue", ["name", "unit"]].tolist() == ["Budget revenue", "bn VND"]
    assert got.loc["private_revenue", ["parent", "order", "year", "area"]].tolist() == ["revenue", 4, 2021, "mini-2021"]
    assert got.loc["share_agriculture", ["a", "b", "rule_kind"]].tolist() == [21.0, 22.0, "between"]


def test_the_assessment_holds_each_rule_as_codes_and_numbers(mini):
    plan, obs = mini
    got = kpi.assess(plan, obs, "2021-Q3").set_index("indicator")
    assert got.loc["share_agriculture", ["rule_kind", "rule_a", "rule_b"]].tolist() == ["between", 21.0, 22.0]
    assert got.loc["population", ["rule_kind", "rule_a", "rule_b"]].tolist() == ["about", 100000.0, 1.0]
    kind, a, b = got.loc["poverty_rate", ["rule_kind", "rule_a", "rule_b"]]
    assert (kind, a, math.isnan(b)) == ("reduce_by", 2.0, True)


def test_status_counts_in_headline_order(kontum_q4):
    counts = kpi.assessment.engine.status_counts(kontum_q4)
    # from KONTUM_Q4 (2 exceeded, 5 met, 4 missed) and KONTUM_Q4_STALE (1 at risk, 3 off track, 1 undetermined);
    # the other 27 of 43 have no figure; in the headline's order, zeros kept
    assert list(counts.index) == ["exceeded", "met", "on_track", "at_risk", "off_track", "missed", "undetermined", "not_due",
                                  "no_data"]
    assert counts.to_dict() == {"exceeded": 2, "met": 5, "on_track": 0, "at_risk": 1, "off_track": 3, "missed": 4,
                                "undetermined": 1, "not_due": 0, "no_data": 27}
    assert kpi.assessment.engine.status_counts(kontum_q4, ["missed", "met"]).tolist() == [4, 5]


def test_all_periods_and_history(mini):
    plan, obs = mini
    assert kpi.assessment.engine.all_periods(plan) == ["2021-Q1", "2021-Q2", "2021-Q3", "2021-Q4"]
    got = kpi.assessment.engine.history(plan, obs, "2021-Q3")
    assert got["period"].unique().tolist() == ["2021-Q1", "2021-Q2", "2021-Q3"]
    revenue = got[got["indicator"] == "revenue"]
    assert revenue["status"].tolist() == ["on_track", "on_track", "on_track"]
    assert revenue["expected_pct"].tolist() == pytest.approx([20.0, 45.0, 70.0])
    months = kpi.assessment.engine.history(plan, obs, "2021-03", lang="en")
    assert months["period"].unique().tolist() == ["2021-01", "2021-02", "2021-03"]
    assert months.loc[months["indicator"] == "revenue", "name"].unique().tolist() == ["Budget revenue"]


def test_history_passes_the_thresholds_and_numbers_rows_afresh(mini):
    plan, obs = mini
    got = kpi.assessment.engine.history(plan, obs, kpi.assessment.engine.Period.parse("2021-Q2"),
                                 thresholds=kpi.Thresholds(at_risk_pct=40.0))
    assert got.index.tolist() == list(range(2 * len(plan.targets)))
    # private revenue at Q2 runs to 240, short by 40% of 400: at risk with a 40% threshold
    assert got.set_index(["period", "indicator"]).loc[("2021-Q2", "private_revenue"), "status"] == "at_risk"


def test_a_bad_period_among_the_observations_is_a_kpi_error(mini):
    plan, obs = mini
    bad = _with(obs, "revenue", "2021-Q7", 1, "")
    with pytest.raises(kpi.KpiError, match=r"^period '2021-Q7' is not a month or a quarter; write YYYY-MM .*\.$"):
        kpi.assess(plan, bad, "2021-Q2")


def test_targets_frame_about_in_percent_and_float_parameters(mini):
    plan, _ = mini
    pop = dataclasses.replace(plan.target("population"), unit_vi="%", unit_en="%")
    one = dataclasses.replace(plan, targets=(pop,))
    got = targets_frame(one)
    assert got["rule"].tolist() == ["khoảng 100.000 (±1%)"]  # no second '%'
    assert got["a"].dtype == float and got["b"].dtype == float


# --- columns and numbers that no other test pins ---------------------------------------------------------------
def test_band_columns_flags_and_rounding(mini, months):
    plan, obs = mini
    got = kpi.assess(plan, obs, "2021-Q2").set_index("indicator")
    bands = got[["target_low", "target_high"]].to_dict("index")
    assert bands["share_agriculture"] == dict(target_low=21.0, target_high=22.0)
    assert bands["revenue"]["target_low"] == 1000.0 and math.isnan(bands["revenue"]["target_high"])  # no upper end
    assert math.isnan(bands["stunting"]["target_low"]) and bands["stunting"]["target_high"] == 30.0
    assert bands["population"] == dict(target_low=99000.0, target_high=101000.0)    # 100000 ± 1%
    assert bands["poverty_rate"]["target_high"] == 10.0                             # 12 − 2
    assert got["derived"].dtype == bool and got["stale"].dtype == bool and got["approximate"].dtype == bool
    assert got.loc["grdp_growth", "derived"] == True and got.loc["revenue", "derived"] == False  # noqa: E712
    assert got.loc["grdp_per_capita", "derived"] == False  # noqa: E712  (no figure at all)
    plan, obs = months
    got = kpi.assess(plan, obs, "2021-05").set_index("indicator")
    assert got.loc["sales", "required_pace"] == 94.285714286   # (1200 − 540) / 7, to 9 decimals
    assert got.loc["coverage", "attainment_pct"] == 101.666666667


def _one_target(rule_kind, a, measure, value, period="2021-Q4", qualifier="", b=np.nan, thresholds=None):
    targets = pd.DataFrame([dict(area="x", order=0, indicator="t", group="economy", measure=measure, rule=rule_kind,
                                 rule_kind=rule_kind, a=float(a), b=b, target=float(a), unit="", name="t", parent="",
                                 year=2021)])
    obs = pd.DataFrame([dict(area="x", indicator="t", period=period, value=float(value), kind="", qualifier=qualifier,
                             source="", note="")])
    if thresholds is None:
        return assess_many(targets, obs, period).iloc[0]
    return assess_many(targets, obs, period, thresholds).iloc[0]


@pytest.mark.parametrize("rule_kind, a, value, status", [
    ("below", 30, 40, "off_track"),       # 10 over a cap of 30 is more than 10% of 30
    ("below", 30, 32, "at_risk"),         # 2 over is not
    ("below", 0.5, 0.58, "off_track"),    # 0.08 over is more than 10% of 0.5
    ("at_most", 0, 0.05, "at_risk"),      # a target of 0: the shortfall is measured against 1
    ("at_most", 0, 0.15, "off_track"),
])
def test_at_risk_is_measured_against_the_target(rule_kind, a, value, status):
    assert _one_target(rule_kind, a, "level", value, period="2021-Q2")["status"] == status


@pytest.mark.parametrize("about_pct, edge", [
    (5.0, 2000),     # "khoảng 2000" above 1900: 2000 − 5% = 1900 is not above it
    (20.0, 2375),    # 2375 − 20% = 1900
    (50.0, 3800),    # 3800 − 50% = 1900
])
def test_approximate_bracket_is_exactly_figure_about_pct(about_pct, edge):
    thresholds = kpi.Thresholds(figure_about_pct=about_pct)
    on_the_edge = _one_target("above", 1900, "level", edge, qualifier="about", thresholds=thresholds)
    assert (on_the_edge.status, on_the_edge.approximate) == ("exceeded", True)  # x itself is beyond 1900
    # one more: edge + 1 − about_pct% is above 1900 (2001 − 5% = 1900.95), the verdict holds
    inside = _one_target("above", 1900, "level", edge + 1, qualifier="about", thresholds=thresholds)
    assert (inside.status, inside.approximate) == ("exceeded", False)


def test_approximate_bracket_defaults_to_five_percent():
    # 2000 - 5% = 1900: on the edge of "above 1900" only with the default bracket of 5%
    assert _one_target("above", 1900, "level", 2000, qualifier="about").approximate == True  # noqa: E712
    assert _one_target("above", 1900, "level", 2001, qualifier="about").approximate == False  # noqa: E712


def test_approximate_is_about_both_sides_equally(mini):
    plan, obs = mini
    # 940 misses "at least 1000"; 940 + 5% = 987 still misses (+10% would not)
    row = kpi.assess(plan, _with(obs, "revenue", "2021-Q4", 940), "2021-Q4").set_index("indicator").loc["revenue"]
    assert (row.status, row.approximate) == ("missed", False)


def test_a_profile_with_nothing_expected_yet_is_not_due(months):
    plan, obs = months
    from kpi.model.season import parse_profile
    planted = dataclasses.replace(plan.target("planted"), profile=parse_profile({"Q1": 0, "Q2": 30, "Q3": 55}))
    one = dataclasses.replace(plan, targets=(planted,))
    row = kpi.assess(one, _with(obs, "planted", "2021-Q1", 10, "about"), "2021-Q1").iloc[0]
    # 0% expected by March: nothing is due yet (10 / 0 projects nothing); 'undetermined' is kept for bounds
    assert (row.status, row.projection_method, row.expected_pct, row.approximate) == ("not_due", "profile", 0.0,
                                                                                      False)
    assert math.isnan(row.projection)


@pytest.mark.parametrize("fixture", ["mini", "months", "kontum"])
def test_the_engine_raises_no_numeric_warnings(request, fixture):
    import warnings

    plan, obs = request.getfixturevalue(fixture)
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # 0/0 and ∞−∞ are handled, not warned about
        for period in ("2021-Q1", "2021-Q3", "2021-05", "2021-Q4"):
            kpi.assess(plan, obs, period)


@pytest.mark.parametrize("period", ["2021-Q4", "2021-12"])
def test_no_year_end_verdict_on_a_stale_figure_even_one_over_its_target(mini, period):
    plan, obs = mini
    obs = obs.copy()
    obs.loc[(obs["indicator"] == "revenue") & (obs["period"] == "2021-Q2"), "value"] = 1050.0
    at_q2 = kpi.assess(plan, obs, "2021-Q2").set_index("indicator").loc["revenue"]
    assert (at_q2.stale, at_q2.status) == (False, "exceeded")  # a flow already past its open-ended target, in the year
    row = kpi.assess(plan, obs, period).set_index("indicator").loc["revenue"]
    # at the year end the figure is of 6 months: no met/missed on it; it projects 1050 / 0.45 (2020's share
    # by June: 450 of 1000) = 2333.33, on track
    assert (row.as_of, row.stale, row.status, round(row.projection, 2)) == ("2021-Q2", True, "on_track", 2333.33)


def test_areas_of_two_plan_years_assess_at_a_period_of_either(mini):
    plan, obs = mini
    one = targets_frame(plan).assign(area="a21")
    two = one.assign(area="a20", year=2020)
    targets = pd.concat([two, one], ignore_index=True)
    observations = pd.concat([obs.assign(area="a21"), obs.assign(area="a20")], ignore_index=True)
    at = assess_many(targets, observations, "2021-Q2")  # the second year of the two: accepted
    assert set(at["area"]) == {"a20", "a21"}
    with pytest.raises(kpi.KpiError) as e:
        assess_many(targets, observations, "2019-Q4")
    assert str(e.value) == "period '2019-Q4' is outside the plan years 2020, 2021."


@pytest.mark.parametrize("period, status, actual", [("2021-05", "not_due", None), ("2021-08", "not_due", None),
                                                    ("2021-Q3", "not_due", 1.0), ("2021-Q4", "met", 8.0)])
def test_kontum_new_communes_are_not_due_before_the_year_end_with_or_without_a_figure(kontum, period, status, actual):
    # profile: year_end in plan.yaml; published: 1 commune by 9 months, 8 in the year (plan: 8)
    plan, obs = kontum
    row = kpi.assess(plan, obs, period).set_index("indicator").loc["new_rural_communes"]
    assert row["status"] == status
    assert np.isnan(row["actual"]) if actual is None else row["actual"] == actual


# --- Targets as provinces write them: ranges on flows and growth rates, "gần x" -------------------------------
def _ranged(plan, indicator, low, high):
    """The plan with ``indicator``'s rule made the range [low, high] (``between``)."""
    from kpi.model.rules import Between

    ts = tuple(dataclasses.replace(t, rule=Between(low, high)) if t.id == indicator else t for t in plan.targets)
    return dataclasses.replace(plan, targets=ts)


@pytest.mark.parametrize("value, status, attainment", [
    (1230, "exceeded", 123.0),  # beyond the aim 1200: more than planned, counted as achieved (1230 / 1000)
    (1200, "met", 120.0),       # at the aim: within the range
    (1100, "met", 110.0),      # between the plan and the aim
    (990, "missed", 99.0),     # under the plan, the lower end
])
def test_a_range_on_a_flow_is_the_plan_then_the_aim(mini, value, status, attainment):
    """'Thu ngân sách phấn đấu 1.000 - 1.200 tỷ đồng': the lower end is the plan; above the upper end is not a miss."""
    plan, obs = mini
    row = kpi.assess(_ranged(plan, "revenue", 1000, 1200), _with(obs, "revenue", "2021-Q4", value, ""),
                     "2021-Q4").set_index("indicator").loc["revenue"]
    assert (row.status, row.attainment_pct, row.gap) == (status, attainment, value - 1000)


def test_a_range_on_a_growth_rate_beaten_is_exceeded(mini):
    """Lâm Đồng 2022: 'GRDP tăng 12,09% (KH 6-7%)' among the targets 'đạt và vượt'."""
    plan, obs = mini
    row = kpi.assess(_ranged(plan, "grdp_growth", 6, 7), _with(obs, "grdp_growth", "2021-Q4", 12.09, ""),
                     "2021-Q4").set_index("indicator").loc["grdp_growth"]
    assert (row.status, row.gap) == ("exceeded", 6.09)


def test_a_range_on_a_level_stays_a_band(mini):
    plan, obs = mini
    row = kpi.assess(plan, _with(obs, "share_agriculture", "2021-Q4", 22.5, ""), "2021-Q4").set_index(
        "indicator").loc["share_agriculture"]
    assert (row.rule_kind, row.status, row.gap) == ("between", "missed", -0.5)


@pytest.mark.parametrize("value, status, approximate", [
    # "gần 1.980" (1.940,4 to 1.980) against "trên 1.900": achieved, the reading decides; every value it stands
    # for is beyond 1.900, so it is exceeded (any figure that meets "trên x" is beyond x)
    (1980, "exceeded", True),
    (1905, "undetermined", False),   # "gần 1.905" (1.866,9 to 1.905) may be under 1.900
    (1890, "missed", False),         # "gần 1.890" is under 1.900 whatever it stands for
    (1939, "exceeded", True),        # 1.900,22 to 1.939: just over
    (1938, "undetermined", False),   # 1.899,24 to 1.938: just not
])
def test_nearly_x_is_close_below_x(mini, value, status, approximate):
    from kpi.model.rules import Above

    plan, obs = mini
    ts = tuple(dataclasses.replace(t, rule=Above(1900)) if t.id == "revenue" else t for t in plan.targets)
    row = kpi.assess(dataclasses.replace(plan, targets=ts), _with(obs, "revenue", "2021-Q4", value, "less_than"),
                     "2021-Q4").set_index("indicator").loc["revenue"]
    assert (row.status, bool(row.approximate)) == (status, approximate)


def test_nearly_x_reads_its_tolerance_from_the_thresholds(mini):
    """With 'gần' standing for up to 5% below (1.881 to 1.980), 'gần 1.980' may be under 1.900 again."""
    from kpi.model.rules import Above

    plan, obs = mini
    ts = tuple(dataclasses.replace(t, rule=Above(1900)) if t.id == "revenue" else t for t in plan.targets)
    row = kpi.assess(dataclasses.replace(plan, targets=ts), _with(obs, "revenue", "2021-Q4", 1980, "less_than"),
                     "2021-Q4", thresholds=kpi.Thresholds(figure_near_pct=5.0)).set_index("indicator").loc["revenue"]
    assert row.status == "undetermined"


def test_nearly_x_during_the_year_reads_the_projection_the_same_way(mini):
    """'gần 1.500' at 9 months, 70% of the year in 2020 by then: 2.100 to 2.142,9 by the year end, all above 1.900
    (on track, ≈), where 'any value below 2.142,9' would have left it undetermined."""
    from kpi.model.rules import Above

    plan, obs = mini
    ts = tuple(dataclasses.replace(t, rule=Above(1900)) if t.id == "revenue" else t for t in plan.targets)
    row = kpi.assess(dataclasses.replace(plan, targets=ts), _with(obs, "revenue", "2021-Q3", 1500, "less_than"),
                     "2021-Q3").set_index("indicator").loc["revenue"]
    assert (row.status, bool(row.approximate), row.projection) == ("on_track", True, pytest.approx(1500 / 0.7))


def test_a_frame_made_by_hand_gets_the_default_words_and_plain_columns():
    """A targets frame built without targets_frame (no group_name, no lang): the default groups' words, in Vietnamese
    unless a row says 'en'; texts empty rather than NaN; the rule's numbers in rule_a / rule_b; flags as booleans."""
    row = dict(order=0, indicator="x", measure="flow", rule="at_least", rule_kind="at_least", a=100.0, b=np.nan,
               target=100.0, unit="", name="x", parent="", year=2021)
    targets = pd.DataFrame([dict(row, area="a", group="economy"), dict(row, area="b", group="security"),
                            dict(row, area="c", group="economy")])
    obs = pd.DataFrame([dict(area="a", indicator="x", period="2021-Q4", value=120.0, kind="", qualifier="",
                             source="", note="")])
    out = assess_many(targets, obs, "2021-Q4").set_index("area")
    assert out["group_name"].to_dict() == {"a": "Kinh tế", "b": "Quốc phòng, an ninh", "c": "Kinh tế"}
    assert out.loc["a", "status"] == "exceeded" and out.loc["b", "status"] == "no_data"
    assert out["as_of"].to_dict() == {"a": "2021-Q4", "b": "", "c": ""}
    assert (out["period"] == "2021-Q4").all() and (out["rule_a"] == 100).all() and out["rule_b"].isna().all()
    assert (out[["source", "note", "qualifier", "kind", "rule_since", "rule_source"]] == "").all().all()
    assert [out[c].dtype for c in ("derived", "stale", "approximate")] == [bool] * 3
    assert not out[["derived", "stale", "approximate"]].any().any()
    english = assess_many(targets.assign(lang=["en", "vi", "en"]), obs, "2021-Q4").set_index("area")
    assert english["group_name"].to_dict() == {"a": "Economy", "b": "Quốc phòng, an ninh", "c": "Economy"}
