"""Returned workbooks filled carelessly, as a clerk would, or crafted: each defect of the collect review, by name.

Every workbook starts as the one ``kpi template --by owner`` makes for the test plan (tests/fixtures/owned),
then is filled or damaged the way the defect was found. The outcome asserted is exact: the figure recorded,
or the message naming the file, row or cell, what was found and the fix, with observations.csv untouched.
Columns of a department's workbook: A code, B name, C unit, D plan, E last figure, F period, G value, H kind,
I qualifier, J source, K note.
"""
import atexit
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.formula import ArrayFormula

import kpi
from kpi.cli import main
from kpi.files import display
from kpi.inputs.collection import PAUSE_HOOK, collect

HERE = Path(__file__).parent / "fixtures"
COLUMN = {"name": "B", "unit": "C", "period": "F", "value": "G", "kind": "H", "qualifier": "I", "source": "J",
          "note": "K"}
SOURCE = "https://example.org/q3"


@pytest.fixture
def folder(plan_copy):
    return plan_copy("owned")


_MADE: dict = {}


def made(folder, owner, period="2021-Q3", lang="vi") -> Path:
    """The owner's workbook as kpi template writes it (made once per period and language, then copied)."""
    key = (period, lang)
    if key not in _MADE:
        out = Path(tempfile.mkdtemp(prefix="kpi-returned-"))
        atexit.register(shutil.rmtree, out, True)
        assert main(["template", str(folder), "--period", period, "--by", "owner", "-o", str(out), "--lang",
                     lang]) == 0
        _MADE[key] = out
    path = folder.parent / f"returned-{lang}" / f"{owner}-{period}.xlsx"
    if not path.exists():
        path.parent.mkdir(exist_ok=True)
        shutil.copy(_MADE[key] / path.name, path)
    return path


def rows_of(ws) -> dict:
    return {ws[f"A{r}"].value: r for r in range(2, ws.max_row + 1)}


def typed(path, figures: dict, formats: dict | None = None, edit=None) -> Path:
    """Type into the workbook as a person would: ``{indicator: {column: value}}``, number formats of value cells,
    and any other edit of the sheet (``edit(ws, rows)``)."""
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[0]
    at = rows_of(ws)
    for indicator, cells in figures.items():
        for column, value in cells.items():
            ws[f"{COLUMN[column]}{at[indicator]}"] = value
    for indicator, fmt in (formats or {}).items():
        ws[f"G{at[indicator]}"].number_format = fmt
    if edit:
        edit(ws, at)
    book.save(path)
    return path


def part(path, name: str, edit) -> Path:
    """Rewrite one part of the workbook package (``edit(text) -> text``), as a crafted file would have it."""
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    parts[name] = edit(parts[name].decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            z.writestr(n, data)
    return path


SHEET = "xl/worksheets/sheet1.xml"


def run(capsys, *args) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def refused(capsys, folder, path, *problems) -> None:
    """kpi collect refuses the workbook with exactly these problems, and observations.csv is untouched."""
    obs = folder / "observations.csv"
    before = obs.read_bytes()
    code, out, err = run(capsys, "collect", str(folder), str(path))
    head = "kpi collect: " + (f"{len(problems)} problems found:\n" + "".join(f"- {p}\n" for p in problems)
                              if len(problems) > 1 else problems[0] + "\n")
    assert (code, err) == (2, head + f"Nothing was merged into {display(obs)}: fix the workbooks and collect again "
                                     "(--skip-bad merges the good ones and lists the others).\n")
    assert obs.read_bytes() == before


def recorded(folder, indicator, period="2021-Q3") -> dict:
    obs = kpi.load_observations(folder / "observations.csv", kpi.load_plan(folder))
    row = obs[(obs["indicator"] == indicator) & (obs["period"] == period)]
    assert len(row) == 1, row
    return row.iloc[0].to_dict()


# -- silent wrong figures --------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ['0.00"%"', "0.00\\%", '#,##0.00" %"'])
def test_literal_percent_format_is_text_not_scaling(folder, capsys, fmt):
    """Excel shows 6.47 as '6.47%' with these formats, without multiplying: the clerk typed 6.47, not 647."""
    path = typed(made(folder, "cts"), {"grdp_growth": dict(value=6.47, source=SOURCE)}, {"grdp_growth": fmt})
    assert run(capsys, "collect", str(folder), str(path))[0] == 0
    assert recorded(folder, "grdp_growth")["value"] == 6.47


def test_real_percent_format_of_a_growth_rate_is_read_as_shown(folder, capsys):
    path = typed(made(folder, "cts"), {"grdp_growth": dict(value=0.0647, source=SOURCE)}, {"grdp_growth": "0.00%"})
    assert run(capsys, "collect", str(folder), str(path))[0] == 0
    assert recorded(folder, "grdp_growth")["value"] == 6.47


def test_growth_rate_of_647_is_refused(folder, capsys):
    path = typed(made(folder, "cts"), {"grdp_growth": dict(value=647, source=SOURCE)})
    refused(capsys, folder, path,
            f"{display(path)}, sheet 'Số liệu', row 2: value 647 for 'grdp_growth' is a growth rate of 647%, 64.7 "
            "times its plan figure 10%; check the number format (a % format multiplies by 100) and the decimal "
            "point (a growth rate over 100% and over 10 times the plan figure is taken for a slip).")


def test_format_that_hides_decimals_is_refused(folder, capsys):
    path = typed(made(folder, "stc"), {"revenue": dict(value=799.6, source=SOURCE)}, {"revenue": "#,##0"})
    refused(capsys, folder, path,
            f"{display(path)}, sheet 'Số liệu', row 2 (cell G2): holds 799.6 but its number format '#,##0' shows 800; "
            "set the cell's format to General (or to as many decimals as the figure has) and check the figure.")


def test_format_that_divides_by_a_thousand_is_refused(folder, capsys):
    path = typed(made(folder, "stc"), {"revenue": dict(value=800000, source=SOURCE)}, {"revenue": "#,##0,"})
    refused(capsys, folder, path,
            f"{display(path)}, sheet 'Số liệu', row 2 (cell G2): its number format '#,##0,' divides the figure by "
            "1,000 (shows 800 for 800000); set the cell's format to General and type the figure in the indicator's "
            "unit.")


@pytest.mark.parametrize("typed_value,percent", [(0.295, "29.5"), (0.21, "21")])
def test_fraction_typed_for_a_percent_is_refused(folder, capsys, typed_value, percent):
    """0.295 for 29,5% stunting (plan 'below 30'): under 1% of the plan is no longer the test, and it would 'beat'
    the plan; the fraction is named with the percent the clerk meant."""
    owner, indicator, plan = ("syt", "stunting", "30") if typed_value == 0.295 else ("cts", "share_agriculture", "21")
    # share_agriculture's plan is the band 21-22%: its lower end is the plan figure here
    path = typed(made(folder, owner), {indicator: dict(value=typed_value, source=SOURCE)})
    row = rows_of(openpyxl.load_workbook(path).worksheets[0])[indicator]
    refused(capsys, folder, path,
            f"{display(path)}, sheet 'Số liệu', row {row}: value {typed_value} for '{indicator}' looks like a "
            f"fraction, but the figure is a percent (plan {plan}%); write the percent itself: {percent} for "
            f"{percent}%.")


@pytest.mark.parametrize("text, digits, decimal", [("+800.000", "800000", "800"), ("+1.000", "1000", "1")])
def test_plus_sign_before_thousands_dots_is_refused(folder, capsys, text, digits, decimal):
    path = typed(made(folder, "stc"), {"revenue": dict(value=text, source=SOURCE)})
    refused(capsys, folder, path,
            f"{display(path)}, sheet 'Số liệu', row 2: value '{text}' is ambiguous; write {digits} (no thousands "
            f"separator), or {decimal} if you meant a decimal.")


def test_thousands_slip_in_a_flow_after_the_first_quarter_is_refused(folder, capsys):
    """'800' typed as '0.800', or '3.500' read as 3.5 by an en-US Excel: for a flow at 9 months, 1/1,000 of the
    figure meant; at most 0.1% of the year's plan is taken for that slip."""
    path = typed(made(folder, "stc"), {"revenue": dict(value=0.8, source=SOURCE)})
    refused(capsys, folder, path,
            f"{display(path)}, sheet 'Số liệu', row 2: value 0.8 for 'revenue' in 2021-Q3 is at most 0.1% of the year's "
            "plan figure 1000 (bn VND), though it counts from 1 January: a thousands slip (3.500, three thousand five "
            "hundred, read as 3.5)? Type the figure in full without separators, and check the unit.")


def test_a_small_real_flow_after_the_first_quarter_is_taken(folder, capsys):
    """Planting follows the rainy season: 25 ha at 6 months of a plan of 3,000 is real (0.8%), and 3.5 of 1000
    (0.35%) is too; only what a thousands slip gives is refused."""
    path = typed(made(folder, "stc"), {"revenue": dict(value=3.5, source=SOURCE)})
    assert run(capsys, "collect", str(folder), str(path))[0] == 0
    assert recorded(folder, "revenue")["value"] == 3.5


def test_a_small_flow_in_the_first_quarter_is_taken(folder, capsys):
    path = typed(made(folder, "stc", "2021-02"), {"revenue": dict(value=3.5, source=SOURCE)})
    assert run(capsys, "collect", str(folder), str(path))[0] == 0
    assert recorded(folder, "revenue", "2021-02")["value"] == 3.5


def test_rows_sorted_by_name_while_the_codes_stay_are_refused(folder, capsys):
    """Sorting B–K by name (A, the locked code, stays): each figure now sits beside another target's code."""
    path = typed(made(folder, "stc"), {"revenue": dict(value=800, source=SOURCE),
                                        "private_revenue": dict(value=300, source=SOURCE),
                                        "spending_cap": dict(value=500, source=SOURCE)})
    book = openpyxl.load_workbook(path)
    ws = book.worksheets[0]
    block = sorted(([c.value for c in ws[r][1:11]] for r in range(2, 5)), key=lambda cells: cells[0])
    for r, cells in enumerate(block, start=2):
        for j, v in enumerate(cells, start=2):
            ws.cell(row=r, column=j, value=v)
    book.save(path)
    names = [b[0] for b in block]
    assert names == ["Chi thường xuyên", "Thu ngân sách", "Thu từ khu vực tư nhân"]
    fix = ("the rows were sorted, or a code or a name was changed; put each figure beside its own indicator's code, "
           "or make the workbook again with kpi template.")
    refused(capsys, folder, path,
            f"{display(path)}, sheet 'Số liệu', row 2: the name 'Chi thường xuyên' beside 'revenue' is not that "
            f"indicator's name ('Thu ngân sách'): {fix}",
            f"{display(path)}, sheet 'Số liệu', row 3: the name 'Thu ngân sách' beside 'private_revenue' is not that "
            f"indicator's name ('Thu từ khu vực tư nhân'): {fix}",
            f"{display(path)}, sheet 'Số liệu', row 4: the name 'Thu từ khu vực tư nhân' beside 'spending_cap' is not "
            f"that indicator's name ('Chi thường xuyên'): {fix}")


def test_two_swapped_codes_are_refused(folder, capsys):
    def swap(ws, at):
        ws[f"A{at['revenue']}"], ws[f"A{at['spending_cap']}"] = "spending_cap", "revenue"

    path = typed(made(folder, "stc"), {"revenue": dict(value=800, source=SOURCE),
                                        "spending_cap": dict(value=500, source=SOURCE)}, edit=swap)
    fix = ("the rows were sorted, or a code or a name was changed; put each figure beside its own indicator's code, "
           "or make the workbook again with kpi template.")
    refused(capsys, folder, path,
            f"{display(path)}, sheet 'Số liệu', row 2: the name 'Thu ngân sách' beside 'spending_cap' is not that "
            f"indicator's name ('Chi thường xuyên'): {fix}",
            f"{display(path)}, sheet 'Số liệu', row 4: the name 'Chi thường xuyên' beside 'revenue' is not that "
            f"indicator's name ('Thu ngân sách'): {fix}")


def test_shortened_column_heads_are_refused(folder, capsys):
    def shorten(ws, at):
        ws["H1"], ws["I1"] = "Loại", "Mức độ"

    path = typed(made(folder, "stc"), {"revenue": dict(value=800, kind="ước tính", qualifier="khoảng")},
                 edit=shorten)
    refused(capsys, folder, path,
            f"{display(path)}, sheet 'Số liệu': the column heads 'Loại' (column H), 'Mức độ' (column I) are not one "
            "kpi reads, so the column would be lost; the heads are indicator, period, value, kind, qualifier, "
            "source, note (a department's workbook: Mã chỉ tiêu, Chỉ tiêu, Đơn vị tính, Kế hoạch năm, Số liệu gần "
            "nhất, Kỳ, Giá trị, Loại số liệu, Mức độ (hơn/gần/khoảng), Nguồn, Ghi chú; Indicator code, Indicator, "
            "Unit, Annual plan, Last recorded figure, Period, Value, Kind of figure, Bound (more than/nearly/about), "
            "Source, Note): write each head as kpi template wrote it.")


def test_a_very_hidden_sheet_is_not_read_and_is_named(folder, capsys):
    path = typed(made(folder, "stc"), {"revenue": dict(value=800, source=SOURCE)})
    book = openpyxl.load_workbook(path)
    ghost = book.create_sheet("observations")
    ghost.append(["indicator", "period", "value"])
    ghost.append(["revenue", "2021-Q3", 8000])
    ghost.sheet_state = "veryHidden"
    book.save(path)
    code, out, _ = run(capsys, "collect", str(folder), str(path))
    assert code == 0
    assert recorded(folder, "revenue")["value"] == 800
    assert f"{display(path)}, sheet 'Số liệu' was read; not read: the sheet 'observations' (veryHidden)." in out


# -- figures dropped --------------------------------------------------------------------------------------------

def _all_cts(folder):
    """The Statistics Office's workbook with a figure in each of its rows (10 rows: 4 targets, 6 inputs)."""
    path = made(folder, "cts")
    ws = openpyxl.load_workbook(path).worksheets[0]
    ids = [ws[f"A{r}"].value for r in range(2, ws.max_row + 1)]
    values = {"grdp_growth": 7.5, "share_agriculture": 21.5, "grdp_per_capita": 55, "population": 100500}
    return typed(path, {i: dict(value=values.get(i, 1000 + k), source=SOURCE) for k, i in enumerate(ids)}), ids


def test_a_stale_dimension_drops_no_row(folder, capsys):
    path, ids = _all_cts(folder)
    part(path, SHEET, lambda xml: re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:K3"/>', xml))
    code, out, _ = run(capsys, "collect", str(folder), str(path))
    assert code == 0 and out.startswith(f"{display(folder / 'observations.csv')}: {len(ids)} added")


def test_a_row_stored_out_of_order_is_read(folder, capsys):
    path, ids = _all_cts(folder)

    def move_row_3_last(xml):
        row3 = re.search(r'<row r="3".*?</row>', xml).group()
        return xml.replace(row3, "").replace("</sheetData>", row3 + "</sheetData>")

    part(path, SHEET, move_row_3_last)
    code, out, _ = run(capsys, "collect", str(folder), str(path))
    assert code == 0 and out.startswith(f"{display(folder / 'observations.csv')}: {len(ids)} added")
    assert recorded(folder, ids[1])["value"] == 21.5


def test_an_array_formula_without_a_saved_result_is_named(folder, capsys):
    def array(ws, at):
        ws[f"G{at['revenue']}"] = ArrayFormula(f"G{at['revenue']}", "=SUM(G3:G4)")

    path = typed(made(folder, "stc"), {}, edit=array)
    refused(capsys, folder, path,
            f"{display(path)}, sheet 'Số liệu', row 2 (cell G2): holds the formula '=SUM(G3:G4)' with no saved "
            "result; open the workbook in Excel, let it calculate, and save it (or type the figure).")


def test_a_row_with_only_a_note_is_not_dropped(folder, capsys):
    path = typed(made(folder, "stc"), {"revenue": dict(value=800, source=SOURCE),
                                        "spending_cap": dict(note="số liệu đang tổng hợp")})
    refused(capsys, folder, path,
            f"{display(path)}, sheet 'Số liệu', row 4: the value is empty but the row has a kind, qualifier, source or "
            "note; fill in the value, or, if nothing was published, clear the row's other cells (in a CSV file, delete "
            "the row).")


# -- texts that observations.csv could not hold -----------------------------------------------------------------

def test_a_source_with_a_bare_carriage_return_is_refused(folder, capsys):
    path = typed(made(folder, "stc"), {"revenue": dict(value=800, source="Báo cáo\rsố 12")})
    refused(capsys, folder, path,
            f"{display(path)}, sheet 'Số liệu', row 2: the source holds a line break at character 8; remove it "
            "(write the source on one line).")


def test_a_note_of_200000_characters_is_refused(folder, capsys):
    """A cell holds at most 32,767 characters (Excel's limit, which openpyxl applies when it reads)."""
    path = typed(made(folder, "stc"), {"revenue": dict(value=800, source=SOURCE, note="x" * 200_000)})
    refused(capsys, folder, path,
            f"{display(path)}, sheet 'Số liệu', row 2: the note is 32,767 characters long, more than the 4,000 kpi "
            "records; shorten it (a source is an address and a few words, a note a few sentences).")


def test_a_note_with_line_breaks_is_kept_and_reads_back(folder, capsys):
    path = typed(made(folder, "stc"), {"revenue": dict(value=800, source=SOURCE, note="dòng 1\r\ndòng 2")})
    assert run(capsys, "collect", str(folder), str(path))[0] == 0
    assert recorded(folder, "revenue")["note"] == "dòng 1\ndòng 2"
    assert run(capsys, "validate", str(folder))[0] == 0


def test_formula_looking_text_is_stored_neutralised(folder, capsys):
    def as_text(ws, at):  # typed after an apostrophe in Excel: a text, not a formula
        cell = ws[f"J{at['revenue']}"]
        cell.value, cell.data_type = '=HYPERLINK("http://x")', "s"

    path = typed(made(folder, "stc"), {"revenue": dict(value=800, note="-5% so với cùng kỳ")}, edit=as_text)
    assert run(capsys, "collect", str(folder), str(path))[0] == 0
    last = (folder / "observations.csv").read_text(encoding="utf-8").splitlines()[-1]
    assert last == 'revenue,2021-Q3,800,,,"\'=HYPERLINK(""http://x"")",\'-5% so với cùng kỳ'
    got = recorded(folder, "revenue")
    assert (got["source"], got["note"]) == ('=HYPERLINK("http://x")', "-5% so với cùng kỳ")


# -- other ------------------------------------------------------------------------------------------------------

def test_an_english_workbook_is_collected(folder, capsys):
    path = typed(made(folder, "stc", lang="en"), {"revenue": dict(value=800, kind="estimate", qualifier="about",
                                                                  source=SOURCE)})
    assert run(capsys, "collect", str(folder), str(path))[0] == 0
    got = recorded(folder, "revenue")
    assert (got["value"], got["kind"], got["qualifier"]) == (800.0, "estimate", "about")


DAMAGED = {
    "cut-xml": (lambda xml: xml[: len(xml) // 2], "ParseError"),
    "number-cell-3l00": (lambda xml: re.sub(r"<v>800</v>", "<v>3l00</v>", xml), "ValueError"),
    "shared-string-out-of-range": (lambda xml: re.sub(r'<c r="A2"( s="\d+")? t="inlineStr"><is><t>revenue</t></is></c>',
                                                      r'<c r="A2"\1 t="s"><v>99999</v></c>', xml), "IndexError"),
}


@pytest.mark.parametrize("damage", DAMAGED)
def test_a_damaged_workbook_is_named_and_skip_bad_still_merges_the_others(folder, capsys, damage):
    edit, error = DAMAGED[damage]
    good = typed(made(folder, "syt"), {"stunting": dict(value=29.5, source=SOURCE)})
    bad = part(typed(made(folder, "stc"), {"revenue": dict(value=800, source=SOURCE)}), SHEET, edit)
    refused_text = run(capsys, "collect", str(folder), str(bad))[2]
    assert refused_text.startswith(f"kpi collect: {display(bad)}: the workbook is damaged and cannot be read "
                                   f"({error}: ")
    assert ("); open it in Excel, which offers to repair it, save it, and collect it again (or make it again with kpi "
            "template).\n") in refused_text
    code, out, err = run(capsys, "collect", str(folder), "--skip-bad", str(good), str(bad))
    assert code != 0
    assert recorded(folder, "stunting")["value"] == 29.5
    assert f"skipped (with errors): {display(bad)}" in out


def test_an_encrypted_workbook_is_named(folder, capsys):
    path = HERE / "workbooks" / "encrypted.xlsx"
    refused(capsys, folder, path,
            f"{display(path)}: the workbook is protected with a password to open it, so it cannot be read; open it in "
            "Excel, remove the password (File › Info › Protect Workbook › Encrypt with Password: clear it), save it, "
            "and collect it again.")


def test_a_zip_bomb_is_refused_before_it_is_unpacked(folder, capsys, tmp_path):
    """A sheet of 256 MB of spaces packs into 250 KB; its declared size is refused before anything is unpacked."""
    path = made(folder, "stc")
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        for n, data in parts.items():
            if n != SHEET:
                z.writestr(n, data)
        with z.open(SHEET, "w", force_zip64=True) as fh:
            for _ in range(16):
                fh.write(b" " * 2**24)
    assert bomb.stat().st_size < 2**20
    start = time.perf_counter()
    refused(capsys, folder, bomb,
            f"{display(bomb)}: the workbook's sheets unpack to 256.0 MB, more than the 1.0 MB kpi reads from a "
            "workbook (a department's workbook needs a few kilobytes); make it again with kpi template --by owner and "
            "copy the figures into it, or keep a large table in observations.csv.")
    assert time.perf_counter() - start < 5


def test_bloated_styles_are_refused_before_they_are_parsed(folder, capsys):
    """Cell formats copied in from other workbooks ('style bloat'): openpyxl spends seconds per 100 KB of them."""
    path = made(folder, "stc")
    part(path, "xl/styles.xml", lambda xml: xml.replace("<cellXfs", "<!--" + " " * 2**18 + "--><cellXfs"))
    refused(capsys, folder, path,
            f"{display(path)}: the workbook's styles unpack to 260 KB, more than the 256 KB kpi reads from a workbook "
            "(a department's workbook needs a few kilobytes); make it again with kpi template --by owner and copy "
            "the figures into it, or keep a large table in observations.csv.")


def test_merged_source_and_kind_reach_every_row_they_cover(folder, capsys):
    def merge(ws, at):
        ws["H2"], ws["J2"] = "ước tính", SOURCE
        ws.merge_cells("H2:H4")
        ws.merge_cells("J2:J4")

    path = typed(made(folder, "stc"), {"revenue": dict(value=800), "private_revenue": dict(value=300),
                                        "spending_cap": dict(value=500)}, edit=merge)
    assert run(capsys, "collect", str(folder), str(path))[0] == 0
    for indicator in ("revenue", "private_revenue", "spending_cap"):
        got = recorded(folder, indicator)
        assert (got["kind"], got["source"]) == ("estimate", SOURCE), indicator


def test_a_value_merged_over_rows_is_refused(folder, capsys):
    def merge(ws, at):
        ws.merge_cells("G2:G3")

    path = typed(made(folder, "stc"), {"revenue": dict(value=800, source=SOURCE)}, edit=merge)
    refused(capsys, folder, path,
            f"{display(path)}, sheet 'Số liệu', row 2 (cell G2:G3): is one value cell merged over several rows, so it "
            "gives one figure for several indicators; unmerge the cells and type each figure in its own row.",
            f"{display(path)}, sheet 'Số liệu', row 3 (cell G2:G3): is one value cell merged over several rows, so it "
            "gives one figure for several indicators; unmerge the cells and type each figure in its own row.")


def test_the_same_revision_from_two_workbooks_is_logged_once(folder, capsys, tmp_path):
    first = typed(made(folder, "stc"), {"revenue": dict(value=800, source=SOURCE)})
    assert run(capsys, "collect", str(folder), str(first))[0] == 0
    again = [typed(shutil.copy(made(folder, "stc"), tmp_path / f"stc-{k}.xlsx"),
                   {"revenue": dict(value=820, source=SOURCE)}) for k in (1, 2)]
    assert run(capsys, "collect", str(folder), "--revise", *map(str, again))[0] == 0
    log = kpi.inputs.revisions.load_revisions(folder / "revisions.csv", kpi.load_plan(folder))
    assert log[["indicator", "old_value", "new_value"]].values.tolist() == [["revenue", "800", "820"]]


@pytest.mark.slow  # runs kpi collect in another process and kills it
def test_a_collect_killed_after_its_log_logs_no_revision(folder, capsys):
    first = typed(made(folder, "stc"), {"revenue": dict(value=800, source=SOURCE)})
    assert run(capsys, "collect", str(folder), str(first))[0] == 0
    obs = folder / "observations.csv"
    before = obs.read_bytes()
    revised = typed(first, {"revenue": dict(value=820)})
    env = {**os.environ, PAUSE_HOOK: "30", "PYTHONPATH": str(Path(kpi.__file__).parents[1])}
    proc = subprocess.Popen([sys.executable, "-m", "kpi.cli", "collect", str(folder), "--revise", str(revised)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    half = obs.with_name(f".observations.csv.tmp-{proc.pid}.csv")
    deadline = time.time() + 60
    while not half.exists() and time.time() < deadline:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(10)
    assert obs.read_bytes() == before
    assert not (folder / "revisions.csv").exists()  # the revision did not happen, and none is logged
    assert run(capsys, "validate", str(folder))[0] == 0
    outcome = collect(folder, [revised], revise=True)  # the next collect drops the pending log, then revises
    assert len(outcome.revised) == 1
    log = kpi.inputs.revisions.load_revisions(folder / "revisions.csv", kpi.load_plan(folder))
    assert log[["old_value", "new_value"]].values.tolist() == [["800", "820"]]


def test_a_bidi_control_in_a_source_never_reaches_the_terminal_raw(folder, capsys):
    first = typed(made(folder, "stc"), {"revenue": dict(value=800, source="https://example.org/\u202eexe.txt")})
    assert run(capsys, "collect", str(folder), str(first))[0] == 0
    again = typed(first, {"revenue": dict(value=820)})
    code, _, err = run(capsys, "collect", str(folder), str(again))
    assert code == 2 and "\u202e" not in err
    assert "https://example.org/⟨U+202E⟩exe.txt" in err


def test_a_symlinked_observations_file_is_updated_through_its_link(folder, capsys, tmp_path):
    real = tmp_path / "kept" / "observations.csv"
    real.parent.mkdir()
    shutil.move(folder / "observations.csv", real)
    (folder / "observations.csv").symlink_to(real)
    path = typed(made(folder, "stc"), {"revenue": dict(value=800, source=SOURCE)})
    assert run(capsys, "collect", str(folder), str(path))[0] == 0
    assert (folder / "observations.csv").is_symlink()
    assert real.read_text(encoding="utf-8").splitlines()[-1] == f"revenue,2021-Q3,800,,,{SOURCE},"


def test_a_figure_without_a_source_says_who_sent_it(folder, capsys):
    from datetime import datetime

    path = typed(made(folder, "stc"), {"revenue": dict(value=800)})
    assert run(capsys, "collect", str(folder), str(path))[0] == 0
    assert recorded(folder, "revenue")["source"] == (f"Sở Tài chính (stc), sổ stc-2021-Q3.xlsx, nhận ngày "
                                                     f"{datetime.now():%d/%m/%Y}")


def test_a_symlinked_revision_log_is_updated_through_its_link(folder, capsys, tmp_path):
    first = typed(made(folder, "stc"), {"revenue": dict(value=800, source=SOURCE)})
    assert run(capsys, "collect", str(folder), str(first))[0] == 0
    real = tmp_path / "logs" / "revisions.csv"
    real.parent.mkdir()
    (folder / "revisions.csv").symlink_to(real)  # dangling: the first revision creates the file it leads to
    assert run(capsys, "collect", str(folder), "--revise", str(typed(first, {"revenue": dict(value=820)})))[0] == 0
    assert (folder / "revisions.csv").is_symlink()
    log = kpi.inputs.revisions.load_revisions(real, kpi.load_plan(folder))
    assert log[["old_value", "new_value"]].values.tolist() == [["800", "820"]]


# -- found by the adversarial review of this change --------------------------------------------------------------

def test_a_filled_copy_of_the_data_sheet_is_an_error_not_nothing_filled_in(folder, capsys):
    """Excel's 'Move or Copy › Create a copy' makes 'Số liệu (2)'; figures typed there must not vanish."""
    path = made(folder, "stc")
    book = openpyxl.load_workbook(path)
    copy = book.copy_worksheet(book["Số liệu"])
    copy["G2"] = 800
    book.save(path)
    refused(capsys, folder, path,
            f"{display(path)}: the sheet '{copy.title}' holds cells too, but kpi reads only the sheet 'Số liệu'; copy "
            "any figure into 'Số liệu', delete the other sheet, save, and collect again.")


def test_a_hidden_data_sheet_beside_the_instructions_is_named(folder, capsys):
    path = made(folder, "stc")
    book = openpyxl.load_workbook(path)
    book["Số liệu"].sheet_state = "hidden"
    book.active = 1
    book.save(path)
    refused(capsys, folder, path,
            f"{display(path)}: the sheet 'Số liệu' is hidden; unhide it (right-click a sheet tab › Unhide), save, and "
            "collect again.")


@pytest.mark.parametrize("fmt,why", [
    ("#,##0;-#,##0;", "shows nothing for 0"),
    ('_(* #,##0_);_(* (#,##0);_(* "-"_);_(@_)', "shows 0 as '_(* \"-\"_)'"),
])
def test_a_zero_the_format_hides_is_refused(folder, capsys, fmt, why):
    path = typed(made(folder, "stc"), {"revenue": dict(value=800, source=SOURCE),
                                        "private_revenue": dict(value=0, source=SOURCE)}, {"private_revenue": fmt})
    refused(capsys, folder, path,
            f"{display(path)}, sheet 'Số liệu', row 3 (cell G3): its number format '{fmt}' {why}; clear the cell if "
            "nothing was published, or set the cell's format to General and type the figure.")


@pytest.mark.parametrize("fmt,value,why", [
    ("[<100]0.0;0", 750.4, "has a condition ([<100]), so what it shows depends on the figure; set the cell's format "
                           "to General"),
    ("#,##0,.0", 3500, "divides the figure by 1,000 (shows 3.5 for 3500); set the cell's format to General and type "
                       "the figure in the indicator's unit"),
])
def test_conditions_and_a_comma_before_the_point_are_refused(folder, capsys, fmt, value, why):
    path = typed(made(folder, "stc"), {"revenue": dict(value=value, source=SOURCE)}, {"revenue": fmt})
    refused(capsys, folder, path, f"{display(path)}, sheet 'Số liệu', row 2 (cell G2): its number format '{fmt}' {why}.")


def test_figures_in_hidden_rows_and_columns_are_refused(folder, capsys):
    def hide(ws, at):
        ws.row_dimensions[at["private_revenue"]].hidden = True
        ws.column_dimensions["K"].hidden = True

    path = typed(made(folder, "stc"), {"revenue": dict(value=800, source=SOURCE, note="ước"),
                                        "private_revenue": dict(value=300, source=SOURCE)}, edit=hide)
    refused(capsys, folder, path,
            f"{display(path)}, sheet 'Số liệu', row 2 (cell K2): is in a hidden column, so whoever filled the sheet did "
            "not see it; unhide the column (right-click the column letters › Unhide), check it, save, and collect "
            "again.",
            f"{display(path)}, sheet 'Số liệu', row 3 (cell G3): is in a hidden row, so whoever filled the sheet did not "
            "see it; unhide the row (select the rows around it, right-click › Unhide), check it, save, and collect "
            "again.")


def test_two_workbooks_that_disagree_are_both_held_back_with_skip_bad(folder, capsys, tmp_path):
    old = typed(shutil.copy(made(folder, "stc"), tmp_path / "stc-old.xlsx"), {"revenue": dict(value=7500,
                                                                                              source=SOURCE)})
    new = typed(shutil.copy(made(folder, "stc"), tmp_path / "stc-new.xlsx"), {"revenue": dict(value=750,
                                                                                              source=SOURCE)})
    good = typed(made(folder, "syt"), {"stunting": dict(value=29.5, source=SOURCE)})
    before = (folder / "observations.csv").read_bytes()
    code, out, err = run(capsys, "collect", str(folder), "--skip-bad", str(old), str(new), str(good))
    assert code == 2
    assert f"{display(old)}: gives figures that {display(new)} contradicts (see there); collect the two once they " \
           "agree." in err
    after = (folder / "observations.csv").read_bytes()
    assert after[:len(before)] == before and b"7500" not in after and b",750," not in after
    assert recorded(folder, "stunting")["value"] == 29.5


def test_a_pending_log_that_cannot_be_checked_is_kept(folder, capsys):
    pending = folder / ".revisions.csv.pending"
    pending.write_text("not a revision log\n", encoding="utf-8")
    path = typed(made(folder, "stc"), {"revenue": dict(value=800, source=SOURCE)})
    code, _, err = run(capsys, "collect", str(folder), str(path))
    assert code == 2 and pending.read_text(encoding="utf-8") == "not a revision log\n"
    assert err.startswith(f"kpi collect: 2 problems found:\n- {display(pending)}: a revision log left by a collect "
                          "that was stopped cannot be checked against the figures, so it is kept as it is:\n- "
                          f"{display(pending)}: the header is not that of a revision log")


def test_a_pending_log_that_cannot_be_written_is_a_message(folder, capsys, monkeypatch, tmp_path):
    """The pending log cannot be written (a folder gone, as a read-only one would refuse it): a message, and
    observations.csv is not touched. (A folder found where a pending log would be is a pending log that cannot
    be checked: the test above.)"""
    import kpi.inputs.collection as collection

    first = typed(made(folder, "stc"), {"revenue": dict(value=800, source=SOURCE)})
    assert run(capsys, "collect", str(folder), str(first))[0] == 0
    nowhere = tmp_path / "gone" / ".revisions.csv.pending"
    monkeypatch.setattr(collection, "_pending", lambda log: nowhere)
    before = (folder / "observations.csv").read_bytes()
    code, _, err = run(capsys, "collect", str(folder), "--revise", str(typed(first, {"revenue": dict(value=820)})))
    assert (code, err) == (2, f"kpi collect: {display(nowhere)}: cannot be written (No such file or directory); "
                              "nothing was changed: check the plan folder's permissions, then collect again.\n")
    assert (folder / "observations.csv").read_bytes() == before
    assert not (folder / "revisions.csv").exists()


def test_a_formula_that_shows_empty_text_is_an_empty_cell(folder, capsys):
    path = typed(made(folder, "stc"), {"revenue": dict(value=800, source=SOURCE)})
    # how Excel saves =IF(x="","",...) showing nothing: a text result that is empty
    part(path, SHEET, lambda xml: re.sub(r'(<row r="3"[^>]*>)', r'\1<c r="K3" t="str"><f>IF(1,"","")</f><v></v></c>',
                                         xml))
    assert run(capsys, "collect", str(folder), str(path))[0] == 0  # the row of K3 is still 'not reported'
    assert recorded(folder, "revenue")["value"] == 800


def test_a_source_typed_as_a_link_keeps_its_address(folder, capsys):
    def link(ws, at):
        ws[f"J{at['revenue']}"].hyperlink = "https://stc.kontumtinh.gov.vn/bao-cao-9-thang"

    path = typed(made(folder, "stc"), {"revenue": dict(value=800, source="Báo cáo Sở TC")}, edit=link)
    assert run(capsys, "collect", str(folder), str(path))[0] == 0
    assert recorded(folder, "revenue")["source"] == "Báo cáo Sở TC (https://stc.kontumtinh.gov.vn/bao-cao-9-thang)"


def test_a_row_inserted_above_the_header_is_named(folder, capsys):
    path = made(folder, "stc")
    book = openpyxl.load_workbook(path)
    book["Số liệu"].insert_rows(1)
    book["Số liệu"]["G4"] = 800
    book.save(path)
    refused(capsys, folder, path, f"{display(path)}, sheet 'Số liệu': row 1 is empty, but the header must be the first "
                                  "row; delete the empty rows above it, save, and collect again.")
    book["Số liệu"]["A1"] = "Báo cáo 9 tháng"
    book.save(path)
    refused(capsys, folder, path,
            f"{display(path)}, sheet 'Số liệu': row 1 holds no column head kpi knows ('Báo cáo 9 tháng' (column A)); "
            "the header must be the first row, with the heads indicator, period, value, kind, qualifier, source, note "
            "(a department's workbook: Mã chỉ tiêu, Chỉ tiêu, Đơn vị tính, Kế hoạch năm, Số liệu gần nhất, Kỳ, Giá "
            "trị, Loại số liệu, Mức độ (hơn/gần/khoảng), Nguồn, Ghi chú; Indicator code, Indicator, Unit, Annual "
            "plan, Last recorded figure, Period, Value, Kind of figure, Bound (more than/nearly/about), Source, "
            "Note): delete the rows above it.")
