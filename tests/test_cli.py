import json
import subprocess
import sys

import pandas as pd
import pytest

import kpi
from kpi.cli import main
from kpi.files import display
from conftest import FIXTURES, KONTUM, MONTHS, ROOT

HOSTILE = ROOT / "tests" / "hostile" / "fixtures"


def run(*args):
    return subprocess.run([sys.executable, "-m", "kpi.cli", *map(str, args)], capture_output=True, text=True)


def test_validate_bundled_data_passes():
    r = run("validate", KONTUM)
    assert r.returncode == 0, r.stderr
    assert "43 targets" in r.stdout and "42 figures" in r.stdout


def test_validate_bad_file_is_one_message_and_exit_2(tmp_path):
    """The hostile plan with figures that have three problems: all of them, in one message."""
    (tmp_path / "plan.yaml").write_bytes((HOSTILE / "plan.yaml").read_bytes())
    (tmp_path / "observations.csv").write_bytes((HOSTILE / "observations" / "three-problems-in-three-rows.csv").read_bytes())
    r = run("validate", tmp_path)
    obs = display(tmp_path / "observations.csv")
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr == (
        "kpi validate: 3 problems found:\n"
        f"- {obs}, row 2: indicator 'revenu' is not in the plan; did you mean 'revenue'?\n"
        f"- {obs}, row 3: period '2021-Q5' is not a month or a quarter; write YYYY-MM for a month (e.g. 2021-05) or "
        "YYYY-Qn for a quarter (e.g. 2021-Q3).\n"
        f"- {obs}, row 4: value '63,5' is not a number; write 63.5 (a decimal point, no thousands separator).\n")


def test_status_csv_is_the_assessment_frame(capsys):
    assert main(["status", str(KONTUM), "--period", "2021-Q4", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    frame = pd.read_csv(pd.io.common.StringIO(out), keep_default_na=False, na_values=[""])
    assert len(frame) == 43
    assert frame.set_index("indicator").loc["grdp_growth", "status"] == "missed"


def test_status_json_and_english(capsys):
    assert main(["status", str(KONTUM), "--period", "latest", "--format", "json", "--lang", "en"]) == 0
    records = json.loads(capsys.readouterr().out)
    row = next(r for r in records if r["indicator"] == "exports")
    # 290 million USD against at least 162: beyond the plan
    assert row["period"] == "2021-Q4" and row["name"] == "Exports" and row["status"] == "exceeded"
    assert row["rule"] == "at least 162"


def test_status_table_fits_100_columns_and_groups(capsys):
    assert main(["status", str(KONTUM), "--period", "2021-Q3", "--colour", "always"]) == 0
    out = capsys.readouterr().out
    plain = __import__("re").sub(r"\033\[[0-9;]*m", "", out)
    assert max(len(line) for line in plain.splitlines()[2:]) <= 100
    assert "[Kinh tế]" in plain and "[Văn hóa - xã hội và môi trường]" in plain and "[Quốc phòng, an ninh]" in plain
    assert "\033[31mChậm tiến độ\033[0m" in out
    assert "khoảng 2.000 tỷ đồng" in plain


@pytest.mark.parametrize("lang, note", [
    ("vi", "* đánh giá theo số liệu kỳ trước (cột Kỳ)"),
    ("en", "* verdict of the figure's own, earlier period (column As of)"),
])
def test_status_table_explains_the_star_of_a_stale_verdict(capsys, lang, note):
    # in Q4 some targets are judged on a Q3 figure (kontum_q4 in test_assessment: 5 stale verdicts)
    assert main(["status", str(KONTUM), "--period", "2021-Q4", "--lang", lang]) == 0
    out = capsys.readouterr().out
    assert f"\n\n{note}\n" in out
    assert out.count(note) == 1


def test_status_bad_period(capsys):
    assert main(["status", str(KONTUM), "--period", "2021-Q5"]) == 2
    assert capsys.readouterr().err == ("kpi status: --period '2021-Q5' is not a month or a quarter; write YYYY-MM "
                                       "for a month (e.g. 2021-05) or YYYY-Qn for a quarter (e.g. 2021-Q3), or "
                                       "'latest'.\n")
    assert main(["status", str(KONTUM), "--period", "2020-12"]) == 2
    assert capsys.readouterr().err == ("kpi status: --period '2020-12' is outside the plan year 2021; choose a month "
                                       "2021-01 to 2021-12 or a quarter 2021-Q1 to 2021-Q4, or 'latest'.\n")


def test_template_round_trip(tmp_path, capsys):
    out = tmp_path / "q3.xlsx"
    assert main(["template", str(KONTUM), "--period", "2021-Q3", "-o", str(out)]) == 0
    sheet = pd.read_excel(out, sheet_name="observations")
    assert len(sheet) == 43
    row = sheet.set_index("indicator").loc["budget_revenue"]
    assert (row["period"], row["previous_period"], row["previous_value"], row["rule"]) == ("2021-Q3", "2021-Q2", 1483, "đạt 3.500")
    assert pd.isna(row["value"]) and pd.isna(row["source"])
    help_sheet = pd.read_excel(out, sheet_name="help")
    assert help_sheet.columns.tolist() == ["hướng dẫn / help"]
    assert help_sheet.iloc[0, 0] == ("Điền cột value (số, dấu chấm thập phân), kind (official/preliminary/estimate), "
                                     "qualifier (more_than = hơn/trên, less_than = gần, about = khoảng) và source (địa "
                                     "chỉ nguồn). Để trống value nếu chưa có số liệu.")
    # An analyst fills one figure; the sheet then loads as observations (unfilled rows mean "not reported").
    sheet[["value", "kind", "source"]] = sheet[["value", "kind", "source"]].astype(object)
    sheet.loc[sheet.indicator == "exports", ["value", "kind", "source"]] = [120, "estimate", "https://example.org"]
    sheet.to_excel(out, index=False)
    plan = kpi.load_plan(KONTUM)
    obs = kpi.load_observations(out, plan)
    assert obs[["indicator", "period", "value"]].values.tolist() == [["exports", "2021-Q3", 120.0]]


def test_help_starts_without_heavy_imports():
    code = "import sys; from kpi import cli; print(sorted(m for m in ('pandas','matplotlib','papermill') if m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout.strip() == "[]"


def test_report_bad_period_names_the_plan_and_renders_nothing(tmp_path, capsys):
    assert main(["report", str(KONTUM), "--period", "2022-Q1", "--out", str(tmp_path), "--no-pdf"]) == 2
    err = capsys.readouterr().err
    assert err == (f"kpi report: 1 of 1 failed:\n- {display(KONTUM)}: --period '2022-Q1' is outside the plan year "
                   "2021; choose a month 2021-01 to 2021-12 or a quarter 2021-Q1 to 2021-Q4, 'latest' or 'all'.\n")
    assert list(tmp_path.iterdir()) == []


def test_report_lists_a_plans_problems_under_its_name(plan_copy, tmp_path, capsys):
    d = plan_copy("mini")
    with (d / "observations.csv").open("a", encoding="utf-8") as fh:
        fh.write("revenue,2021-Q5,1,,,,\nrevenu,2021-Q1,3.500,,,,\n")
    assert main(["report", str(d), "--period", "2021-Q2", "-o", str(tmp_path / "out")]) == 2  # -o as in template
    obs = display(d / "observations.csv")
    assert capsys.readouterr().err == (
        f"kpi report: 1 of 1 failed:\n- {display(d)}: 3 problems found:\n"
        f"  - {obs}, row 27: period '2021-Q5' is not a month or a quarter; write YYYY-MM for a month (e.g. 2021-05) "
        "or YYYY-Qn for a quarter (e.g. 2021-Q3).\n"
        f"  - {obs}, row 28: indicator 'revenu' is not in the plan; did you mean 'revenue'?\n"
        f"  - {obs}, row 28: value '3.500' is ambiguous; write 3500 (no thousands separator), or 3.5 if you meant a "
        "decimal.\n")
    assert not (tmp_path / "out").exists()


def test_status_table_never_cuts_a_plan_figure_or_a_name(capsys):
    # the rules as the plan file writes them, read independently of the table code
    import yaml

    plan = yaml.safe_load((KONTUM / "plan.yaml").read_text(encoding="utf-8"))
    for lang in ("vi", "en"):
        assert main(["status", str(KONTUM), "--period", "2021-Q3", "--lang", lang, "--colour", "never"]) == 0
        out = capsys.readouterr().out
        assert "…" not in out
        assert max(len(line) for line in out.splitlines()) <= 100
        chars = "".join(out.split())
        for t in plan["targets"]:
            name = t["name"][lang] if isinstance(t["name"], dict) else t["name"]
            rest = iter(chars)  # every letter of the name, in order (figure columns sit between its wrapped lines)
            assert all(ch in rest for ch in "".join(name.split())), name
    # the rules that used to be cut at 13 columns
    assert main(["status", str(KONTUM), "--period", "2021-Q3", "--lang", "en", "--colour", "never"]) == 0
    out = capsys.readouterr().out
    assert "about 567,000 (±1%)" in out and "down by at least 4 points" in out and "at least 14,600" in out


def test_a_month_through_the_commands():
    """tests/fixtures/months at May 2021: validate, then the assessment as CSV, checked by hand."""
    r = run("validate", MONTHS)
    assert r.returncode == 0, r.stderr
    assert r.stdout == (f"{MONTHS}: OK — plan 'months-2021' (2021), 5 targets, 0 inputs; observations.csv: "
                        "22 figures, 5 indicators, latest period with data 2021-12.\n")
    r = run("status", MONTHS, "--period", "2021-05", "--format", "csv")
    assert r.returncode == 0, r.stderr
    frame = pd.read_csv(pd.io.common.StringIO(r.stdout), keep_default_na=False, na_values=[""]).set_index("indicator")
    assert (frame["period"] == "2021-05").all() and len(frame) == 5
    cols = ["as_of", "actual", "attainment_pct", "expected_pct", "expected_basis", "projection", "projection_method",
            "status"]
    got = frame.loc[["sales", "coverage", "growth"], cols]
    # flow: 540 of 1200 = 45%; May 2020 had 400 of the year's 1000 -> 40% expected; 540 / 0.40 = 1350 >= 1200
    assert got.loc["sales"].tolist() == ["2021-05", 540.0, 45.0, 40.0, "history", 1350.0, "seasonal", "on_track"]
    # level: 61 above 60; 61 / 60 = 101.67%; no expected progress; the projection is the latest figure
    assert got.loc["coverage", ["as_of", "actual", "projection", "projection_method", "status"]].tolist() == [
        "2021-05", 61.0, 61.0, "latest", "on_track"]
    assert got.loc["coverage", "attainment_pct"] == pytest.approx(100 * 61 / 60)
    assert pd.isna(got.loc["coverage", "expected_pct"]) and pd.isna(got.loc["coverage", "expected_basis"])
    # growth: 6.5 against above 7, short by 0.5 <= 10% of 7 -> at risk; no % of plan for a rate
    assert got.loc["growth", ["as_of", "actual", "projection", "projection_method", "status"]].tolist() == [
        "2021-05", 6.5, 6.5, "latest", "at_risk"]
    assert pd.isna(got.loc["growth", "attainment_pct"]) and pd.isna(got.loc["growth", "expected_pct"])


def test_template_help_says_the_period_may_be_latest():
    r = run("template", "--help")
    assert r.returncode == 0
    assert "YYYY-MM, YYYY-Qn or 'latest'" in " ".join(r.stdout.split())


def test_validate_a_bad_plan_says_the_figures_wait_for_it(plan_copy, capsys):
    d = plan_copy("mini")
    text = (d / "plan.yaml").read_text(encoding="utf-8").replace("rule: {above: 10}", "rule: {above: 0100}")
    (d / "plan.yaml").write_text(text, encoding="utf-8")
    assert main(["validate", str(d)]) == 2
    err = capsys.readouterr().err
    assert "'0100' has a leading zero, which YAML reads as an octal number; write 100" in err
    assert err.endswith("\nobservations.csv is checked once plan.yaml has no problem.\n")


def test_templates_are_created_as_any_new_file_is(tmp_path, capsys):
    """The single sheet went through mkstemp and came out 0600: another analyst could not open it."""
    import os

    old = os.umask(0o022)
    try:
        assert main(["template", str(FIXTURES / "owned"), "--period", "2021-Q3", "-o", str(tmp_path / "q3.xlsx")]) == 0
        assert main(["template", str(FIXTURES / "owned"), "--period", "2021-Q3", "--by", "owner",
                     "-o", str(tmp_path / "returned")]) == 0
    finally:
        os.umask(old)
    capsys.readouterr()
    files = [tmp_path / "q3.xlsx", *sorted((tmp_path / "returned").iterdir())]
    assert len(files) > 2 and {oct(p.stat().st_mode & 0o777) for p in files} == {"0o644"}


@pytest.mark.parametrize("options, formats", [
    ([], ["html", "pdf", "docx", "xlsx"]),  # the Word report by default, the slides only when asked for
    (["--slides"], ["html", "pdf", "docx", "xlsx", "slides"]),
    (["--no-docx", "--no-pdf"], ["html", "xlsx"]),
])
def test_report_formats_by_default_and_by_option(options, formats, monkeypatch, tmp_path):
    import kpi.render.report

    asked = []
    monkeypatch.setattr(kpi.render.report, "render_many", lambda *a, **kw: asked.append(kw["formats"]) or 0)
    assert main(["report", str(MONTHS), "--period", "2021-Q2", "-o", str(tmp_path), *options]) == 0
    assert asked == [formats]


def test_validate_says_how_a_range_on_a_flow_is_read(plan_copy, capsys):
    d = plan_copy("mini")
    plan = d / "plan.yaml"
    plan.write_text(plan.read_text(encoding="utf-8").replace("rule: {at_least: 1000}", "rule: {between: [1000, 1200]}"),
                    encoding="utf-8")
    assert main(["validate", str(d)]) == 0
    assert capsys.readouterr().out.splitlines()[1] == (
        "  revenue: the range 1000–1200 on a flow is read as the plan 1000 (the verdict's reference) and the aim "
        "1200; beyond the aim is more than planned, not a miss.")
