"""Hostile workbooks, built with openpyxl in each test: cells are read with their types, never guessed."""
from pathlib import Path

import openpyxl
import pytest

import kpi
from kpi.files import display

HERE = Path(__file__).parent / "fixtures"
HEAD = ["indicator", "period", "value", "kind", "qualifier", "source", "note"]


@pytest.fixture(scope="module")
def plan():
    return kpi.load_plan(HERE / "plan.yaml")


def book(tmp_path, rows, *, header=HEAD, formats=None, sheet="observations", first_sheet=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    if first_sheet:
        ws.title = first_sheet
        ws = wb.create_sheet(sheet)
    else:
        ws.title = sheet
    ws.append(header)
    for r in rows:
        ws.append(r)
    for cell, fmt in (formats or {}).items():
        ws[cell].number_format = fmt
    path = tmp_path / "observations.xlsx"
    wb.save(path)
    return path


def test_percent_cell_of_a_percent_indicator_is_read_as_shown(tmp_path, plan):
    path = book(tmp_path, [["cover", "2021-Q4", 0.655, "official", None, "x", None]], formats={"C2": "0.0%"})
    obs = kpi.load_observations(path, plan)
    assert obs["value"].tolist() == [65.5]  # Excel shows 65.5%; 0.655 × 100 without float noise


def test_percent_cell_of_a_growth_rate_is_read_as_shown(tmp_path, plan):
    path = book(tmp_path, [["growth", "2021-Q4", 0.0647, "official", None, "x", None]], formats={"C2": "0.00%"})
    assert kpi.load_observations(path, plan)["value"].tolist() == [6.47]


XLSX_CASES = {
    "percent-cell-for-an-amount": (
        [["revenue", "2021-Q4", 0.305, "official", None, "x", None]], {"C2": "0.0%"},
        "{f}, sheet 'observations', row 2 (cell C2): formatted as a percent (shows 30.5%), but 'revenue' is in bn "
        "VND; remove the % format and type the figure."),
    "formula-without-result": (
        [["revenue", "2021-Q4", "=B9*2", "official", None, "x", None]], None,
        "{f}, sheet 'observations', row 2 (cell C2): holds the formula '=B9*2' with no saved result; open the "
        "workbook in Excel, let it calculate, and save it (or type the figure)."),
    "formula-in-an-unfilled-row": (
        [["revenue", "2021-Q4", "=1+1", None, None, None, None]], None,
        "{f}, sheet 'observations', row 2 (cell C2): holds the formula '=1+1' with no saved result; open the "
        "workbook in Excel, let it calculate, and save it (or type the figure)."),
    "division-by-zero": (
        [["revenue", "2021-Q1", 800, "official", None, "x", None],
         ["revenue", "2021-Q4", "#DIV/0!", "official", None, "x", None]], None,
        "{f}, sheet 'observations', row 3 (cell C3): holds the error #DIV/0!; fix the formula or type the figure."),
    "not-available": (
        [["revenue", "2021-Q4", "#N/A", None, None, None, None]], None,
        "{f}, sheet 'observations', row 2 (cell C2): holds the error #N/A; fix the formula or type the figure."),
    "error-in-period": (
        [["revenue", "#REF!", 800, "official", None, "x", None]], None,
        "{f}, sheet 'observations', row 2 (cell B2): holds the error #REF!; fix the formula or type the figure."),
    "boolean-value": (
        [["revenue", "2021-Q4", True, "official", None, "x", None]], None,
        "{f}, sheet 'observations', row 2 (cell C2): holds a yes/no value (True); type the figure as a number."),
    "text-thousands-dot": (
        [["revenue", "2021-Q4", "3.500", "official", None, "x", None]], None,
        "{f}, sheet 'observations', row 2: value '3.500' is ambiguous; write 3500 (no thousands separator), or 3.5 "
        "if you meant a decimal."),
    "implausible-number-cell": (
        [["cattle", "2021-Q4", 89, "official", None, "x", None]], None,
        "{f}, sheet 'observations', row 2: value 89 for 'cattle' is under 1% of its plan figure 89000 (head); check "
        "the unit and the decimal point (a level under 1% of the plan figure is taken for a slip)."),
}


@pytest.mark.parametrize("defect", sorted(XLSX_CASES))
def test_hostile_workbook_gets_its_message(defect, tmp_path, plan):
    rows, formats, expected = XLSX_CASES[defect]
    path = book(tmp_path, rows, formats=formats)
    with pytest.raises(kpi.DataError) as info:
        kpi.load_observations(path, plan)
    assert str(info.value).replace(display(path), "{f}") == expected


def test_date_in_the_value_cell(tmp_path, plan):
    import datetime

    path = book(tmp_path, [["revenue", "2021-Q4", datetime.datetime(2021, 3, 5), "official", None, "x", None]])
    with pytest.raises(kpi.DataError) as info:
        kpi.load_observations(path, plan)
    assert str(info.value) == (f"{display(path)}, sheet 'observations', row 2 (cell C2): holds a date "
                               "(2021-03-05 00:00:00); type the figure as a number.")


def test_header_column_given_twice(tmp_path, plan):
    path = book(tmp_path, [["revenue", "2021-Q4", 1, 2]], header=["indicator", "period", "value", "Value"])
    with pytest.raises(kpi.DataError) as info:
        kpi.load_observations(path, plan)
    assert str(info.value) == (f"{display(path)}, sheet 'observations': the column 'value' appears twice in the "
                               "header (columns C and D); keep one.")


def test_empty_sheet(tmp_path, plan):
    path = tmp_path / "observations.xlsx"
    openpyxl.Workbook().save(path)
    with pytest.raises(kpi.DataError) as info:
        kpi.load_observations(path, plan)
    assert str(info.value) == f"{display(path)}, sheet 'Sheet': the sheet is empty; fill it in as data/README.md " \
                              "describes."


def test_a_csv_renamed_xlsx(tmp_path, plan):
    path = tmp_path / "observations.xlsx"
    path.write_text("indicator,period,value\nrevenue,2021-Q1,800\n", encoding="utf-8")
    with pytest.raises(kpi.DataError) as info:
        kpi.load_observations(path, plan)
    assert str(info.value) == (f"{display(path)}: not an Excel workbook (.xlsx): the file is not a workbook package "
                               "(perhaps a CSV or a web page renamed .xlsx); open it in Excel and save it as 'Excel "
                               "Workbook (.xlsx)'.")


def test_the_observations_sheet_is_read_even_when_not_first(tmp_path, plan):
    path = book(tmp_path, [["revenue", "2021-Q1", 800, "official", None, "x", None]], first_sheet="help")
    assert kpi.load_observations(path, plan)["value"].tolist() == [800.0]


def test_unfilled_template_rows_are_not_reported_but_errors_never_are(tmp_path, plan):
    path = book(tmp_path, [["revenue", "2021-Q1", 800, "official", None, "x", None],
                           ["cattle", "2021-Q1", None, None, None, None, None]])
    assert kpi.load_observations(path, plan)["indicator"].tolist() == ["revenue"]
