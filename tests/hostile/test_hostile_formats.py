"""Property: a figure typed into a department's workbook under any number format is recorded as Excel shows it,
or refused; never another number.

The workbook is made by kpi template; a random figure D (what the clerk means, up to 3 decimals) is stored
as Excel stores it (D, or D/100 under a real percent format) in a cell with a random number format: digits
shown, thousands grouping, and a "%" that is real (Excel multiplies by 100) or literal (quoted, escaped:
shown as text). The oracle is built from how the format was made, not by reading it: Excel shows D rounded
to the decimals the format has (half away from zero). Shown exactly -> recorded as D; shown rounded -> refused;
a real percent for an amount -> refused.
"""
import shutil
import tempfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kpi
from kpi.cli import main
from kpi.inputs.collection import collect

ROOT = Path(__file__).resolve().parents[2]
OWNED = ROOT / "tests" / "fixtures" / "owned"
CASES = {"revenue": ("stc", 20, 9000), "grdp_growth": ("cts", -20, 40)}  # owner, range of plausible figures
SUFFIXES = {"": False, "%": True, '"%"': False, "\\%": False, '" %"': False}  # the suffix -> a real percent


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory):
    out = tmp_path_factory.mktemp("returned")
    assert main(["template", str(OWNED), "--period", "2021-Q3", "--by", "owner", "-o", str(out)]) == 0
    return out


@st.composite
def typed(draw):
    indicator = draw(st.sampled_from(sorted(CASES)))
    _, low, high = CASES[indicator]
    places = draw(st.integers(0, 3))
    units = draw(st.integers(low * 10 ** places, high * 10 ** places))
    figure = Decimal(units).scaleb(-places)
    general = draw(st.integers(0, 5)) == 0  # one in six: the General format
    shown = draw(st.integers(0, 4))
    grouped = draw(st.booleans())
    suffix = draw(st.sampled_from(sorted(SUFFIXES)))
    fmt = "General" if general else ("#,##0" if grouped else "0") + ("." + "0" * shown if shown else "") + suffix
    return indicator, figure, fmt, (not general and SUFFIXES[suffix]), (None if general else shown)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(case=typed())
def test_a_figure_is_recorded_as_excel_shows_it_or_refused(workbooks, case):
    indicator, figure, fmt, real_percent, decimals = case
    owner = CASES[indicator][0]
    with tempfile.TemporaryDirectory() as d:
        folder = Path(d) / "owned"
        shutil.copytree(OWNED, folder)
        path = Path(d) / f"{owner}-2021-Q3.xlsx"
        shutil.copy(workbooks / path.name, path)
        book = openpyxl.load_workbook(path)
        ws = book.worksheets[0]
        row = next(r for r in range(2, ws.max_row + 1) if ws[f"A{r}"].value == indicator)
        stored = float(figure / 100) if real_percent else float(figure)  # what Excel keeps for what it shows
        ws[f"G{row}"], ws[f"G{row}"].number_format, ws[f"J{row}"] = stored, fmt, "https://example.org/q3"
        book.save(path)
        display = figure if decimals is None else figure.quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
        must_refuse = display != figure or (real_percent and indicator == "revenue")
        try:
            outcome = collect(folder, [path])
        except kpi.DataError as e:
            assert must_refuse, (case, str(e))
            assert len(e.problems) == 1 and f"row {row} (cell G{row})" in e.problems[0]
            return
        assert not must_refuse, case
        assert [(f.indicator, f.value) for f in outcome.added] == [(indicator, float(figure))]
