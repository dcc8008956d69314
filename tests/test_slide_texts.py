"""The slide deck's texts (speaker notes, the scorecard's lists and table) keep the marks of the verdicts:
≈ for an approximate figure, the figure's own period for a stale one. Fast: no report is rendered."""
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import pytest
from pptx import Presentation

import kpi
from kpi.documents.pptx import build_deck, figure_slides, source_line


@pytest.fixture(scope="module")
def year_end(mini):
    """The mini plan at 2021-Q4 with revenue 'khoảng 980' for the year."""
    plan, obs = mini
    about = dict(indicator="revenue", period="2021-Q4", value=980.0, kind="estimate", qualifier="about",
                 source="https://example.org/q4", note="")
    return plan, kpi.assess(plan, pd.concat([obs, pd.DataFrame([about])], ignore_index=True), "2021-Q4")


def _row(status, indicator):
    return status.set_index("indicator", drop=False).loc[indicator]


def test_notes_of_an_approximate_verdict_carry_the_mark(year_end):
    _, status = year_end
    # 980 of at least 1000 misses; 980 + 5% = 1029 would meet it -> approximate; 980 / 1000 = 98.0%
    assert source_line(_row(status, "revenue"), "vi") == (
        "Thu ngân sách: khoảng 980 tỷ đồng (Năm 2021, ước tính), 98,0% kế hoạch; kế hoạch đạt 1.000 tỷ đồng; "
        "≈ không đạt. Nguồn: https://example.org/q4")


def test_notes_of_a_stale_verdict_name_the_figures_period(kontum):
    plan, obs = kontum
    status = kpi.assess(plan, obs, "2021-Q4", lang="en")
    # 900 ha of at least 2,000 by 6 months (45.0%); no later figure, so the year keeps the 6-month verdict
    assert source_line(_row(status, "new_fruit_trees"), "en") == (
        "New planting of fruit trees: 900 ha (6 months 2021, estimate), 45.0% of the plan; plan at least 2,000 ha; "
        "at risk (figure for 6 months). Sources: "
        "https://kontumtv.vn/tin-tuc/kinh-te/phan-dau-dat-muc-tieu-trong-moi-cay-an-qua-mac-ca-sam-ngoc-linh")


def test_scorecard_slide_lists_verdicts_with_their_marks(year_end):
    _, status = year_end
    figure = SimpleNamespace(name="scorecard", png="scorecard.png", targets=list(status["indicator"]), caption="")
    (_, _, _, details, notes), = figure_slides(status, Path("unused"), [figure], "vi")
    assert details[0] == "≈ Không đạt: Thu ngân sách"  # missed, the worst, first
    # private revenue: 120 of 400 by 6 months runs to 240, short by 40% -> off track, kept at the year end
    assert details[1] == "Chậm tiến độ (số liệu 6 tháng): Thu từ khu vực tư nhân"
    assert "; ≈ không đạt. Nguồn" in notes[0] and "; chậm tiến độ (số liệu 6 tháng). Nguồn" in notes[1]


def test_scorecard_table_marks_an_approximate_verdict(year_end, tmp_path):
    plan, status = year_end
    deck = Presentation(build_deck(plan, status, tmp_path))
    cells = {}
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_table and len(shape.table.columns) == 5:
                for r in list(shape.table.rows)[1:]:
                    cells[r.cells[0].text.strip()] = (r.cells[2].text, r.cells[4].text)
    assert cells["Thu ngân sách"] == ("khoảng 980 tỷ đồng", "≈ Không đạt")
    assert cells["Thu từ khu vực tư nhân"] == ("120 tỷ đồng (6 tháng)", "Chậm tiến độ")


def test_no_data_columns_keep_each_name_whole_and_in_order():
    from pptx.util import Inches, Pt

    from kpi.documents.pptx import INDENT_EM, LINE_SPACING, MIN_PT, lines_needed

    width, height = Inches(4), Pt(MIN_PT * LINE_SPACING) * 5  # five lines a column
    short, long = "Tổng đàn bò", "Khu công nghiệp có hệ thống xử lý nước"
    assert (lines_needed(short, width), lines_needed(long, width)) == (1, 2)  # at 18 pt in 4 inches (~ 28 chars)
    names = [f"{short} {i}" for i in range(4)] + [long] + [f"{short} {i}" for i in range(4, 14)]
    got = kpi.documents.pptx.no_data_columns(names, width + Pt(MIN_PT * INDENT_EM), height, columns=3)  # bullets' indent
    # 4 short + the long one would be 6 lines: the long one opens the second column
    assert got == [[names[0:4], names[4:8], names[8:13]], [names[13:15]]]


def test_no_data_columns_of_a_name_longer_than_a_column():
    from pptx.util import Inches, Pt

    from kpi.documents.pptx import LINE_SPACING, MIN_PT

    names = ["x " * 200, "y"]  # far more than a column holds: it still gets one, alone
    assert kpi.documents.pptx.no_data_columns(names, Inches(4), Pt(MIN_PT * LINE_SPACING) * 5) == [[[names[0]], [names[1]]]]
