"""Amended plans (``revised:``): a period is judged on the rule in force at its end.

After Kon Tum merged into Quảng Ngãi on 1 July 2025 the Provincial People's Council re-set the year's targets on
22 August 2025 (GRDP growth from 8,87% to 10%): a period ending before the amendment keeps the old figure, one
ending after it takes the new. Here the small test plan's GRDP growth ('trên 10%') is raised to 'trên 12%' from
22/8/2021.
"""
import pandas as pd
import pytest

import kpi
from kpi.cli import main
from kpi.files import display

AMENDMENT = ('revised: [{from: 2021-08-22, rule: {above: 12}, source: "Nghị quyết số 12/NQ-HĐND ngày '
             '22/8/2021"}]')


def amended(plan_copy, revised=AMENDMENT):
    d = plan_copy("mini")
    plan = d / "plan.yaml"
    text = plan.read_text(encoding="utf-8")
    old = "measure: growth, rule: {above: 10},"
    assert old in text
    plan.write_text(text.replace(old, f"{old} {revised},"), encoding="utf-8")
    return d


@pytest.mark.parametrize("period, low, status", [
    ("2021-Q2", 10.0, "on_track"),   # ends 30/6: before the amendment, 11% is above 10%
    ("2021-07", 10.0, "on_track"),   # ends 31/7
    ("2021-08", 12.0, "at_risk"),    # ends 31/8: after it, 11% is 1 point short of 12% (8.3% <= 10%: at risk)
    ("2021-Q3", 12.0, "at_risk"),
])
def test_a_period_is_judged_on_the_rule_in_force_at_its_end(plan_copy, period, low, status):
    plan, obs = kpi.load(amended(plan_copy))
    obs = pd.concat([obs, pd.DataFrame([dict(indicator="grdp_growth", period=period, value=11.0, kind="estimate",
                                             qualifier="", source="", note="")])], ignore_index=True)
    obs = obs.drop_duplicates(["indicator", "period"], keep="last")
    row = kpi.assess(plan, obs, period).set_index("indicator").loc["grdp_growth"]
    assert (row.rule_kind, row.rule_a, row.status) == ("above", low, status)


def test_the_plan_keeps_its_first_rule_and_the_amendment(plan_copy):
    target = kpi.load_plan(amended(plan_copy)).target("grdp_growth")
    assert (target.rule.kind, target.rule.params[0]) == ("above", 10.0)
    (r,) = target.revisions
    assert (str(r.since), r.rule.kind, r.rule.params[0], r.source) == (
        "2021-08-22", "above", 12.0, "Nghị quyết số 12/NQ-HĐND ngày 22/8/2021")


@pytest.mark.parametrize("revised, message", [
    ("revised: [{from: 22/8/2021, rule: {above: 12}}]",
     "revised #1: from '22/8/2021' is not a date; write the day the amendment takes effect as YYYY-MM-DD, e.g. "
     "2021-08-22."),
    ("revised: [{from: 2022-01-05, rule: {above: 12}}]",
     "revised #1: from 2022-01-05 is not in the plan year 2021; an amendment changes the year's target from a day "
     "of that year."),
    ("revised: [{from: 2021-08-22, rule: {above: 12}}, {from: 2021-03-01, rule: {above: 11}}]",
     "revised #2: from 2021-03-01 is not after the amendment before it (2021-08-22); list the amendments in the "
     "order they were made."),
    ("revised: [{from: 2021-08-22, rul: {above: 12}}]",
     "revised #1: unknown key 'rul'; did you mean 'rule'?"),
    ("revised: {from: 2021-08-22, rule: {above: 12}}",
     "revised is {'from': '2021-08-22', 'rule': {'above': 12}}; write a list of amendments, e.g. 'revised: "
     "[{from: 2021-08-22, rule: {at_least: 10}, source: \"Nghị quyết số ...\"}]'."),
])
def test_a_malformed_amendment_is_named(plan_copy, capsys, revised, message):
    d = amended(plan_copy, revised)
    assert main(["validate", str(d)]) == 2
    err = capsys.readouterr().err
    assert f"{display(d / 'plan.yaml')}, target 'grdp_growth', {message}" in err or \
        f"{display(d / 'plan.yaml')}, target 'grdp_growth': {message}" in err, err


def test_the_sheets_to_fill_show_the_plan_figure_in_force(plan_copy):
    from kpi.inputs.template import template
    from kpi.model.period import Period

    plan, obs = kpi.load(amended(plan_copy))
    rules = {p: template(plan, obs, Period.parse(p)).set_index("indicator").loc["grdp_growth", "rule"]
             for p in ("2021-Q2", "2021-Q3")}
    assert rules == {"2021-Q2": plan.target("grdp_growth").rule.label("vi"),
                     "2021-Q3": plan.target("grdp_growth").revisions[0].rule.label("vi")}
    assert rules["2021-Q2"] != rules["2021-Q3"]


def test_the_report_names_the_amendment(plan_copy, tmp_path):
    from docx import Document

    from kpi.documents.docx import write_docx
    from kpi.story.sections import amendments

    plan, obs = kpi.load(amended(plan_copy))
    sentence = ("Chỉ tiêu Tăng trưởng GRDP được điều chỉnh từ ngày 22/08/2021 (Nghị quyết số 12/NQ-HĐND ngày "
                "22/8/2021): trên 12%; kỳ này đánh giá theo chỉ tiêu điều chỉnh.")
    q3 = kpi.assess(plan, obs, "2021-Q3")
    assert amendments(q3, "vi") == f"<p class='amended'>{sentence}</p>"
    assert amendments(kpi.assess(plan, obs, "2021-Q2"), "vi") == ""  # before the amendment: nothing to say
    doc = Document(write_docx(plan, q3, [], tmp_path / "report.docx"))
    # the Word report spells GRDP out at its first use, which is here (Decree 30); the resolution's code stays
    assert sentence.replace("Tăng trưởng GRDP", "Tăng trưởng tổng sản phẩm trên địa bàn (GRDP)") in [
        p.text for p in doc.paragraphs]
    assert amendments(kpi.assess(plan, obs, "2021-Q3", lang="en"), "en") == (
        "<p class='amended'>The target GRDP growth was amended from 22/08/2021 (Nghị quyết số 12/NQ-HĐND ngày "
        "22/8/2021): above 12%; this period is judged on it.</p>")
