"""Targets beyond their plan ("vượt kế hoạch"), stretch targets ("chỉ tiêu phấn đấu") and other references
(``also:``: the central government's budget estimate beside the council's), as provinces count and write them.

Every expected number is worked out by hand in the comment beside it.
"""
import math

import numpy as np
import pandas as pd
import pytest

import kpi
from conftest import KONTUM as KONTUM_DIR
from kpi.assessment.engine import assess_many
from kpi.errors import PlanError
from kpi.story.summary import projection_text


def _one(rule_kind, a, measure, value, *, b=np.nan, period="2021-Q4", qualifier="", stretch=("", np.nan, np.nan),
         baseline=None):
    """One target of one area assessed: the rule, optionally a stretch (kind, a, b), and last year's level."""
    targets = pd.DataFrame([dict(area="x", order=0, indicator="t", group="economy", measure=measure, rule=rule_kind,
                                 rule_kind=rule_kind, a=float(a), b=b, target=float(a), unit="", name="t", parent="",
                                 year=2021, stretch_kind=stretch[0], stretch_a=stretch[1], stretch_b=stretch[2])])
    rows = [dict(area="x", indicator="t", period=period, value=float(value), kind="", qualifier=qualifier,
                 source="", note="")]
    if baseline is not None:
        rows.append(dict(area="x", indicator="t", period="2020-Q4", value=float(baseline), kind="", qualifier="",
                         source="", note=""))
    return assess_many(targets, pd.DataFrame(rows), period).iloc[0]


@pytest.mark.parametrize("rule_kind, a, b, measure, value, baseline, status", [
    ("at_least", 3500, np.nan, "flow", 3500, None, "met"),          # the plan's figure itself: đạt
    ("at_least", 3500, np.nan, "flow", 3501, None, "exceeded"),     # any excess: vượt
    ("above", 63.1, np.nan, "level", 63.4, None, "exceeded"),        # "trên 63,1%" is met only by exceeding it
    ("above", 63.1, np.nan, "level", 63.1, None, "missed"),
    ("at_most", 4, np.nan, "level", 3.1, None, "met"),               # a cap ("dưới 4%": 3,1%) is met, not exceeded
    ("below", 4, np.nan, "level", 3.1, None, "met"),
    ("about", 100, 2, "level", 101, None, "met"),                   # "khoảng 100": within ±2%
    ("between", 21, 22, "level", 21.5, None, "met"),                # a band on a level: inside is met, no more
    ("between", 40000, 42000, "flow", 42000, None, "met"),          # a range on a flow: up to the aim, met
    ("between", 40000, 42000, "flow", 42001, None, "exceeded"),     # beyond the aim
    ("between", 7.5, 8.5, "growth", 8.0, None, "met"),
    ("between", 7.5, 8.5, "growth", 8.6, None, "exceeded"),
    ("reduce_by", 4, np.nan, "level", 6.29, 10.29, "met"),          # 10,29 − 4 = 6,29: exactly the reduction
    ("reduce_by", 4, np.nan, "level", 6.0, 10.29, "exceeded"),      # 4,29 points down: more than 4
    ("increase_by", 2, np.nan, "level", 62.5, 60, "exceeded"),      # 2,5 points up against 2
    ("increase_by", 2, np.nan, "level", 62, 60, "met"),
])
def test_exceeded_is_any_excess_in_the_direction_the_plan_asks(rule_kind, a, b, measure, value, baseline, status):
    assert _one(rule_kind, a, measure, value, b=b, baseline=baseline)["status"] == status


def test_a_bounded_figure_is_exceeded_only_when_every_value_it_stands_for_is():
    # "hơn 3.500" stands for more than 3.500: beyond "đạt 3.500" whatever it is
    assert _one("at_least", 3500, "flow", 3500, qualifier="more_than")["status"] == "exceeded"
    # "gần 3.550" (3.479 to 3.550 with 2%) may be under 3.500: not met for sure, so not exceeded either
    assert _one("at_least", 3500, "flow", 3550, qualifier="less_than")["status"] == "undetermined"


def test_in_the_year_a_flow_already_past_its_target_is_exceeded_and_a_projection_never_is():
    assert _one("at_least", 1000, "flow", 1200, period="2021-Q3")["status"] == "exceeded"
    # a level projected above its target is on track, not exceeded: the year is not over
    assert _one("at_least", 60, "level", 65, period="2021-Q3")["status"] == "on_track"


@pytest.mark.parametrize("value, status, gap, stretch_gap", [
    # "Chỉ tiêu kế hoạch 7,5%, chỉ tiêu phấn đấu 8,5%"; the year-end report: "thấp hơn 1,87% so với chỉ tiêu kế
    # hoạch và thấp hơn 2,87% so với chỉ tiêu phấn đấu" -> 7,5 − 1,87 = 5,63
    (5.63, "missed", -1.87, -2.87),
    (8.0, "met", 0.5, -0.5),          # above the plan, under the stretch: met (a stretch sets what "vượt" means)
    (8.5, "exceeded", 1.0, 0.0),      # the stretch reached
])
def test_a_stretch_target_is_reported_beside_the_plan_and_never_the_verdict(value, status, gap, stretch_gap):
    row = _one("at_least", 7.5, "growth", value, stretch=("at_least", 8.5, np.nan))
    assert (row["status"], row["gap"], row["stretch_gap"], row["stretch_target"]) == (
        status, pytest.approx(gap), pytest.approx(stretch_gap), 8.5)
    assert math.isnan(row["stretch_attainment_pct"])  # a growth rate has no attainment, as against its plan


def test_stretch_attainment_of_a_flow():
    # plan 5.900, stretch 6.200: 5.950 is 100,85% of plan (exceeded: no, a stretch is given; met) and 95,97% of the
    # stretch (5.950 / 6.200 = 0,959677)
    row = _one("at_least", 5900, "flow", 5950, stretch=("at_least", 6200, np.nan))
    assert row["status"] == "met"
    assert row["attainment_pct"] == pytest.approx(100.847457627)
    assert row["stretch_attainment_pct"] == pytest.approx(95.967741935)
    assert row["stretch_gap"] == pytest.approx(-250)


YAML_STRETCH_ALSO = (
    "measure: flow, rule: {at_least: 1000}, stretch: {at_least: 1100}, "
    "also: [{name: {vi: dự toán Trung ương giao, en: central government estimate}, value: 920}],")


def _with_keys(plan_copy, extra=YAML_STRETCH_ALSO):
    d = plan_copy("mini")
    plan = d / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    old = "measure: flow, rule: {at_least: 1000}}"
    assert text.count(old) == 1
    plan.write_text(text.replace(old, extra.rstrip(",") + "}"), encoding="utf-8")
    return d


def test_two_budget_references_in_the_frame_and_in_one_sentence(plan_copy):
    """Gia Lai, 6 months of 2023: "đạt 53% dự toán Trung ương giao, đạt 48,7% dự toán HĐND giao" — here the
    mini plan's revenue: at least 1.000 (the council's), 920 from the centre, stretch 1.100."""
    from kpi.story.sections import takeaway

    plan, obs = kpi.load(_with_keys(plan_copy))
    target = plan.target("revenue")
    assert (target.stretch.kind, target.stretch.params[0]) == ("at_least", 1100.0)
    assert [(r.name("vi"), r.name("en"), r.value) for r in target.also] == [
        ("dự toán Trung ương giao", "central government estimate", 920.0)]
    obs = pd.concat([obs, pd.DataFrame([dict(indicator="revenue", period="2021-Q4", value=966.0, kind="estimate",
                                             qualifier="", source="", note="")])], ignore_index=True)
    obs = obs.drop_duplicates(["indicator", "period"], keep="last")
    row = kpi.assess(plan, obs, "2021-Q4").set_index("indicator").loc["revenue"]
    # 966 / 920 = 105%, 966 − 920 = 46; against the plan 96,6%, missed
    (ref,) = row["also"]
    assert (ref["name"], ref["target"], ref["gap"], ref["attainment_pct"]) == (
        "dự toán Trung ương giao", 920.0, pytest.approx(46.0), pytest.approx(105.0))
    assert row["status"] == "missed"
    text = takeaway(row, "vi")
    assert "bằng 96,6% kế hoạch" in text and "bằng 105,0% dự toán Trung ương giao" in text, text
    assert "bằng 87,8% chỉ tiêu phấn đấu" in text, text  # 966 / 1.100 = 87,82%
    en = kpi.assess(plan, obs, "2021-Q4", lang="en").set_index("indicator").loc["revenue"]
    assert "105.0% of the central government estimate" in takeaway(en, "en")


@pytest.mark.parametrize("extra, message", [
    ("measure: flow, rule: {at_least: 1000}, stretch: {at_least: 900},",
     "target 'revenue', stretch: at least 900 is not beyond the plan's at least 1,000; a stretch target asks for "
     "more than the plan (e.g. plan 'at_least: 7.5', stretch 'at_least: 8.5')."),
    ("measure: flow, rule: {at_least: 1000}, stretch: {atleast: 1100},",
     "target 'revenue', stretch: rule 'atleast' is not one of"),
    ("measure: flow, rule: {at_least: 1000}, also: [{name: dự toán TW, value: '920'}],",
     "target 'revenue', also #1: value is '920'; write the reference's number in the target's unit, "
     "e.g. 'value: 5430'."),
    ("measure: flow, rule: {at_least: 1000}, also: [{name: dự toán TW, valeu: 920}],",
     "target 'revenue', also #1: unknown key 'valeu'; did you mean 'value'?"),
    ("measure: flow, rule: {at_least: 1000}, also: {name: dự toán TW, value: 920},",
     "target 'revenue': also is {'name': 'dự toán TW', 'value': 920}; write a list of references"),
    ("measure: flow, rule: {at_least: 1000}, strech: {at_least: 1100},",
     "target 'revenue': unknown key 'strech'; did you mean 'stretch'?"),
])
def test_stretch_and_also_mistakes_are_named(plan_copy, extra, message):
    with pytest.raises(PlanError) as e:
        kpi.load_plan(_with_keys(plan_copy, extra))
    assert message in str(e.value)


def test_year_end_summary_counts_met_and_exceeded_as_provinces_do():
    """"Kết quả cả năm: đạt và vượt 3/5 chỉ tiêu, trong đó vượt 2" — three achieved, two of them beyond plan."""
    frame = pd.DataFrame({"period": "2021-Q4", "status": ["exceeded", "met", "exceeded", "missed", "no_data"],
                          "stale": False, "as_of": ["2021-Q4"] * 4 + [""]})
    assert projection_text(frame, "vi") == ("Kết quả cả năm: đạt và vượt 3/5 chỉ tiêu, trong đó vượt 2, 1 không đạt. "
                                            "1 chỉ tiêu chưa có số liệu.")
    assert projection_text(frame, "en") == ("The year's result: 3 of 5 met or exceeded, 2 of them exceeded, 1 missed. "
                                            "No figure yet: 1.")
    plain = frame.assign(status=["met", "met", "met", "missed", "no_data"])
    assert projection_text(plain, "vi").startswith("Kết quả cả năm: 3 chỉ tiêu đạt kế hoạch, 1 không đạt.")


def test_status_xlsx_says_the_stretch_and_the_other_references(plan_copy, tmp_path):
    from openpyxl import load_workbook

    from kpi.documents.xlsx import write_status_xlsx

    plan, obs = kpi.load(_with_keys(plan_copy))
    obs = pd.concat([obs, pd.DataFrame([dict(indicator="revenue", period="2021-Q4", value=966.0, kind="estimate",
                                             qualifier="", source="", note="")])], ignore_index=True)
    obs = obs.drop_duplicates(["indicator", "period"], keep="last")
    sheet = load_workbook(write_status_xlsx(plan, kpi.assess(plan, obs, "2021-Q4"), tmp_path / "s.xlsx")).active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    head = next(r for r in rows if r and r[0] == "Phần")
    assert head[-1] == "So với chỉ tiêu phấn đấu, dự toán khác"
    revenue = next(r for r in rows if "Thu ngân sách" in r)
    # 966 / 920 = 105%, 966 / 1.100 = 87,8%
    assert revenue[-1] == "bằng 105,0% dự toán Trung ương giao; bằng 87,8% chỉ tiêu phấn đấu"
    # a plan without them: no such column (the bundled Kon Tum plan)
    plain = kpi.load(KONTUM_DIR)
    sheet = load_workbook(write_status_xlsx(plain[0], kpi.assess(*plain, "2021-Q3"), tmp_path / "k.xlsx")).active
    assert "So với chỉ tiêu phấn đấu, dự toán khác" not in [c.value for c in sheet[5]]


def test_status_xlsx_never_rounds_a_bounded_share_up(tmp_path):
    """Kon Tum's investment at 6 months: "hơn 8.797" of 20.000 = hơn 43,985%: shown as 43,9, not 44,0."""
    from openpyxl import load_workbook

    from kpi.documents.xlsx import write_status_xlsx

    plan, obs = kpi.load(KONTUM_DIR)
    sheet = load_workbook(write_status_xlsx(plan, kpi.assess(plan, obs, "2021-Q3"), tmp_path / "k.xlsx")).active
    row = next(r for r in sheet.iter_rows() if r[2].value == "Tổng vốn đầu tư toàn xã hội")
    assert row[7].value == 43.9 and row[7].number_format.startswith('[$-42A]"hơn "')


@pytest.mark.parametrize("value, status, gap, stretch_gap", [
    (650, "exceeded", 150, 50),     # under the cap's stretch (at most 700): exceeded, 50 to spare against it
    (700, "exceeded", 100, 0),      # the stretch reached
    (750, "met", 50, -50),          # under the cap, over the stretch
    (820, "missed", -20, -120),     # over the cap
])
def test_a_caps_stretch_sets_what_exceeded_means(value, status, gap, stretch_gap):
    """Spending capped at 800, stretch 'at most 700' (data/README: a cap is exceeded only by reaching its stretch)."""
    row = _one("at_most", 800, "flow", value, stretch=("at_most", 700, np.nan))
    assert (row["status"], row["gap"], row["stretch_gap"], row["stretch_target"]) == (status, gap, stretch_gap, 700)
    assert math.isnan(row["stretch_attainment_pct"])   # a share of a cap says nothing, as against the plan


def test_a_growth_range_with_a_stretch_is_exceeded_only_at_the_stretch():
    # plan 7,5-8,5% (plan 7,5, aim 8,5), stretch at least 9: 8,0 is met (0,5 above the plan, 1,0 under the
    # stretch); 9,5 is exceeded (0,5 beyond the stretch)
    met = _one("between", 7.5, "growth", 8.0, b=8.5, stretch=("at_least", 9.0, np.nan))
    assert (met["status"], met["gap"], met["stretch_gap"]) == ("met", pytest.approx(0.5), pytest.approx(-1.0))
    beyond = _one("between", 7.5, "growth", 9.5, b=8.5, stretch=("at_least", 9.0, np.nan))
    assert (beyond["status"], beyond["stretch_gap"], beyond["stretch_target"]) == ("exceeded", pytest.approx(0.5), 9.0)
