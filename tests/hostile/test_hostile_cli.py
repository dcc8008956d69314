"""Hostile command lines and data reaching the terminal: one message, the right exit code, never a traceback."""
import os
import signal
import subprocess
import sys
from pathlib import Path

import warnings

import pytest

from kpi import cli
from kpi.cli import main
from kpi.files import display

from _digest import digests

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"
CAP = 2 * (os.cpu_count() or 1)

BAD_OPTIONS = {
    "jobs-zero": (["report", str(MINI), "--jobs", "0"], "argument --jobs: --jobs must be a whole number of at least 1, not '0'"),
    "jobs-negative": (["report", str(MINI), "--jobs=-2"], "argument --jobs: --jobs must be a whole number of at least 1, not '-2'"),
    "jobs-word": (["report", str(MINI), "--jobs", "many"], "argument --jobs: --jobs must be a whole number of at least 1, not 'many'"),
    "jobs-fullwidth": (["report", str(MINI), "--jobs", "２"], "argument --jobs: --jobs must be a whole number of at least 1, not '２'"),
    "jobs-too-many": (["report", str(MINI), "--jobs", str(CAP + 1)],
                      f"argument --jobs: --jobs {CAP + 1} is more than {CAP} (twice the {os.cpu_count() or 1} "
                      f"processors); use at most {CAP}"),
    "timeout-zero": (["report", str(MINI), "--timeout", "0"], "argument --timeout: --timeout must be a whole number of at least 1, not '0'"),
    "timeout-float": (["report", str(MINI), "--timeout", "1.5"], "argument --timeout: --timeout must be a whole number of at least 1, not '1.5'"),
    "timeout-huge": (["report", str(MINI), "--timeout", "999999999"],
                     "argument --timeout: --timeout 999999999 is more than 86400 (a day); use at most 86400"),
    "period-leading-space": (["status", str(MINI), "--period", " 2021-Q2"],
                             "argument --period: ' 2021-Q2' holds spaces or characters other than ASCII letters and "
                             "digits; write YYYY-MM (e.g. 2021-05), YYYY-Qn (e.g. 2021-Q3) or 'latest'"),
    "period-trailing-space": (["report", str(MINI), "--period", "2021-Q2 "],
                              "argument --period: '2021-Q2 ' holds spaces or characters other than ASCII letters and "
                              "digits; write YYYY-MM (e.g. 2021-05), YYYY-Qn (e.g. 2021-Q3) or 'latest'"),
    "period-fullwidth": (["template", str(MINI), "--period", "２０２１-Q3", "-o", "x.xlsx"],
                         "argument --period: '２０２１-Q3' holds spaces or characters other than ASCII letters and "
                         "digits; write YYYY-MM (e.g. 2021-05), YYYY-Qn (e.g. 2021-Q3) or 'latest'"),
    "period-escape": (["status", str(MINI), "--period", "2021-Q2\x1b[2J"],
                      "argument --period: '2021-Q2�[2J' holds spaces or characters other than ASCII letters and "
                      "digits; write YYYY-MM (e.g. 2021-05), YYYY-Qn (e.g. 2021-Q3) or 'latest'"),
    "lang-unknown": (["status", str(MINI), "--lang", "fr"], "argument --lang: language 'fr' is not one of vi, en"),
}


@pytest.mark.parametrize("case", sorted(BAD_OPTIONS))
def test_bad_option_is_one_message_and_exit_2(case, capsys):
    argv, expected = BAD_OPTIONS[case]
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.splitlines()[-1] == f"kpi {argv[0]}: error: {expected}"
    assert "Traceback" not in err and "\x1b" not in err


@pytest.fixture
def folder(plan_copy):
    return plan_copy("mini", to="plan-folder")


def template_case(folder, tmp_path, name):
    """(argv, expected stderr) for a hostile -o."""
    cases = {
        "onto-plan-yaml": (folder / "plan.yaml", "this is a file a plan reads; the template is never written over a "
                           "plan's files. Write it elsewhere (e.g. -o q4.xlsx), fill it, then merge it with kpi collect."),
        "onto-observations-csv": (folder / "observations.csv", "this is a file a plan reads; the template is never "
                                  "written over a plan's files. Write it elsewhere (e.g. -o q4.xlsx), fill it, then "
                                  "merge it with kpi collect."),
        "onto-observations-xlsx": (folder / "observations.xlsx", "this is a file a plan reads; the template is never "
                                   "written over a plan's files. Write it elsewhere (e.g. -o q4.xlsx), fill it, then "
                                   "merge it with kpi collect."),
        "link-onto-plan-yaml": (tmp_path / "link.xlsx", "this is a file a plan reads; the template is never written "
                                "over a plan's files. Write it elsewhere (e.g. -o q4.xlsx), fill it, then merge it "
                                "with kpi collect."),
        "existing-file": (tmp_path / "old.xlsx", "the file exists; give another name, or add --force to replace it."),
        "a-folder": (tmp_path, None),
        "not-xlsx": (tmp_path / "q.csv", "the template is an Excel workbook; give a file name ending in .xlsx."),
        "missing-folder": (tmp_path / "nope" / "q.xlsx", None),
    }
    return cases[name]


@pytest.mark.parametrize("name", ["onto-plan-yaml", "onto-observations-csv", "onto-observations-xlsx",
                                  "link-onto-plan-yaml", "existing-file", "a-folder", "not-xlsx", "missing-folder"])
def test_template_never_overwrites(name, folder, tmp_path, capsys):
    (tmp_path / "old.xlsx").write_bytes(b"keep me")
    (tmp_path / "link.xlsx").symlink_to(folder / "plan.yaml")  # a link is written through: never into a plan's file
    out, tail = template_case(folder, tmp_path, name)
    before = digests(p for p in [*folder.iterdir(), tmp_path / "old.xlsx"] if p.is_file())
    assert main(["template", str(folder), "--period", "2021-Q3", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    shown = display(out)
    if name == "a-folder":
        tail = f"is a folder; give a file name ending in .xlsx, e.g. -o {shown}/q4.xlsx."
    if name == "missing-folder":
        tail = f"the folder {display(out.parent)} does not exist; create it first."
    assert err == f"kpi template: -o {shown}: {tail}\n"
    assert digests(before) == before
    assert not (folder / "observations.xlsx").exists()


def test_template_force_replaces_atomically(folder, tmp_path, capsys):
    out = tmp_path / "q3.xlsx"
    out.write_bytes(b"old")
    assert main(["template", str(folder), "--period", "2021-Q3", "-o", str(out), "--force"]) == 0
    assert out.read_bytes()[:2] == b"PK"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan-folder", "q3.xlsx"]  # no temporary file left


def test_template_stores_every_formula_start_as_text(tmp_path):
    import openpyxl
    import pandas as pd

    from kpi.inputs.template import write_template

    names = ["=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1+1", "\r=1+1", "Thu ngân sách"]
    write_template(pd.DataFrame({"name": names}), tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx")["observations"]
    got = [(c.value, c.data_type, c.quotePrefix) for (c,) in ws.iter_rows(min_row=2)]
    assert got == [(n, "s", n != "Thu ngân sách") for n in names]


def test_template_stores_formula_like_names_as_text(folder, tmp_path, capsys):
    import openpyxl

    text = (folder / "plan.yaml").read_text(encoding="utf-8").replace("{vi: Thu ngân sách, en: Budget revenue}",
                                                                      '{vi: "=1+1", en: "@SUM(A1)"}')
    (folder / "plan.yaml").write_text(text, encoding="utf-8")
    out = tmp_path / "q3.xlsx"
    assert main(["template", str(folder), "--period", "2021-Q3", "-o", str(out)]) == 0
    ws = openpyxl.load_workbook(out)["observations"]
    cells = [c for row in ws.iter_rows() for c in row if c.value in ("=1+1", "@SUM(A1)")]
    assert [(c.value, c.data_type) for c in cells] == [("=1+1", "s"), ("@SUM(A1)", "s")]


def hostile_folder(plan_copy, name_vi="Thu ngân sách", value="12.5"):
    d = plan_copy("mini", to="p")
    plan = (d / "plan.yaml").read_text(encoding="utf-8").replace("vi: Thu ngân sách", f'vi: "{name_vi}"')
    (d / "plan.yaml").write_text(plan, encoding="utf-8")
    obs = (d / "observations.csv").read_text(encoding="utf-8").replace("grdp_constant_prices,2021-Q2,4400",
                                                                       "grdp_constant_prices,2021-Q2,4400")
    obs += f"grdp_growth,2021-Q2,{value},official,,x,\n"
    (d / "observations.csv").write_text(obs, encoding="utf-8")
    return d


def test_escape_codes_in_names_never_reach_the_terminal(plan_copy, capsys):
    d = hostile_folder(plan_copy, name_vi="\\e]0;pwned\\a\\e[2JThu")
    assert main(["status", str(d), "--period", "2021-Q2", "--colour", "never"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "�]0;pwned��[2JThu" in out


def test_a_right_to_left_override_in_a_name_is_shown_as_a_mark(plan_copy, capsys):
    d = hostile_folder(plan_copy, name_vi="Thu \\u202Esách ngân")  # would be shown as 'Thu nâgn hcás'
    assert main(["status", str(d), "--period", "2021-Q2", "--colour", "never"]) == 0
    out = capsys.readouterr().out
    assert "\u202e" not in out
    assert "Thu ⟨U+202E⟩sách ngân" in out


def test_a_huge_value_is_refused_not_shown_as_1e308(plan_copy, capsys):
    d = hostile_folder(plan_copy, value="1e308")  # finite, but no figure is that large: a typo
    assert main(["status", str(d), "--period", "2021-Q2"]) == 2
    captured = capsys.readouterr()
    assert captured.err == (f"kpi status: {display(d / 'observations.csv')}, row 27: value '1e308' is too large: a "
                            "figure must be less than 1e15 (a million billion) either way; check the number and its "
                            "unit.\n")
    assert captured.out == ""


def test_the_largest_value_allowed_is_shown_in_full_without_warnings(plan_copy, capsys):
    d = hostile_folder(plan_copy)
    obs = d / "observations.csv"  # clinics (increase_by: no plan figure bounds it) at the largest figure allowed
    obs.write_text(obs.read_text(encoding="utf-8").replace("clinics,2021-Q2,43,", "clinics,2021-Q2,999999999999999,"),
                   encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # numpy's overflow warnings would be errors here
        assert main(["status", str(d), "--period", "2021-Q2"]) == 0
    assert "999.999.999.999.999" in capsys.readouterr().out


def test_csv_output_neutralises_formulas_but_keeps_numbers(plan_copy, capsys):
    import csv
    import io

    d = hostile_folder(plan_copy, name_vi="=HYPERLINK(\\\"http://x\\\")", value="-3.5")
    assert main(["status", str(d), "--period", "2021-Q2", "--format", "csv"]) == 0
    rows = {r["indicator"]: r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert rows["revenue"]["name"] == "'=HYPERLINK(\"http://x\")"
    assert rows["grdp_growth"]["actual"] == "-3.5"


def test_unexpected_exception_is_one_line_exit_1(monkeypatch, capsys):
    def boom(args):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(cli, "cmd_validate", boom)  # the parser binds the command when main builds it
    assert main(["validate", str(MINI)]) == 1
    assert capsys.readouterr().err == ("kpi validate: internal error: ZeroDivisionError: division by zero; "
                                       "please report it\n")


def test_sigterm_unwinds_like_ctrl_c(monkeypatch, capsys):
    def term(args):
        os.kill(os.getpid(), signal.SIGTERM)
        raise AssertionError("not reached")

    monkeypatch.setattr(cli, "cmd_validate", term)
    before = signal.getsignal(signal.SIGTERM)
    assert main(["validate", str(MINI)]) == 143
    assert capsys.readouterr().err == "kpi: terminated\n"
    assert signal.getsignal(signal.SIGTERM) is before  # main gives the handler it found back


def test_closed_pipe_ends_quietly(monkeypatch, capsys):
    class ClosedPipe:
        def write(self, text):
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self):
            raise BrokenPipeError(32, "Broken pipe")

        def isatty(self):
            return False

        def fileno(self):
            raise ValueError("no file")

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    assert main(["status", str(MINI), "--period", "2021-Q2"]) == 141
    assert capsys.readouterr().err == ""


def test_closed_pipe_in_a_shell_pipeline():
    r = subprocess.run(f"{sys.executable} -m kpi.cli status {MINI} --period 2021-Q2 | head -c 10", shell=True,
                       capture_output=True, cwd=ROOT)
    assert r.stderr == b"" and len(r.stdout) == 10


def test_data_errors_reach_stderr_without_control_characters(plan_copy):
    d = plan_copy("mini", to="p")
    (d / "observations.csv").write_text("indicator,period,value,kind,qualifier,source,note\n"
                                        "\x1b[31mrevenue,2021-Q1,3.500,,,x,\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "kpi.cli", "validate", str(d)], capture_output=True, text=True)
    assert r.returncode == 2 and "\x1b" not in r.stderr and "Traceback" not in r.stderr
    assert r.stderr == (f"kpi validate: 2 problems found:\n"
                        f"- {display(d / 'observations.csv')}, row 2: indicator '�[31mrevenue' is not in the plan; "
                        "did you mean 'revenue'?\n"
                        f"- {display(d / 'observations.csv')}, row 2: value '3.500' is ambiguous; write 3500 (no "
                        "thousands separator), or 3.5 if you meant a decimal.\n")


def test_chart_draws_dollar_signs_as_text(kontum):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from kpi.story import charts
    from kpi.assessment.engine import history

    plan, obs = kontum
    quarters = history(plan, obs, "2021-Q4")
    name = "Giá $\\undefinedcmd{x}$ và $5$"
    quarters.loc[quarters["indicator"] == "grdp_growth", "name"] = name
    ax = charts.trend(quarters, "grdp_growth")
    ax.figure.canvas.draw()  # with mathtext on, drawing raises ValueError: Unknown symbol: \undefinedcmd
    assert name in ax.get_title(loc="left")
    assert plt.rcParams["text.parse_math"] is False
    plt.close(ax.figure)
