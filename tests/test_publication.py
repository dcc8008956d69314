"""The publication calendar (kpi.model.publication, ``calendar:`` in the plan): a figure is due only where its
indicator publishes; otherwise its latest figure is current, nothing is missing and nobody is overdue."""
from datetime import date

import pandas as pd
import pytest

import kpi
from kpi.assessment.reporting import reporting_table
from kpi.errors import PlanError
from kpi.model.publication import Calendar, deadline

PLAN = """\
id: cal-2021
year: 2021
region: {vi: Tỉnh Mẫu, en: Sample province}
title: {vi: Kế hoạch mẫu, en: Sample plan}
reporting: {cutoff_day: 20}
owners:
  - {code: cts, name: {vi: Cục Thống kê, en: Statistics Office}}
  - {code: sgd, name: {vi: Sở Giáo dục, en: Education}}
calendar:
  frequency: quarterly
  measure:
    level: {frequency: yearly}
targets:
  - {id: revenue, group: economy, owner: cts, name: {vi: Thu ngân sách, en: Revenue}, unit: {vi: tỷ đồng, en: bn VND},
     measure: flow, rule: {at_least: 1000}, calendar: {frequency: monthly}}
  - {id: share, group: economy, owner: cts, name: {vi: Tỷ trọng dịch vụ, en: Services share}, unit: {vi: "%", en: "%"},
     measure: level, rule: {between: [40, 45]}}
  - {id: insured, group: society, owner: cts, name: {vi: Bảo hiểm y tế, en: Health insurance}, unit: {vi: "%", en: "%"},
     measure: level, rule: {at_least: 90}, calendar: {frequency: half_yearly}}
  - {id: schools, group: society, owner: sgd, name: {vi: Trường đạt chuẩn, en: Standard schools}, unit: {vi: "%", en: "%"},
     measure: level, rule: {at_least: 50}}
"""
OBS = """\
indicator,period,value,kind,qualifier,source,note
revenue,2021-Q2,520,estimate,,s,
share,2021-Q2,41.5,estimate,,s,
insured,2021-Q2,91,official,,s,
"""


@pytest.fixture
def cal(tmp_path):
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    (tmp_path / "observations.csv").write_text(OBS, encoding="utf-8")
    return kpi.load(tmp_path)


def _row(status, indicator):
    return status.set_index("indicator").loc[indicator]


# --- the calendar as a value -----------------------------------------------------------------------------
def test_the_latest_figure_due_by_frequency():
    # (month reported) -> end month of the latest figure due; 0: none due yet this year
    assert [Calendar("yearly").due_month(2021, m, 20) for m in (3, 8, 9, 12)] == [0, 0, 0, 12]
    assert [Calendar("half_yearly").due_month(2021, m, 20) for m in (5, 6, 8, 12)] == [0, 6, 6, 12]
    assert [Calendar("quarterly").due_month(2021, m, 20) for m in (2, 3, 8, 9)] == [0, 3, 6, 9]
    assert [Calendar().due_month(2021, m, 20) for m in (1, 8)] == [1, 8]


def test_a_lag_longer_than_the_reporting_deadline_moves_the_figure_to_a_later_report():
    # the 9-month figure comes 45 days after 30/09, on 14/11: after the Q3 report's deadline (20/10), so the Q3
    # report is owed the 6-month figure; the 10-month report (deadline 20/11) is owed the 9-month one
    late = Calendar("quarterly", 45)
    assert late.published_by(2021, 9, 20) == date(2021, 11, 14)
    assert late.due_month(2021, 9, 20) == 6
    assert late.due_month(2021, 10, 20) == 9
    assert deadline(2021, 12, 20) == date(2022, 1, 20)
    assert deadline(2021, 1, 31) == date(2021, 2, 28)   # the month's last day if shorter
    assert deadline(2021, 3, None) == date(2021, 4, 30)  # no cut-off day: the last day of the month after


def test_a_calendar_checks_itself():
    with pytest.raises(ValueError, match="frequency 'weekly' is not one of monthly, quarterly, half_yearly, yearly"):
        Calendar("weekly")
    with pytest.raises(ValueError, match="lag_days -1 is not a whole number of days from 0 to 366"):
        Calendar("yearly", -1)


# --- the plan file ---------------------------------------------------------------------------------------
def test_the_plan_declares_defaults_by_measure_and_overrides_per_target(cal):
    plan, _ = cal
    by_id = {t.id: t.calendar for t in plan.targets}
    assert by_id == {"revenue": Calendar("monthly"), "share": Calendar("yearly"),
                     "insured": Calendar("half_yearly"), "schools": Calendar("yearly")}


def test_a_plan_without_a_calendar_is_published_every_month(mini_plan):
    assert {t.calendar for t in mini_plan.targets} == {Calendar("monthly", None)}


def test_every_calendar_mistake_is_named_with_its_fix(tmp_path):
    text = PLAN.replace("  frequency: quarterly\n", "  frequncy: quarterly\n  lag_days: 20 ngày\n") \
        .replace("level: {frequency: yearly}", "levle: {frequency: yearly}\n    flow: {frequency: quaterly}") \
        .replace("calendar: {frequency: half_yearly}", "calendar: {frequency: half_yearly, lag: 30}") \
        .replace("calendar: {frequency: monthly}", "calendar: monthly")
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(PlanError) as e:
        kpi.load_plan(tmp_path)
    message = str(e.value)
    for expected in (
        "plan.yaml, calendar: unknown key 'frequncy'; did you mean 'frequency'?",
        "plan.yaml: calendar lag_days is '20 ngày'; write the days after the period's end by which the figure is "
        "published, a whole number from 0 to 366, e.g. 'lag_days: 20' (leave it out for the plan's reporting deadline).",
        "plan.yaml, calendar: measure 'levle' is not one of flow, level, growth; did you mean 'level'?",
        "plan.yaml, calendar, measure 'flow': calendar frequency 'quaterly' is not one of monthly, quarterly, "
        "half_yearly, yearly; did you mean 'quarterly'?",
        "plan.yaml, target 'insured', calendar: unknown key 'lag'; the keys here are frequency, lag_days.",
        "plan.yaml, target 'revenue': calendar is 'monthly'; write how often the figure is published and how many "
        "days after its period, e.g. 'calendar: {frequency: quarterly, lag_days: 20}'.",
    ):
        assert expected in message, expected


def test_a_calendar_for_a_group_the_plan_does_not_have_is_an_error(tmp_path):
    text = PLAN.replace("  measure:\n", "  group: {sociey: {frequency: yearly}}\n  measure:\n")
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(PlanError, match="plan.yaml, calendar: group 'sociey' is not one of economy, society, "
                                        "security; did you mean 'society'\\?"):
        kpi.load_plan(tmp_path)


def test_a_group_calendar_wins_over_the_measure_and_a_target_over_both(tmp_path):
    text = PLAN.replace("  measure:\n", "  group: {society: {frequency: half_yearly, lag_days: 30}}\n  measure:\n")
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    by_id = {t.id: t.calendar for t in kpi.load_plan(tmp_path).targets}
    assert by_id["schools"] == Calendar("half_yearly", 30)  # group over measure, field by field
    assert by_id["insured"] == Calendar("half_yearly", 30)  # its own frequency, the group's lag
    assert by_id["share"] == Calendar("yearly")             # economy: the measure's


# --- due means due ---------------------------------------------------------------------------------------
def test_a_yearly_indicator_at_a_month_and_at_a_quarter_is_not_due_and_its_figure_is_current(cal):
    plan, obs = cal
    for period in ("2021-08", "2021-Q3"):
        status = kpi.assess(plan, obs, period)
        share, schools = _row(status, "share"), _row(status, "schools")
        # its 6-month estimate (41,5% in 40-45%) is its current figure: not stale, judged, no alarm
        assert (share["as_of"], bool(share["stale"]), share["status"]) == ("2021-Q2", False, "on_track")
        # no figure, none due before the year end: not yet due, not "no data"
        assert (schools["as_of"], schools["status"]) == ("", "not_due")
    year = kpi.assess(plan, obs, "2021-Q4")
    assert (_row(year, "schools")["status"], bool(_row(year, "share")["stale"])) == ("no_data", True)


def test_a_half_yearly_indicator_at_eight_months_is_current(cal):
    plan, obs = cal
    status = kpi.assess(plan, obs, "2021-08")
    insured = _row(status, "insured")
    assert (insured["as_of"], bool(insured["stale"]), insured["status"]) == ("2021-Q2", False, "on_track")
    # the monthly revenue, at 8 months, has only its 6-month figure: stale, its own period's verdict kept
    revenue = _row(status, "revenue")
    assert (revenue["as_of"], bool(revenue["stale"])) == ("2021-Q2", True)
    # before its first figure is due (5 months), a half-yearly indicator with no figure is not due
    early = kpi.assess(plan, obs[obs["indicator"] != "insured"], "2021-05")
    assert _row(early, "insured")["status"] == "not_due"


def test_an_owner_whose_targets_are_all_yearly_is_not_overdue_at_q3(cal):
    plan, obs = cal
    table = reporting_table(plan, kpi.assess(plan, obs, "2021-Q3"), today=date(2026, 12, 4))
    # cts owes only the monthly revenue at 9 months (the share is yearly, insurance half-yearly): 0 of 1, overdue;
    # sgd owes nothing at Q3, so it has no row at all
    assert table[["owner", "targets", "reported", "state", "overdue"]].values.tolist() == [
        ["cts", 1, 0, "none", True]]
    assert table["missing"].tolist() == ["Thu ngân sách"]
    year = reporting_table(plan, kpi.assess(plan, obs, "2021-Q4"), today=date(2026, 12, 4))
    assert year[["owner", "targets", "reported", "overdue"]].values.tolist() == [["cts", 3, 0, True],
                                                                              ["sgd", 1, 0, True]]


def test_at_eight_months_the_half_yearly_and_yearly_figures_are_not_owed(cal):
    plan, obs = cal
    table = reporting_table(plan, kpi.assess(plan, obs, "2021-08"), today=date(2026, 12, 4))
    assert table[["owner", "targets", "reported"]].values.tolist() == [["cts", 1, 0]]


def test_a_missing_figure_is_overdue_from_its_own_deadline(cal, tmp_path):
    plan, obs = cal
    text = PLAN.replace("calendar: {frequency: monthly}", "calendar: {frequency: monthly, lag_days: 5}")
    (tmp_path / "plan.yaml").write_text(text, encoding="utf-8")
    early, _ = kpi.load(tmp_path)
    status = kpi.assess(early, obs, "2021-Q3")
    # revenue's 9-month figure is due 5/10 (30/09 + 5 days), the plan's cut-off is 20/10
    on = {d: bool(reporting_table(early, status, as_of=d)["overdue"].iloc[0])
          for d in (date(2021, 10, 5), date(2021, 10, 6))}
    assert on == {date(2021, 10, 5): False, date(2021, 10, 6): True}
    assert not reporting_table(plan, status, as_of=date(2021, 10, 6))["overdue"].iloc[0]  # the cut-off: 20/10


def test_a_past_period_gives_the_same_reporting_table_on_any_clock(cal):
    plan, obs = cal
    status = kpi.assess(plan, obs, "2021-Q3")
    then = reporting_table(plan, status, today=date(2021, 10, 21))
    now = reporting_table(plan, status, today=date(2026, 12, 4))
    pd.testing.assert_frame_equal(then, now)
    assert then.attrs["as_of"] == now.attrs["as_of"] == date(2021, 10, 21)


def test_kontum_at_eight_months_owes_no_statistics_office_figure_and_at_q3_no_school_rate(kontum):
    plan, obs = kontum
    eight = reporting_table(plan, kpi.assess(plan, obs, "2021-08")).set_index("owner")
    # GRDP is quarterly; shares, per capita and population yearly: nothing owed by the Statistics Office at 8 months
    assert "cts" not in eight.index
    assert eight["targets"].to_dict() == {"stc": 1, "sct": 1}  # budget revenue and exports, both monthly
    q3 = reporting_table(plan, kpi.assess(plan, obs, "2021-Q3")).set_index("owner")
    assert "sgddt" not in q3.index                              # school standards: counted once a year
    assert q3.loc["cts", "targets"] == 1 and q3.loc["cts", "missing"] == "Tốc độ tăng trưởng GRDP"
    q4 = reporting_table(plan, kpi.assess(plan, obs, "2021-Q4")).set_index("owner")
    assert (q4.loc["sgddt", "targets"], q4.loc["sgddt", "overdue"]) == (5, True)  # due with the year's figures


def test_due_months_asks_each_calendar_with_the_rows_cut_off_day():
    """Exports published 25 days after the month, in the report of August 2021: with the plan's cut-off day 20 the
    deadline is 20/9, before the August figure (31/8 + 25 = 25/9), so July's is the latest due; with no cut-off day
    the deadline is 30/9 and August's is due. A row with no calendar is due every month."""
    import numpy as np
    import pandas as pd

    from kpi.assessment.engine import due_months
    from kpi.model.period import Period
    from kpi.model.publication import Calendar

    lagged = Calendar("monthly", lag_days=25)
    f = pd.DataFrame({"calendar": [lagged, lagged, lagged, None, Calendar("quarterly")],
                      "cutoff_day": [20, None, np.nan, 20, 20]})
    assert due_months(f, Period.parse("2021-08")).tolist() == [7, 8, 8, 8, 6]
    assert due_months(f.drop(columns="cutoff_day"), Period.parse("2021-08")).tolist() == [8, 8, 8, 8, 6]
    assert due_months(f.drop(columns="calendar"), Period.parse("2021-08")).tolist() == [8] * 5
    assert due_months(f.iloc[:0], Period.parse("2021-08")).tolist() == []
