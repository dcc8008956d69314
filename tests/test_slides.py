"""The slide deck beside the report, opened with python-pptx."""
import math

import pandas as pd
from pptx import Presentation
from pptx.util import Inches

from kpi.slides import ROWS_PER_SLIDE


def texts(slide) -> list[str]:
    return [s.text_frame.text for s in slide.shapes if s.has_text_frame]


def test_deck_structure(kontum_report):
    deck = Presentation(kontum_report / "slides.pptx")
    slides = list(deck.slides)
    figures = sorted((kontum_report / "figures").glob("*.png"))
    tables = math.ceil(43 / ROWS_PER_SLIDE)
    assert len(slides) == 2 + len(figures) + tables
    assert (deck.slide_width, deck.slide_height) == (Inches(13.333), Inches(7.5))  # 16:9

    title = " ".join(texts(slides[0]))
    assert "Chương trình hành động thực hiện kế hoạch phát triển kinh tế - xã hội năm 2021" in title
    assert "9 tháng 2021 (2021-Q3)" in title and "TỈNH KON TUM" in title
    assert texts(slides[1])[0] == "Tóm tắt kết quả thực hiện"

    figure_slides = slides[2:2 + len(figures)]
    pictures = [s for slide in figure_slides for s in slide.shapes if s.shape_type == 13]
    assert len(pictures) == len(figures)
    for pic in pictures:  # nothing overflows the 16:9 slide
        assert pic.left >= 0 and pic.top >= 0
        assert pic.left + pic.width <= deck.slide_width and pic.top + pic.height <= deck.slide_height
        assert pic.image.dpi[0] >= 299  # the 300-dpi PNGs
    titles = [texts(s)[0] for s in figure_slides]
    assert titles == ["Tốc độ tăng trưởng GRDP", "Cơ cấu kinh tế", "Tiến độ các chỉ tiêu lũy kế và ước cả năm",
                      "Đánh giá theo kỳ"]
    flows = texts(figure_slides[2])[1]
    assert flows == "Thu ngân sách nhà nước trên địa bàn 9 tháng 2021 đạt khoảng 57,1% kế hoạch, chậm hơn tiến độ 74%."


def test_scorecard_tables_hold_every_target(kontum_report):
    deck = Presentation(kontum_report / "slides.pptx")
    rows = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_table:
                table = shape.table
                assert shape.left + shape.width <= deck.slide_width
                assert shape.top + shape.height <= deck.slide_height
                rows += [[c.text for c in r.cells] for r in list(table.rows)[1:]]
                if len(table.columns) == 5:
                    assert [c.text for c in table.rows[0].cells] == ["Chỉ tiêu", "Kế hoạch", "Thực hiện", "% KH",
                                                                      "Đánh giá"]
    scorecard = [r for r in rows if len(r) == 5]
    status = pd.read_csv(kontum_report / "status.csv", keep_default_na=False)
    assert [r[0].strip() for r in scorecard] == list(status["name"])
    budget = next(r for r in scorecard if r[0] == "Thu ngân sách nhà nước trên địa bàn")
    assert budget == ["Thu ngân sách nhà nước trên địa bàn", "đạt 3.500 tỷ đồng", "khoảng 2.000 tỷ đồng", "57,1%",
                      "Chậm tiến độ"]
