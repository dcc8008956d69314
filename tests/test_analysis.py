"""The analyst's questions (kpi.analysis), each against numbers worked out by hand.

tests/fixtures/changes: revenue's 2020 season reaches 20% by Q1 (200 of 1000) and 45% by Q2 (450); 2021-Q1 220
projects 220 / 0.20 = 1100 (on track for 'đạt 1.000'), 2021-Q2 430 projects 430 / 0.45 = 955.56, short by 44.4,
within 10% of 1000 (at risk). Its Q2 figure was revised on 15/07/2021 from 500 to 430; its Q1 figure on 10/04/2021,
before Q1's report (made as of 21/04/2021, the day after the cut-off 20/04). The health office (syt) sent stunting
for Q1 only and beds never.
"""
import math
from datetime import date

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import kpi
from conftest import FIXTURES
from _loaded import load
from kpi.analysis.changes import changes
from kpi.analysis.department import owner_view
from kpi.analysis.dossier import dossier
from kpi.analysis.names import choices, owner_code, period_of, target_id
from kpi.analysis.tables import readable
from kpi.analysis.whatif import season_of, what_if

CHANGES = FIXTURES / "changes"


@pytest.fixture(scope="module")
def sample():
    return load(CHANGES)


# --- names ---------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["budget_revenue", "Thu ngân sách nhà nước trên địa bàn",
                                  "  thu ngân sách  nhà nước trên địa bàn ", "STATE BUDGET REVENUE IN THE PROVINCE",
                                  "thu ngan sach nha nuoc tren dia ban",
                                  "Thu ngân sách nhà nước trên địa bàn"])  # the last decomposed (NFD)
def test_a_target_is_picked_by_its_id_or_either_name(kontum, text):
    import unicodedata

    plan, _ = kontum
    assert target_id(plan, unicodedata.normalize("NFD", text)) == "budget_revenue"


def test_a_name_that_matches_no_target_lists_the_closest(kontum):
    plan, _ = kontum
    with pytest.raises(kpi.KpiError, match=r"^target 'thu ngan sach' is not one of the targets of plan kontum-2021 "
                                           r"\(an id, or a name in Vietnamese or English\); the closest: 'Thu ngân "
                                           r"sách nhà nước trên địa bàn' \(budget_revenue\)"):
        target_id(plan, "thu ngan sach")


def test_an_owner_is_picked_by_its_code_or_name(kontum):
    plan, _ = kontum
    assert [owner_code(plan, t) for t in ("stc", "Sở Tài chính", "department of finance", "so tai chinh")] == ["stc"] * 4
    with pytest.raises(kpi.KpiError, match=r"^owner 'Sở Tài chánh' is not one of the owners of plan kontum-2021 .*"
                                           r"the closest: 'Sở Tài chính' \(stc\)"):
        owner_code(plan, "Sở Tài chánh")


def test_a_plan_without_owners_has_none_to_pick(mini):
    plan, _ = mini
    with pytest.raises(kpi.KpiError, match="^plan mini-2021 declares no owners, so there is no 'stc' to pick"):
        owner_code(plan, "stc")


@pytest.mark.parametrize("text, period", [("2021-Q3", "2021-Q3"), ("9 tháng 2021", "2021-Q3"), ("Q3 2021", "2021-Q3"),
                                          ("quý III/2021", "2021-Q3"), ("9 months 2021", "2021-Q3"),
                                          ("8 tháng 2021", "2021-08"), ("tháng 8/2021", "2021-08"),
                                          ("August 2021", "2021-08"), ("Quý I/2021", "2021-Q1"),
                                          ("tháng 9/2021", "2021-09"), ("Năm 2021", "2021-Q4"),
                                          ("latest", "2021-Q4"), ("9 tháng năm 2021", "2021-Q3"),
                                          ("1 tháng năm 2021", "2021-01")])
def test_a_period_is_picked_by_its_name(kontum, text, period):
    plan, obs = kontum
    assert period_of(plan, obs, text) == period


def test_a_period_outside_the_plan_year_or_unknown_is_refused(kontum):
    plan, obs = kontum
    with pytest.raises(kpi.KpiError, match=r"^period '2022-Q1' is outside the plan year 2021"):
        period_of(plan, obs, "2022-Q1")
    with pytest.raises(kpi.KpiError, match=r"^period '10 thang 2020' is not one of the periods of 2021 .*the closest: "
                                           r"'10 tháng năm 2021' \(2021-10\)"):
        period_of(plan, obs, "10 thang 2020")


def test_the_choices_list_what_a_parameter_may_name(sample):
    plan, obs = sample
    assert choices(plan, "owner", "en").to_dict("list") == {"Id (type the id or the name)": ["stc", "syt"],
                                                             "Name": ["Department of Finance", "Department of Health"]}
    periods = choices(plan, "period", "vi", obs)  # up to the latest with a figure, 2021-Q2; a quarter after its month
    assert periods.iloc[:, 0].tolist() == ["2021-01", "2021-02", "2021-03", "2021-Q1", "2021-04", "2021-05", "2021-06",
                                           "2021-Q2"]
    # one naming: a quarter and its last month are both "3 tháng năm 2021"; the quarter's row says it is the quarter
    assert periods["Tên"].tolist()[2:4] == ["3 tháng năm 2021", "3 tháng năm 2021 (quý I/2021)"]


# --- changes -------------------------------------------------------------------------------------------------
def test_changes_name_the_figure_added_the_revision_the_verdict_moved_and_the_newly_overdue(sample):
    plan, obs = sample
    c = changes(plan, obs, "2021-Q2")
    assert (c.since, c.until) == ("2021-Q1", "2021-Q2")
    assert c.added[["indicator", "period", "value", "source"]].to_dict("records") == [
        {"indicator": "revenue", "period": "2021-Q2", "value": 430.0, "source": "https://example.org/q2-revised"}]
    # the Q2 revision (15/07, after Q1's report of 21/04 and by Q2's of 21/07) is in; the Q1 one (10/04) is not
    assert_frame_equal(c.revised, pd.DataFrame({
        "indicator": ["revenue"], "name": ["Thu ngân sách"], "period": ["2021-Q2"], "old_value": [500.0],
        "new_value": [430.0], "old_source": ["https://example.org/q2"], "new_source": ["https://example.org/q2-revised"],
        "when": ["2021-07-15T09:00:00+07:00"], "owner": ["stc"]}), check_dtype=False)
    assert_frame_equal(c.moved, pd.DataFrame({
        "indicator": ["revenue"], "name": ["Thu ngân sách"], "status_before": ["on_track"], "status_after": ["at_risk"],
        "actual_before": [220.0], "actual_after": [430.0], "as_of_before": ["2021-Q1"], "as_of_after": ["2021-Q2"]}))
    # stunting was sent for Q1 and not for Q2: newly overdue; beds never was: overdue already at Q1
    assert c.overdue[["indicator", "owner", "due", "newly"]].to_dict("records") == [
        {"indicator": "stunting", "owner": "syt", "due": date(2021, 7, 20), "newly": True},
        {"indicator": "beds", "owner": "syt", "due": date(2021, 7, 20), "newly": False}]


def test_the_changes_read_in_the_readers_words(sample):
    plan, obs = sample
    c = changes(plan, obs, "2021-Q2", "2021-Q1")
    shown = readable(c.moved, "vi", sides=c.sides("vi"))
    assert shown.iloc[0].to_dict() == {"Mã": "revenue", "Chỉ tiêu": "Thu ngân sách",
                                       "Đánh giá (3 tháng năm 2021)": "Đúng tiến độ", "Đánh giá (6 tháng năm 2021)": "Có nguy cơ",
                                       "Thực hiện (3 tháng năm 2021)": "220", "Thực hiện (6 tháng năm 2021)": "430",
                                       "Kỳ số liệu (3 tháng năm 2021)": "3 tháng năm 2021", "Kỳ số liệu (6 tháng năm 2021)": "6 tháng năm 2021"}
    assert readable(c.overdue, "en")["Newly overdue"].tolist() == ["yes", "no"]


def test_changes_refuse_periods_in_the_wrong_order_or_year(sample):
    plan, obs = sample
    with pytest.raises(kpi.KpiError, match=r"^period '2021-Q2' does not come before '2021-Q1'; give the earlier period "
                                           r"first \(e.g. since 2020-Q4, until 2021-Q1\)\.$"):
        changes(plan, obs, "2021-Q1", "2021-Q2")
    with pytest.raises(kpi.KpiError, match=r"^2021-Q1 is the first quarter of the plan year 2021: there is no earlier "
                                           r"period of the plan to compare it with; give a later period\.$"):
        changes(plan, obs, "2021-Q1")


# --- the dossier ---------------------------------------------------------------------------------------------
def test_the_projection_range_is_the_spread_of_two_seasons(months):
    """visitors: 2019 reached 10% by March and 40% by June, so 30% by May (interpolated); 2020 20% and 50%, so 40%.
    2021-05 is 420: 420 / 0.30 = 1400, 420 / 0.40 = 1050; the projection divides by the median, 35%: 1200."""
    plan, obs = months
    d = dossier(plan, obs, "visitors", "2021-05")
    assert d.row["projection"] == pytest.approx(1200)
    assert (d.low, d.high, d.years) == (pytest.approx(1050), pytest.approx(1400), "2019, 2020")
    assert d.seasons[["year", "year_end", "share", "projection_if"]].to_dict("list") == {
        "year": [2019, 2020], "year_end": [1000.0, 1200.0], "share": [pytest.approx(30), pytest.approx(40)],
        "projection_if": [pytest.approx(1400), pytest.approx(1050)]}
    path = d.path.set_index("month")
    # by June the seasons carry 420 to 420 × 0.4 / 0.3 = 560 (2019) and 420 × 0.5 / 0.4 = 525 (2020)
    assert (path.loc[6, "low"], path.loc[6, "high"]) == (pytest.approx(525), pytest.approx(560))
    assert (path.loc[12, "low"], path.loc[12, "high"], path.loc[12, "projected"]) == (
        pytest.approx(1050), pytest.approx(1400), pytest.approx(1200))
    assert math.isnan(path.loc[4, "low"])  # no band before the figure's month
    # the plan along the median season: 15% by March (10%, 20%), 35% by May; January has no season on file (m/12)
    assert path.loc[3, "expected"] == pytest.approx(150) and path.loc[5, "expected"] == pytest.approx(350)
    assert path.loc[1, "expected_basis"] == "linear" and path.loc[3, "expected_basis"] == "history"
    # the rest of the year must bring (1000 - 420) / 7 a month; so far 420 / 5; 2020 brought (1200 - 480) / 7
    assert d.pace.iloc[0].to_dict() == {"months_left": 7, "needed": pytest.approx(580 / 7), "so_far": 84.0,
                                        "last_year": pytest.approx(720 / 7)}


def test_a_dossier_lists_every_figure_with_its_revisions(sample):
    plan, obs = sample
    d = dossier(plan, obs, "revenue", "2021-Q2")
    assert d.figures[["period", "value", "source", "revisions"]].to_dict("records") == [
        {"period": "2020-Q1", "value": 200.0, "source": "https://example.org/2020", "revisions": 0},
        {"period": "2020-Q2", "value": 450.0, "source": "https://example.org/2020", "revisions": 0},
        {"period": "2020-Q4", "value": 1000.0, "source": "https://example.org/2020", "revisions": 0},
        {"period": "2021-Q1", "value": 220.0, "source": "https://example.org/q1", "revisions": 1},
        {"period": "2021-Q2", "value": 430.0, "source": "https://example.org/q2-revised", "revisions": 1}]
    assert d.revisions[["period", "old_value", "new_value"]].to_dict("records") == [
        {"period": "2021-Q1", "old_value": "200", "new_value": "220"},
        {"period": "2021-Q2", "old_value": "500", "new_value": "430"}]
    # one season on file (2020): a projection, no range
    assert d.row["projection"] == pytest.approx(430 / 0.45) and math.isnan(d.low) and d.years == ""


def test_a_dossier_ignores_figures_after_its_period(kontum):
    """Kon Tum's budget revenue at 9 tháng: 2.000 (khoảng); the 3.500 of the full year is not yet on the path."""
    plan, obs = kontum
    d = dossier(plan, obs, "budget_revenue", "2021-Q3")
    path = d.path.set_index("month")
    assert path["actual"].dropna().to_dict() == {0: 0.0, 3: 826.0, 6: 1483.0, 9: 2000.0}
    # 2019: 1.426 of 3.250 by June, so 1426/3250 + (1 - 1426/3250) / 2 by September; 2020: 554,199 of 3.000 by
    # February, so 554.199/3000 + (1 - 554.199/3000) × 7/10 by September
    s2019, s2020 = 1426 / 3250 + (1 - 1426 / 3250) / 2, 554.199 / 3000 + (1 - 554.199 / 3000) * 0.7
    assert (d.low, d.high) == (pytest.approx(2000 / s2020), pytest.approx(2000 / s2019))
    assert d.row["projection"] == pytest.approx(2000 / ((s2019 + s2020) / 2))


def test_a_dossier_says_the_range_and_the_pace_from_its_figures_month(months):
    """At 2021-06 the figure in force is May's 420: seven months remain after it, not six."""
    plan, obs = months
    lines = dossier(plan, obs, "visitors", "2021-06", lang="en").summary("en")
    assert lines[1:] == ["Year-end projection 1,200 thousand visits; on each season of 2019, 2020: 1,050 to 1,400 "
                         "thousand visits.",
                         "After 5 months 2021, the remaining 7 months must bring 82.9 thousand visits a month on average; "
                         "so far 84.0 thousand visits a month; the same months last year 102.9 thousand visits a month."]


def test_a_ceilings_pace_is_what_the_rest_of_the_year_may_still_bring(mini):
    """spending_cap 'không quá 800': 420 by June leaves (800 - 420) / 6 a month at most."""
    plan, obs = mini
    assert dossier(plan, obs, "spending_cap", "2021-Q2").summary("vi")[-1] == (
        "Sau 6 tháng năm 2021, 6 tháng còn lại không vượt quá bình quân 63,3 tỷ đồng/tháng; đã thực hiện bình quân "
        "70,0 tỷ đồng/tháng.")


def test_the_dossier_chart_draws_the_range_as_a_band(months):
    from matplotlib.collections import PolyCollection

    plan, obs = months
    ax = dossier(plan, obs, "visitors", "2021-05", lang="en").chart(lang="en")
    bands = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(bands) == 1
    ys = bands[0].get_paths()[0].vertices[:, 1]
    assert (ys.min(), ys.max()) == (pytest.approx(420), pytest.approx(1400))
    assert ax.get_ylim()[0] == 0
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[:4] == ["Annual plan: at least 1,000", "Expected by then", "Actual 2021", "Projected to the year end"]
    assert "Range projected on each season of 2019, 2020" in labels


def test_the_questions_take_names_and_refuse_what_they_cannot_read(sample):
    plan, obs = sample
    assert dossier(plan, obs, "Budget revenue", "6 tháng 2021").row["projection"] == pytest.approx(430 / 0.45)
    assert owner_view(plan, obs, "Sở Y tế", "latest")["indicator"].tolist() == ["stunting", "beds"]
    assert changes(plan, obs, "Q2 2021", "Quý I/2021").moved["indicator"].tolist() == ["revenue"]
    with pytest.raises(kpi.KpiError, match=r"^target 'revenu' is not one of the targets of plan changes-2021 .*"
                                           r"the closest: 'Thu ngân sách' \(revenue\)"):
        dossier(plan, obs, "revenu", "2021-Q2")
    with pytest.raises(kpi.KpiError, match=r"^period '2021-Q5' is not a month or a quarter; write YYYY-MM for a month "
                                           r"\(e.g. 2021-05\) or YYYY-Qn for a quarter \(e.g. 2021-Q3\)\.$"):
        what_if(plan, obs, "2021-Q5")


# --- a department ---------------------------------------------------------------------------------------------
def test_an_owner_that_sent_nothing(sample):
    plan, obs = sample
    view = owner_view(plan, obs, "syt", "2021-Q2")
    assert view[["indicator", "role", "actual", "as_of", "sent", "overdue", "status"]].to_dict("records") == [
        {"indicator": "stunting", "role": "target", "actual": 28.0, "as_of": "2021-Q1", "sent": False, "overdue": True,
         "status": "on_track"},
        {"indicator": "beds", "role": "target", "actual": pytest.approx(math.nan, nan_ok=True), "as_of": "",
         "sent": False, "overdue": True, "status": "no_data"}]
    sent = owner_view(plan, obs, "stc", "2021-Q2")
    assert sent[["indicator", "sent", "overdue", "status"]].to_dict("records") == [
        {"indicator": "revenue", "sent": True, "overdue": False, "status": "at_risk"}]


def test_an_owners_inputs_are_listed_after_its_targets(kontum):
    plan, obs = kontum
    view = owner_view(plan, obs, "cts", "2021-Q4")
    inputs = view[view["role"] == "input"]
    assert inputs[["indicator", "actual", "as_of", "sent"]].to_dict("records") == [
        {"indicator": "grdp_current_prices", "actual": 26698.59, "as_of": "2021-Q4", "sent": True},
        {"indicator": "grdp_constant_prices", "actual": pytest.approx(math.nan, nan_ok=True), "as_of": "", "sent": False}]


# --- what if --------------------------------------------------------------------------------------------------
def test_a_narrower_at_risk_margin_flips_a_verdict(sample):
    """430 projects 955.56: short by 44.4, within 10% of 1000 (100) but not within 4% (40)."""
    plan, obs = sample
    out = what_if(plan, obs, "2021-Q2", thresholds=kpi.Thresholds(at_risk_pct=4)).set_index("indicator")
    assert out.loc["revenue", ["status_before", "status_after", "changed"]].tolist() == ["at_risk", "off_track", True]
    assert out.loc["stunting", "changed"] == False  # noqa: E712 — 28 below 30 stays on track


def test_another_season_flips_a_verdict(sample):
    """2021-Q1 220: on 2020's season (20% by March) 1100, on track; on time elapsed (25%) 880, short by 120 > 100."""
    plan, obs = sample
    out = what_if(plan, obs, "2021-Q1", basis="linear", lang="en").set_index("indicator")
    assert out.loc["revenue", ["projection_before", "projection_after", "season", "status_before", "status_after"]
                   ].tolist() == [pytest.approx(1100), pytest.approx(880), "time elapsed", "on_track", "off_track"]
    assert out.loc["stunting", "season"] == ""  # a level is not projected on a season


def test_last_years_season_and_a_year_with_none(kontum):
    """Kon Tum's budget revenue on 2020's season alone: 2000 / (554.199/3000 + (1 - 554.199/3000) × 0.7)."""
    plan, obs = kontum
    out = what_if(plan, obs, "2021-Q3", basis="last_year").set_index("indicator")
    s2020 = 554.199 / 3000 + (1 - 554.199 / 3000) * 0.7
    assert out.loc["budget_revenue", "projection_after"] == pytest.approx(2000 / s2020)
    assert out.loc["budget_revenue", "season"] == "tiến độ năm 2020"
    assert out.loc["exports", "season"] == "giữ cách tính của kế hoạch (năm 2020 không có số liệu cả năm)"
    assert out.loc["new_rural_communes", "status_after"] == "not_due"  # counted at the year end: kept
    profile, words = season_of(plan, obs, "budget_revenue", 2019, "en")
    assert profile.share(6) == pytest.approx(1426 / 3250) and words == "the season of 2019"


def test_a_what_if_refuses_an_unknown_basis(sample):
    plan, obs = sample
    with pytest.raises(kpi.KpiError, match=r"^basis 'lastyear' is not one of plan, linear, last_year or a year such as "
                                           r"2020; choose one of them\.$"):
        what_if(plan, obs, "2021-Q2", basis="lastyear")
    with pytest.raises(kpi.KpiError, match=r"^basis '2021': a season comes from a year before the plan year 2021"):
        what_if(plan, obs, "2021-Q2", basis="2021")


# --- the engine's internals stay inside ----------------------------------------------------------------------
def test_derived_figures_need_no_area(mini):
    from kpi.assessment.accounts import derived_figures

    plan, obs = mini
    rows = derived_figures(plan, obs, "en").set_index(["indicator", "period"])
    assert rows.loc[("grdp_growth", "2021-Q2"), "value"] == pytest.approx(10.0)  # 4400 / 4000 - 1
    assert rows.loc[("share_agriculture", "2021-Q2"), "value"] == pytest.approx(21.5)  # 1290 / 6000
    assert list(rows.columns) == ["value", "note"]
