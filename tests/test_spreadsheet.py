"""status.xlsx for people and status.csv with a byte-order mark, read back with openpyxl and pandas."""
import io
import zipfile
from datetime import datetime

import pandas as pd
import pytest
from openpyxl import load_workbook

import kpi
from kpi.text.status import status_of
from kpi.documents.xlsx import write_status_xlsx
from kpi.documents.csv import save_csv
from kpi.documents.csv import to_csv

from conftest import KONTUM

HEAD_VI = ["Phần", "TT", "Chỉ tiêu", "Đơn vị", "Kế hoạch", "Thực hiện", "Kỳ số liệu", "% kế hoạch", "Tiến độ cần đạt",
           "Cách tính tiến độ", "Ước cả năm", "Đánh giá", "Nguồn"]
FIRST = 6  # three title rows, an empty row, the column names in row 5
MADE = datetime(2021, 10, 25, 9, 0)


@pytest.fixture(scope="module")
def kontum():
    return kpi.load_plan(KONTUM)


@pytest.fixture(scope="module")
def kontum_q3(kontum):
    return kpi.assess(kontum, kpi.load(KONTUM)[1], "2021-Q3")


@pytest.fixture(scope="module")
def sheet(kontum, kontum_q3, tmp_path_factory):
    path = write_status_xlsx(kontum, kontum_q3, tmp_path_factory.mktemp("xlsx") / "status.xlsx", made=MADE)
    return load_workbook(path).active


def rows(sheet) -> list:
    return list(sheet.iter_rows(min_row=FIRST))


def row_of(sheet, name: str) -> list:
    return next(r[2:] for r in rows(sheet) if r[2].value == name)


def test_title_rows_say_which_plan_period_and_day(sheet):
    assert [sheet.cell(row=r, column=1).value for r in (1, 2, 3, 4)] == [
        "Chương trình hành động thực hiện kế hoạch phát triển kinh tế - xã hội năm 2021",
        "Đánh giá thực hiện các chỉ tiêu quý III và 9 tháng năm 2021",  # the Word report's words for the period
        "Lập ngày 25/10/2021", None]
    assert sheet["A1"].font.b and sheet["A1"].font.sz == 14 and sheet["A3"].font.i


def test_header_frozen_and_filtered(sheet):
    assert [c.value for c in sheet[5]] == HEAD_VI
    assert all(c.font.b for c in sheet[5])
    assert sheet.freeze_panes == "D6"  # the column names, and section, number and name, stay in view
    assert sheet.auto_filter.ref == "A5:M48"
    assert sheet.print_title_rows == "$5:$5"
    assert sheet.title == "Đánh giá"


def test_sections_and_numbers_match_the_word_appendix(kontum, kontum_q3, sheet, tmp_path):
    from docx import Document

    from kpi.documents.docx import write_docx

    appendix = Document(write_docx(kontum, kontum_q3, [], tmp_path / "r.docx")).tables[-1]
    section, word = None, []
    for r in list(appendix.rows)[1:]:
        first, name = r.cells[0].text, r.cells[1].text
        if first in ("I", "II", "III"):
            section = f"{first}. {name}"
        else:
            word.append([section, first, name])
    sheet_rows = [[r[0].value, str(r[1].value), r[2].value] for r in rows(sheet)]
    assert sheet_rows == word
    assert sheet_rows[:2] == [["I. Kinh tế", "1", "Tốc độ tăng trưởng GRDP"],
                              ["I. Kinh tế", "2", "Tỷ trọng nông, lâm nghiệp và thủy sản"]]
    assert ["I. Kinh tế", "-", "Trong đó: Vốn đầu tư khu vực tư nhân"] in sheet_rows
    assert sheet_rows[-1][:2] == ["III. Quốc phòng, an ninh", "2"]
    assert {type(r[1].value) for r in rows(sheet)} == {int, str}  # numbers sort as numbers; '-' for a part


def test_sources_that_are_addresses_are_links(sheet):
    budget = row_of(sheet, "Thu ngân sách nhà nước trên địa bàn")
    source = budget[10]
    assert source.value.startswith("https://") and source.hyperlink.target == source.value
    assert source.font.u == "single"
    empty = [r[12] for r in rows(sheet) if r[12].value is None]
    assert empty and all(c.hyperlink is None for c in empty)


def test_a_source_that_is_not_only_an_address_stays_text(kontum, kontum_q3, tmp_path):
    status = kontum_q3.copy()
    status.loc[0, "source"] = "https://a.vn/x and a word"
    status.loc[1, "source"] = 'javascript:alert(1)'
    sheet = load_workbook(write_status_xlsx(kontum, status, tmp_path / "s.xlsx")).active
    assert [(c.value, c.hyperlink) for c in (sheet["M6"], sheet["M7"])] == [("https://a.vn/x and a word", None),
                                                                            ("javascript:alert(1)", None)]


def test_every_cell_names_its_font(sheet):
    used = [c for r in sheet.iter_rows(min_row=1, max_row=sheet.max_row, max_col=13) for c in r
            if c.value is not None or c.row >= 5]
    assert {c.font.name for c in used} == {"Arial"}


def test_one_row_per_target(sheet, kontum_q3):
    names = [r[2].value for r in rows(sheet)]
    assert len(names) == len(kontum_q3) == 43
    assert [n.removeprefix("Trong đó: ") for n in names] == list(kontum_q3["name"])
    assert "Trong đó: Vốn đầu tư khu vực tư nhân" in names


def test_numbers_are_numbers_rounded_as_the_report_shows_them(sheet):
    budget = row_of(sheet, "Thu ngân sách nhà nước trên địa bàn")
    assert [c.value for c in budget[1:5]] == ["tỷ đồng", "đạt 3.500", 2000, "9 tháng năm 2021"]
    assert budget[6].number_format == '[$-42A]#,##0"%"'  # 57,1% and 74%: the percent columns show their sign
    actual, pct, expected, basis, projection = budget[3], budget[5], budget[6], budget[7], budget[8]
    assert (actual.data_type, pct.data_type, expected.data_type, projection.data_type) == ("n",) * 4
    assert pct.value == 57.1            # 2000 / 3500 = 57.142857...
    assert expected.value == 74         # the season of 2019 and 2020 by September: 73.74%, shown rounded
    assert basis.value == "theo 2019, 2020"
    assert projection.value == 2712     # seasonal: 2000 / 0.7374 (the median share of 2019 and 2020 by September)
    # Shown in Vietnamese: 'khoảng 2.000', '57,1' (the language tag makes LibreOffice use vi separators).
    assert actual.number_format == '[$-42A]"khoảng "#,##0'
    assert pct.number_format == '[$-42A]"khoảng "#,##0.0"%"'  # a share of an approximate figure is approximate
    assert projection.number_format == "[$-42A]#,##0"


def test_a_figure_of_an_earlier_quarter(sheet):
    growth = row_of(sheet, "Tốc độ tăng trưởng GRDP")
    assert [c.value for c in growth[1:10]] == ["%", "trên 10%", 6.79, "6 tháng năm 2021", None, None, None, None,
                                                "Chậm tiến độ"]  # the verdict of its own (earlier) period
    assert growth[3].number_format == "[$-42A]#,##0.00"
    investment = row_of(sheet, "Tổng vốn đầu tư toàn xã hội")
    assert (investment[3].value, investment[3].number_format) == (8797, '[$-42A]"hơn "#,##0')
    # "hơn 8.797" of 20.000 = hơn 43,985%: rounded down, as "hơn" must never overstate; stale: no expected progress
    assert [c.value for c in investment[5:9]] == [43.9, None, None, None]
    communes = row_of(sheet, "Xã đạt chuẩn nông thôn mới tăng thêm")
    # counted only at the year end: nothing expected by 9 months, which the basis says
    assert [c.value for c in communes[5:8]] == [12.5, 0, "chỉ tính cuối năm"]
    medicinal = row_of(sheet, "Trồng mới các cây dược liệu khác")
    # 960 of 2000; the plan's rainy season (May-October) expects 5/6 by September
    assert [c.value for c in medicinal[5:8]] == [48.0, 83, "phân bổ theo kế hoạch"]


def test_status_cells_in_the_chart_colours(sheet, kontum_q3):
    for cell, status in zip((r[11] for r in rows(sheet)), kontum_q3["status"]):
        assert cell.fill.fill_type == "solid"
        assert cell.fill.fgColor.rgb[-6:] == status_of(status).colour.lstrip("#").upper()
        # white and bold on a dark fill (off track, not due), the dark ink on a light one
        white = status in ("off_track", "not_due")
        assert (cell.font.color.rgb[-6:], cell.font.b) == (("FFFFFF", True) if white else ("222222", False))
    assert {r[11].value for r in rows(sheet)} == {"Chậm tiến độ", "Chưa có số liệu", "Có nguy cơ",
                                                                "Chưa kết luận", "Chưa đến kỳ", "Đúng tiến độ"}


def test_text_from_data_never_becomes_a_formula(kontum, kontum_q3, tmp_path):
    status = kontum_q3.copy()
    status.loc[0, "name"] = "=1+1"
    status.loc[1, "name"] = "@SUM(A1)\x07"
    status.loc[2, "source"] = "-2+3"
    status.loc[3, "unit"] = "+cmd|' /C calc'!A0"
    path = write_status_xlsx(kontum, status, tmp_path / "s.xlsx")
    sheet = load_workbook(path).active
    cells = [sheet["C6"], sheet["C7"], sheet["M8"], sheet["D9"]]
    assert [c.value for c in cells] == ["=1+1", "@SUM(A1)", "-2+3", "+cmd|' /C calc'!A0"]
    assert {c.data_type for c in cells} == {"s"}
    assert all(c.quotePrefix for c in cells)
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in xml and "<f " not in xml


def test_english_sheet(kontum_q3, tmp_path):
    plan, obs = kpi.load(KONTUM)
    status = kpi.assess(plan, obs, "2021-Q3", lang="en")
    sheet = load_workbook(write_status_xlsx(plan, status, tmp_path / "s.xlsx", lang="en", made=MADE)).active
    assert [sheet.cell(row=r, column=1).value for r in (1, 2, 3)] == [
        "Action programme for the 2021 socio-economic development plan", "Status of the targets: Q3 and 9 months 2021",
        "Made on 25 October 2021"]
    assert [c.value for c in sheet[5]][:6] == ["Section", "No.", "Target", "Unit", "Plan", "Actual"]
    assert [c.value for c in sheet[6]][:2] == ["I. Economy", 1]
    budget = row_of(sheet, "State budget revenue in the province")
    assert [c.value for c in budget[1:10]] == ["bn VND", "at least 3,500", 2000, "9 months 2021", 57.1, 74,
                                                "season of 2019, 2020", 2712, "Off track"]
    assert budget[3].number_format == '"about "#,##0' and budget[5].number_format == '"about "#,##0.0"%"'


def test_unknown_language_is_refused(kontum, kontum_q3, tmp_path):
    with pytest.raises(ValueError, match="language 'fr' is not one of vi, en"):
        write_status_xlsx(kontum, kontum_q3, tmp_path / "s.xlsx", lang="fr")


def test_status_csv_has_a_byte_order_mark(kontum_q3, tmp_path):
    path = tmp_path / "status.csv"
    save_csv(kontum_q3, path)
    raw = path.read_bytes()
    assert raw[:3] == b"\xef\xbb\xbf"
    assert raw[3:].decode("utf-8") == to_csv(kontum_q3)
    back = pd.read_csv(path, keep_default_na=False, encoding="utf-8-sig")
    expected = pd.read_csv(io.StringIO(to_csv(kontum_q3)), keep_default_na=False)
    pd.testing.assert_frame_equal(back, expected)
    assert list(back.columns)[0] == "period"  # not '\ufeffperiod'
    assert "Thu ngân sách nhà nước trên địa bàn" in set(back["name"])
