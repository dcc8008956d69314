"""status.xlsx for people and status.csv with a byte-order mark, read back with openpyxl and pandas."""
import io
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook

import kpi
from kpi.text.status import status_of
from kpi.documents.xlsx import write_status_xlsx
from kpi.documents.csv import save_csv
from kpi.documents.csv import to_csv

from conftest import KONTUM

HEAD_VI = ["Chỉ tiêu", "Đơn vị", "Kế hoạch", "Thực hiện", "Kỳ số liệu", "% kế hoạch", "Tiến độ cần đạt",
           "Cách tính tiến độ", "Ước cả năm", "Đánh giá", "Nguồn"]


@pytest.fixture(scope="module")
def kontum_q3():
    plan, obs = kpi.load(KONTUM)
    return kpi.assess(plan, obs, "2021-Q3")


@pytest.fixture(scope="module")
def sheet(kontum_q3, tmp_path_factory):
    path = write_status_xlsx(kontum_q3, tmp_path_factory.mktemp("xlsx") / "status.xlsx")
    return load_workbook(path).active


def row_of(sheet, name: str) -> list:
    return next([c for c in r] for r in sheet.iter_rows(min_row=2) if r[0].value == name)


def test_header_frozen_and_filtered(sheet):
    assert [c.value for c in sheet[1]] == HEAD_VI
    assert all(c.font.b for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:K44"
    assert sheet.title == "Đánh giá"


def test_one_row_per_target(sheet, kontum_q3):
    names = [r[0].value for r in sheet.iter_rows(min_row=2)]
    assert len(names) == len(kontum_q3) == 43
    assert [n.removeprefix("Trong đó: ") for n in names] == list(kontum_q3["name"])
    assert "Trong đó: Vốn đầu tư khu vực tư nhân" in names


def test_numbers_are_numbers_rounded_as_the_report_shows_them(sheet):
    budget = row_of(sheet, "Thu ngân sách nhà nước trên địa bàn")
    assert [c.value for c in budget[1:5]] == ["tỷ đồng", "đạt 3.500", 2000, "9 tháng năm 2021"]
    actual, pct, expected, basis, projection = budget[3], budget[5], budget[6], budget[7], budget[8]
    assert (actual.data_type, pct.data_type, expected.data_type, projection.data_type) == ("n",) * 4
    assert pct.value == 57.1            # 2000 / 3500 = 57.142857...
    assert expected.value == 74         # the season of 2019 and 2020 by September: 73.74%, shown rounded
    assert basis.value == "theo 2019, 2020"
    assert projection.value == 2712     # seasonal: 2000 / 0.7374 (the median share of 2019 and 2020 by September)
    # Shown in Vietnamese: 'khoảng 2.000', '57,1' (the language tag makes LibreOffice use vi separators).
    assert actual.number_format == '[$-42A]"khoảng "#,##0'
    assert pct.number_format == "[$-42A]#,##0.0"
    assert projection.number_format == "[$-42A]#,##0"


def test_a_figure_of_an_earlier_quarter(sheet):
    growth = row_of(sheet, "Tốc độ tăng trưởng GRDP")
    assert [c.value for c in growth[1:10]] == ["%", "trên 10%", 6.79, "6 tháng năm 2021", None, None, None, None,
                                                "Chậm tiến độ"]  # the verdict of its own (earlier) period
    assert growth[3].number_format == "[$-42A]#,##0.00"
    investment = row_of(sheet, "Tổng vốn đầu tư toàn xã hội")
    assert (investment[3].value, investment[3].number_format) == (8797, '[$-42A]"hơn "#,##0')
    assert [c.value for c in investment[5:9]] == [44.0, None, None, None]  # stale: no expected progress, no basis
    communes = row_of(sheet, "Xã đạt chuẩn nông thôn mới tăng thêm")
    # counted only at the year end: nothing expected by 9 months, which the basis says
    assert [c.value for c in communes[5:8]] == [12.5, 0, "chỉ tính cuối năm"]
    medicinal = row_of(sheet, "Trồng mới các cây dược liệu khác")
    # 960 of 2000; the plan's rainy season (May-October) expects 5/6 by September
    assert [c.value for c in medicinal[5:8]] == [48.0, 83, "phân bổ theo kế hoạch"]


def test_status_cells_in_the_chart_colours(sheet, kontum_q3):
    for cell, status in zip((r[9] for r in sheet.iter_rows(min_row=2)), kontum_q3["status"]):
        assert cell.fill.fill_type == "solid"
        assert cell.fill.fgColor.rgb[-6:] == status_of(status).colour.lstrip("#").upper()
        # white and bold on a dark fill (off track, not due), the dark ink on a light one
        white = status in ("off_track", "not_due")
        assert (cell.font.color.rgb[-6:], cell.font.b) == (("FFFFFF", True) if white else ("222222", False))
    assert {r[9].value for r in sheet.iter_rows(min_row=2)} == {"Chậm tiến độ", "Chưa có số liệu", "Có nguy cơ",
                                                                "Chưa kết luận", "Chưa đến kỳ", "Đúng tiến độ"}


def test_text_from_data_never_becomes_a_formula(kontum_q3, tmp_path):
    status = kontum_q3.copy()
    status.loc[0, "name"] = "=1+1"
    status.loc[1, "name"] = "@SUM(A1)\x07"
    status.loc[2, "source"] = "-2+3"
    status.loc[3, "unit"] = "+cmd|' /C calc'!A0"
    path = write_status_xlsx(status, tmp_path / "s.xlsx")
    sheet = load_workbook(path).active
    cells = [sheet["A2"], sheet["A3"], sheet["K4"], sheet["B5"]]
    assert [c.value for c in cells] == ["=1+1", "@SUM(A1)", "-2+3", "+cmd|' /C calc'!A0"]
    assert {c.data_type for c in cells} == {"s"}
    assert all(c.quotePrefix for c in cells)
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in xml and "<f " not in xml


def test_english_sheet(kontum_q3, tmp_path):
    plan, obs = kpi.load(KONTUM)
    status = kpi.assess(plan, obs, "2021-Q3", lang="en")
    sheet = load_workbook(write_status_xlsx(status, tmp_path / "s.xlsx", lang="en")).active
    assert [c.value for c in sheet[1]][:4] == ["Target", "Unit", "Plan", "Actual"]
    budget = row_of(sheet, "State budget revenue in the province")
    assert [c.value for c in budget[1:10]] == ["bn VND", "at least 3,500", 2000, "9 months 2021", 57.1, 74,
                                                "season of 2019, 2020", 2712, "Off track"]
    assert budget[3].number_format == '"about "#,##0' and budget[5].number_format == "#,##0.0"


def test_unknown_language_is_refused(kontum_q3, tmp_path):
    with pytest.raises(ValueError, match="language 'fr' is not one of vi, en"):
        write_status_xlsx(kontum_q3, tmp_path / "s.xlsx", lang="fr")


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
