"""kpi collect: filled department workbooks merged into observations.csv, checked, locked, revised with a log."""
import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone

import openpyxl
import pandas as pd
import pytest
from pathlib import Path

import kpi
from kpi.cli import main
from kpi.inputs.collection import PAUSE_HOOK, collect
from kpi.files import display, lock_path, temporary_beside

from conftest import ROOT

COLUMN = {"value": "G", "kind": "H", "qualifier": "I", "source": "J", "note": "K"}
NAMES = {"cts": "Cục Thống kê tỉnh", "stc": "Sở Tài chính", "syt": "Sở Y tế"}


def given(owner, file):
    """The source kpi collect records for a figure whose workbook gave none (CSV-quoted): who, which, when."""
    return f'"{NAMES[owner]} ({owner}), sổ {file}, nhận ngày {datetime.now().strftime("%d/%m/%Y")}"'


@pytest.fixture
def plan_dir(plan_copy):
    return plan_copy("owned")


def workbook(plan_dir, owner, period="2021-Q3"):
    """The owner's workbook for the period, as ``kpi template --by owner`` writes it."""
    out = plan_dir.parent / "returned"
    path = out / f"{owner}-{period}.xlsx"
    if not path.exists():
        assert main(["template", str(plan_dir), "--period", period, "--by", "owner", "-o", str(out)]) == 0
    return path


def fill(path, rows: dict, percent: dict | None = None, save_as=None):
    """Type figures into a workbook as a person would: ``{indicator: {column: value}}``."""
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[0]
    where = {ws[f"A{r}"].value: r for r in range(2, ws.max_row + 1)}
    for indicator, cells in rows.items():
        for column, value in cells.items():
            ws[f"{COLUMN[column]}{where[indicator]}"] = value
    for indicator, value in (percent or {}).items():
        cell = ws[f"G{where[indicator]}"]
        cell.value, cell.number_format = value, "0.0%"
    target = save_as or path
    book.save(target)
    return target


def lines(path):
    return path.read_text(encoding="utf-8").splitlines()


def test_a_filled_workbook_is_merged(plan_dir, capsys):
    path = fill(workbook(plan_dir, "stc"), {"revenue": dict(value=800, kind="ước tính", qualifier="khoảng",
                                                            source="https://example.org/q3")})
    before = (plan_dir / "observations.csv").read_bytes()
    capsys.readouterr()
    assert main(["collect", str(plan_dir), str(path)]) == 0
    after = (plan_dir / "observations.csv").read_bytes()
    assert after == before + b"revenue,2021-Q3,800,estimate,about,https://example.org/q3,\n"
    assert capsys.readouterr().out == (f"{display(plan_dir / 'observations.csv')}: 1 added, 0 revised, 0 unchanged, "
                                       "0 refused.\n- stc (Sở Tài chính): 1 added, 0 revised, 0 unchanged, 0 refused\n")
    assert kpi.load(plan_dir)[1].query("period == '2021-Q3'")["value"].tolist() == [800.0]


def test_observations_kept_elsewhere_behind_a_link_are_written_through_it(plan_dir, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    obs = plan_dir / "observations.csv"
    before = obs.read_bytes()
    obs.rename(shared / "observations.csv")
    obs.symlink_to(shared / "observations.csv")
    collect(plan_dir, [fill(workbook(plan_dir, "stc"), {"revenue": dict(value=800, source="https://example.org/q3")})])
    assert os.path.islink(obs)
    assert (shared / "observations.csv").read_bytes() == before + b"revenue,2021-Q3,800,,,https://example.org/q3,\n"
    assert sorted(p.name for p in shared.iterdir()) == [".observations.csv.lock", "observations.csv"]
    assert sorted(p.name for p in plan_dir.iterdir()) == ["observations.csv", "plan.yaml"]


def test_every_problem_of_every_workbook_and_nothing_merged(plan_dir, capsys):
    cts = fill(workbook(plan_dir, "cts"), {
        "grdp_growth": dict(value="6,6", kind="ước tính"),                         # a decimal comma, typed as text
        "grdp_per_capita": dict(value=48, qualifier="xấp xỉ"),                     # a word not in the list
        "va_agriculture_current": dict(value=1500, kind="chính thức"),
    }, percent={"share_agriculture": 0.215, "population": 1.005})  # 21.5% is fine; a population in % is not
    book = openpyxl.load_workbook(cts)
    book.worksheets[0]["A9"] = "revenue"   # a target of another owner, typed over a locked code
    book.worksheets[0]["G9"] = 800
    book.save(cts)
    stc = fill(workbook(plan_dir, "stc"), {"revenue": dict(value=800)})
    book = openpyxl.load_workbook(stc)
    book.worksheets[0]["F2"] = "2021-Q2"    # a period other than the workbook's
    book.save(stc)
    before = (plan_dir / "observations.csv").read_bytes()
    capsys.readouterr()
    assert main(["collect", str(plan_dir), str(cts), str(stc)]) == 2
    c, s = display(cts), display(stc)
    assert capsys.readouterr().err == (
        "kpi collect: 6 problems found:\n"
        f"- {c}, sheet 'Số liệu', row 2: value '6,6' is not a number; write 6.6 (a decimal point, no thousands "
        "separator).\n"
        f"- {c}, sheet 'Số liệu', row 4: qualifier 'xấp xỉ' is not one of more_than, less_than, about (hơn/trên = "
        "more_than, gần = less_than, khoảng = about); leave it empty for an exact figure.\n"
        f"- {c}, sheet 'Số liệu', row 5 (cell G5): formatted as a percent (shows 100.5%), but 'population' is in "
        "persons; remove the % format and type the figure.\n"
        f"- {c}, sheet 'Số liệu', row 9: indicator 'revenue' is reported by 'stc' (Department of Finance), not by "
        "'cts' (Provincial Statistics Office), whose workbook this is; delete the row (the figure belongs in the "
        "workbook of 'stc').\n"
        f"- {c}, sheet 'Số liệu', row 9: the name 'GTTT nông nghiệp giá SS' beside 'revenue' is not that indicator's "
        "name ('Thu ngân sách'): the rows were sorted, or a code or a name was changed; put each figure beside its "
        "own indicator's code, or make the workbook again with kpi template.\n"
        f"- {s}, sheet 'Số liệu', row 2: period '2021-Q2' is not the workbook's period 2021-Q3 (9 months 2021); "
        "write 2021-Q3, or put the figure in a workbook for its period.\n"
        f"Nothing was merged into {display(plan_dir / 'observations.csv')}: fix the workbooks and collect again "
        "(--skip-bad merges the good ones and lists the others).\n")
    assert (plan_dir / "observations.csv").read_bytes() == before
    assert not (plan_dir / "revisions.csv").exists()


def test_skip_bad_merges_the_good_ones(plan_dir, capsys):
    good = fill(workbook(plan_dir, "syt"), {"stunting": dict(value=29.5, kind="sơ bộ", source="https://example.org/s")})
    bad = fill(workbook(plan_dir, "stc"), {"revenue": dict(value="1.200")})
    capsys.readouterr()
    assert main(["collect", str(plan_dir), str(good), str(bad), "--skip-bad"]) == 2  # not all was done: not 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [f"{display(plan_dir / 'observations.csv')}: 1 added, 0 revised, 0 unchanged, 0 refused.",
                                "- syt (Sở Y tế): 1 added, 0 revised, 0 unchanged, 0 refused",
                                f"skipped (with errors): {display(bad)}"]
    assert err == (f"kpi collect: skipped: {display(bad)}, sheet 'Số liệu', row 2: value '1.200' is ambiguous; write "
                   "1200 (no thousands separator), or 1.2 if you meant a decimal.\n"
                   "kpi collect: 1 workbook was skipped (see above); the figures of the others were merged into "
                   f"{display(plan_dir / 'observations.csv')}.\n")
    assert lines(plan_dir / "observations.csv")[-1] == "stunting,2021-Q3,29.5,preliminary,,https://example.org/s,"


def test_skip_bad_says_how_many_were_skipped_when_the_others_bring_nothing_new(plan_dir, capsys):
    good = fill(workbook(plan_dir, "syt"), {"stunting": dict(value=29.5)})
    collect(plan_dir, [good])
    before = (plan_dir / "observations.csv").read_bytes()
    stc = fill(workbook(plan_dir, "stc"), {"revenue": dict(value="1.200")})
    cts = fill(workbook(plan_dir, "cts"), {"grdp_growth": dict(value="6,6")})
    capsys.readouterr()
    assert main(["collect", str(plan_dir), str(good), str(stc), str(cts), "--skip-bad"]) == 2
    out, err = capsys.readouterr()
    assert out.splitlines()[0] == f"{display(plan_dir / 'observations.csv')}: 0 added, 0 revised, 1 unchanged, 0 refused."
    assert err.splitlines()[-1] == ("kpi collect: 2 workbooks were skipped (see above); the others changed nothing in "
                                    f"{display(plan_dir / 'observations.csv')}.")
    assert (plan_dir / "observations.csv").read_bytes() == before


def test_skip_bad_with_a_refused_figure_lists_it_then_says_how_many_were_skipped(plan_dir, capsys):
    obs = plan_dir / "observations.csv"
    conflict = fill(workbook(plan_dir, "stc", "2021-06"), {"revenue": dict(value=510)})  # 500 is on file
    good = fill(workbook(plan_dir, "syt"), {"stunting": dict(value=29.5, source="https://example.org/s")})
    bad = fill(workbook(plan_dir, "cts"), {"grdp_growth": dict(value="6,6")})
    capsys.readouterr()
    assert main(["collect", str(plan_dir), str(conflict), str(good), str(bad), "--skip-bad"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"kpi collect: skipped: {display(bad)}, sheet 'Số liệu', row ")
    assert err[1].startswith(f"kpi collect: {display(conflict)}, sheet 'Số liệu', row 2: 'revenue' for 2021-06 is 510")
    assert err[2:] == [f"The other 1 figure was merged into {display(obs)} (see above).",
                       "1 workbook was skipped (see above)."]
    assert lines(obs)[-1] == "stunting,2021-Q3,29.5,,,https://example.org/s,"


def test_collecting_twice_changes_nothing(plan_dir, capsys):
    path = fill(workbook(plan_dir, "cts"), {"grdp_growth": dict(value=6.6), "population": dict(value=100700),
                                            "va_agriculture_current": dict(value=1800.125)},
                percent={"share_agriculture": 0.215})
    assert main(["collect", str(plan_dir), str(path)]) == 0
    first = (plan_dir / "observations.csv").read_bytes()
    src = given("cts", "cts-2021-Q3.xlsx")
    expected = {"grdp_growth": f"grdp_growth,2021-Q3,6.6,,,{src},", "population": f"population,2021-Q3,100700,,,{src},",
                "share_agriculture": f"share_agriculture,2021-Q3,21.5,,,{src},",
                "va_agriculture_current": f"va_agriculture_current,2021-Q3,1800.125,,,{src},"}
    ws = openpyxl.load_workbook(path).worksheets[0]
    in_the_sheet = [ws[f"A{r}"].value for r in range(2, ws.max_row + 1) if ws[f"A{r}"].value in expected]
    assert len(in_the_sheet) == 4 and in_the_sheet != sorted(in_the_sheet)  # the sheet's order is not alphabetical
    # appended in the order the department's sheet has them
    assert first.decode().splitlines()[-4:] == [expected[i] for i in in_the_sheet]
    capsys.readouterr()
    assert main(["collect", str(plan_dir), str(path)]) == 0
    assert (plan_dir / "observations.csv").read_bytes() == first
    assert capsys.readouterr().out.splitlines()[0].endswith(": 0 added, 0 revised, 4 unchanged, 0 refused.")


def test_existing_bytes_line_ends_and_a_three_digit_decimal(plan_dir):
    obs = plan_dir / "observations.csv"
    text = "\ufeff" + obs.read_text(encoding="utf-8").replace("\n", "\r\n").replace(
        "stunting,2021-Q2,31,estimate,,https://example.org/q2,", 'stunting,2021-Q2,31.0,estimate,,"a, b",')
    obs.write_bytes(text.encode("utf-8"))
    path = fill(workbook(plan_dir, "stc"), {"revenue": dict(value=554.199)})
    collect(plan_dir, [path])
    src = given("stc", "stc-2021-Q3.xlsx")
    assert obs.read_bytes() == (text + f"revenue,2021-Q3,554.1990,,,{src},\r\n").encode("utf-8")


def test_a_conflict_is_refused_then_revised_with_a_log(plan_dir, capsys):
    obs = plan_dir / "observations.csv"
    path = fill(workbook(plan_dir, "stc", "2021-06"), {"revenue": dict(value=510, kind="chính thức",
                                                                      source="https://example.org/final")})
    before = obs.read_bytes()
    capsys.readouterr()
    assert main(["collect", str(plan_dir), str(path)]) == 2
    out, err = capsys.readouterr()
    assert out.splitlines()[0].endswith(": 0 added, 0 revised, 0 unchanged, 1 refused.")
    assert err == (f"kpi collect: {display(path)}, sheet 'Số liệu', row 2: 'revenue' for 2021-06 "
                   f"is 510 (kind 'official', source 'https://example.org/final'), but {display(obs)}, row 7 records 500 "
                   "(kind 'estimate', source 'https://example.org/q2') for 2021-Q2; check which is right, then collect "
                   "again with --revise to replace it (the recorded figure is kept in revisions.csv).\n"
                   f"Nothing else changed in {display(obs)}.\n")
    assert obs.read_bytes() == before

    when = datetime(2021, 7, 21, 9, 30, tzinfo=timezone(timedelta(hours=7)))
    outcome = collect(plan_dir, [path], revise=True, user="analyst", now=when)
    assert [(old.value, new.value) for old, new in outcome.revised] == [(500.0, 510.0)]
    want = before.replace(b"revenue,2021-Q2,500,estimate,,https://example.org/q2,\n",
                          b"revenue,2021-06,510,official,,https://example.org/final,\n")
    assert obs.read_bytes() == want  # replaced in place: every other byte kept
    assert (plan_dir / "revisions.csv").read_text(encoding="utf-8-sig").splitlines() == [
        "when,user,owner,indicator,period,old_period,old_value,old_kind,old_qualifier,old_source,old_note,new_value,"
        "new_kind,new_qualifier,new_source,new_note,file",
        f"2021-07-21T09:30:00+07:00,analyst,stc,revenue,2021-06,2021-Q2,500,estimate,,https://example.org/q2,,510,"
        f"official,,https://example.org/final,,{display(path)}",
    ]
    assert collect(plan_dir, [path], revise=True).revised == []  # the same again: unchanged, nothing logged
    assert len(lines(plan_dir / "revisions.csv")) == 2
    capsys.readouterr()
    assert main(["validate", str(plan_dir)]) == 0
    assert capsys.readouterr().out.rstrip().endswith("; revisions.csv: 1 revision.")


def test_validate_checks_the_revision_log(plan_dir, capsys):
    (plan_dir / "revisions.csv").write_text("when,user\n", encoding="utf-8")
    assert main(["validate", str(plan_dir)]) == 2
    assert capsys.readouterr().err == (
        f"kpi validate: {display(plan_dir / 'revisions.csv')}: the header is not that of a revision log (when, user, "
        "owner, indicator, period, old_period, old_value, old_kind, old_qualifier, old_source, old_note, new_value, "
        "new_kind, new_qualifier, new_source, new_note, file); this file is written by kpi collect --revise: restore "
        "it from a copy, or move it away if it is not one.\n")


def test_a_plan_kept_in_a_workbook_is_refused(plan_dir, capsys):
    pd.read_csv(plan_dir / "observations.csv").to_excel(plan_dir / "observations.xlsx", index=False)
    (plan_dir / "observations.csv").unlink()
    path = fill(workbook(plan_dir, "stc"), {"revenue": dict(value=800)})
    capsys.readouterr()
    assert main(["collect", str(plan_dir), str(path)]) == 2
    assert capsys.readouterr().err == (
        f"kpi collect: {display(plan_dir / 'observations.xlsx')}: kpi collect writes observations.csv and never "
        "rewrites a workbook; save this one as observations.csv (Excel: File › Save As › CSV UTF-8), move the .xlsx "
        "away, then collect again.\n")


def test_a_workbook_of_another_plan(plan_dir, plan_copy, capsys):
    other = plan_copy("owned", to="other")
    text = (other / "plan.yaml").read_text(encoding="utf-8").replace("id: owned-2021", "id: other-2021")
    (other / "plan.yaml").write_text(text, encoding="utf-8")
    path = fill(workbook(other, "stc"), {"revenue": dict(value=800)})
    capsys.readouterr()
    assert main(["collect", str(plan_dir), str(path)]) == 2
    assert capsys.readouterr().err == (f"kpi collect: {display(path)}: the workbook was made for the plan 'other-2021', "
                                       "not 'owned-2021'; collect it into that plan's folder, or make this plan's "
                                       "workbook with kpi template --by owner.\n"
                                       f"Nothing was merged into {display(plan_dir / 'observations.csv')}: fix the workbooks and collect again "
                                       "(--skip-bad merges the good ones and lists the others).\n")


def _collect(plan_dir, path, pause=None):
    env = dict(os.environ, **({PAUSE_HOOK: str(pause)} if pause else {}))
    return subprocess.Popen([sys.executable, "-m", "kpi.cli", "collect", str(plan_dir), str(path)], env=env,
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for(path, timeout=30):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if path.exists():
            return
        time.sleep(0.02)
    raise AssertionError(f"{path} never appeared")


@pytest.mark.slow  # runs kpi collect in other processes
def test_two_collects_at_once_keep_every_figure(plan_dir):
    stc = fill(workbook(plan_dir, "stc"), {"revenue": dict(value=800), "spending_cap": dict(value=600)})
    syt = fill(workbook(plan_dir, "syt"), {"stunting": dict(value=29.5)})
    first = _collect(plan_dir, stc, pause=1.5)            # holds the lock, half-way through its write
    _wait_for(temporary_beside(plan_dir / "observations.csv").with_name(
        f".observations.csv.tmp-{first.pid}.csv"))
    second = _collect(plan_dir, syt)                      # waits for the lock, then reads the new file
    assert first.wait(60) == 0 and second.wait(60) == 0, (first.stderr.read(), second.stderr.read())
    obs = kpi.load(plan_dir)[1].query("period == '2021-Q3'")
    assert obs[["indicator", "value"]].values.tolist() == [["revenue", 800.0], ["spending_cap", 600.0],
                                                           ["stunting", 29.5]]
    assert sorted(p.name for p in plan_dir.iterdir()) == [".observations.csv.lock", "observations.csv", "plan.yaml"]


@pytest.mark.slow  # runs kpi collect in another process and kills it
def test_a_killed_collect_leaves_the_file_whole(plan_dir):
    obs = plan_dir / "observations.csv"
    before = obs.read_bytes()
    stc = fill(workbook(plan_dir, "stc"), {"revenue": dict(value=800)})
    proc = _collect(plan_dir, stc, pause=30)
    half = obs.with_name(f".observations.csv.tmp-{proc.pid}.csv")
    _wait_for(half)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    assert obs.read_bytes() == before and half.exists()   # the old file, whole; a half-written temporary beside it
    assert collect(plan_dir, [stc]).added                 # the next collect takes the lock and clears the leftover
    assert obs.read_bytes() == before + f"revenue,2021-Q3,800,,,{given('stc', 'stc-2021-Q3.xlsx')},\n".encode()
    assert not half.exists() and lock_path(obs).exists()


def test_a_new_plan_gets_its_first_figures(plan_dir, capsys):
    (plan_dir / "observations.csv").unlink()
    path = fill(workbook(plan_dir, "stc", "2021-Q1"), {"revenue": dict(value=300, kind="ước tính")})
    collect(plan_dir, [path])
    assert (plan_dir / "observations.csv").read_bytes() == ("\ufeffindicator,period,value,kind,qualifier,source,note\n"
                                                            f"revenue,2021-Q1,300,estimate,,"
                                                            f"{given('stc', 'stc-2021-Q1.xlsx')},\n").encode("utf-8")


def test_the_single_sheet_is_collected_with_its_period_checked(plan_dir, tmp_path, capsys):
    path = tmp_path / "q3.xlsx"
    assert main(["template", str(plan_dir), "--period", "2021-Q3", "-o", str(path)]) == 0
    book = openpyxl.load_workbook(path)
    ws = book["observations"]
    where = {ws[f"A{r}"].value: r for r in range(2, ws.max_row + 1)}
    ws[f"C{where['revenue']}"], ws[f"C{where['stunting']}"] = 800, 29
    ws[f"B{where['stunting']}"] = "2021-Q4"
    book.save(path)
    capsys.readouterr()
    assert main(["collect", str(plan_dir), str(path)]) == 2
    assert capsys.readouterr().err == (
        f"kpi collect: {display(path)}, sheet 'observations', row {where['stunting']}: period '2021-Q4' is not the "
        "workbook's period 2021-Q3 (9 months 2021); write 2021-Q3, or put the figure in a workbook for its period.\n"
        f"Nothing was merged into {display(plan_dir / 'observations.csv')}: fix the workbooks and collect again "
        "(--skip-bad merges the good ones and lists the others).\n")
    ws[f"B{where['stunting']}"] = "2021-Q3"
    book.save(path)
    outcome = collect(plan_dir, [path])
    assert [(f.indicator, f.value, f.owner) for f in outcome.added] == [("revenue", 800.0, ""), ("stunting", 29.0, "")]
    assert outcome.summary(kpi.load_plan(plan_dir)).splitlines()[1] == "- (no owner): 2 added, 0 revised, 0 unchanged, 0 refused"


def test_the_readme_round_trip_with_departments_that_have_not_answered(plan_dir, tmp_path, capsys, monkeypatch):
    """The README's three commands as written: the workbooks are made in returned/, only two departments fill
    theirs; the blank ones are 'not reported yet', not errors, and the filled ones are merged."""
    monkeypatch.chdir(tmp_path)
    shutil.move(plan_dir, tmp_path / "plan")
    assert main(["template", "plan", "--period", "2021-Q3", "--by", "owner", "-o", "returned/"]) == 0
    fill(Path("returned/stc-2021-Q3.xlsx"), {"revenue": dict(value=800, kind="ước tính")})
    fill(Path("returned/syt-2021-Q3.xlsx"), {"stunting": dict(value=29.5, kind="sơ bộ")})
    capsys.readouterr()
    assert main(["collect", "plan", *sorted(str(p) for p in Path("returned").glob("*.xlsx"))]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.splitlines() == [
        "plan/observations.csv: 2 added, 0 revised, 0 unchanged, 0 refused.",
        "- stc (Sở Tài chính): 1 added, 0 revised, 0 unchanged, 0 refused",
        "- syt (Sở Y tế): 1 added, 0 revised, 0 unchanged, 0 refused",
        "- cts (Cục Thống kê tỉnh): nothing filled in (returned/cts-2021-Q3.xlsx); not reported yet",
        "- sldtbxh (Sở Lao động - Thương binh và Xã hội): nothing filled in (returned/sldtbxh-2021-Q3.xlsx); not "
        "reported yet",
    ]
    assert lines(Path("plan/observations.csv"))[-2:] == [  # no source typed: who sent it, in which workbook, when
        f"revenue,2021-Q3,800,estimate,,{given('stc', 'stc-2021-Q3.xlsx')},",
        f"stunting,2021-Q3,29.5,preliminary,,{given('syt', 'syt-2021-Q3.xlsx')},"]
    # A blank sheet that is not a department's workbook (no stamp) is still an error: nothing tells whose it is.
    blank = Path("blank.xlsx")
    assert main(["template", "plan", "--period", "2021-Q3", "-o", str(blank)]) == 0
    capsys.readouterr()
    assert main(["collect", "plan", str(blank)]) == 2
    assert capsys.readouterr().err == ("kpi collect: blank.xlsx, sheet 'observations': no row holds a value; fill in "
                                       "the figures that were published.\nNothing was merged into "
                                       "plan/observations.csv: fix the workbooks and collect again (--skip-bad merges "
                                       "the good ones and lists the others).\n")
