"""The slide deck beside the report, opened with python-pptx: legible from the room, notes with sources."""

import pandas as pd
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from kpi.documents.pptx import MIN_PT


def texts(slide) -> list[str]:
    """The texts of a slide's boxes, the slide number's aside."""
    return [s.text_frame.text for s in slide.shapes if s.has_text_frame and s.name != "Slide Number"]


def runs(slide):
    for shape in slide.shapes:
        frames = [shape.text_frame] if shape.has_text_frame else \
            [c.text_frame for r in shape.table.rows for c in r.cells] if shape.has_table else []
        for frame in frames:
            for para in frame.paragraphs:
                yield from para.runs


def test_deck_structure(kontum_report):
    deck = Presentation(kontum_report / "slides.pptx")
    slides = list(deck.slides)
    status = pd.read_csv(kontum_report / "status.csv", keep_default_na=False)
    with_figure = (status["as_of"] != "").sum()
    # title, summary and the rest of its list (five sentences, measured, do not all fit beside the counts), one
    # slide per figure that shows a figure (structure has none at 9 months: no slide) and per
    # part of a long one that does not fit a slide's height at 14 pt (the 13 flows: 4, 3, 3, 3 bars; the 10 targets
    # by period: 4, 3, 3), the scorecard of the targets with a figure (their ten rows, measured, fit one slide), one
    # closing list of the targets with none
    assert with_figure == 10
    assert len(slides) == 3 + (1 + 4 + 3) + 1 + 1 == 13
    assert (deck.slide_width, deck.slide_height) == (Inches(13.333), Inches(7.5))  # 16:9

    title = " ".join(texts(slides[0]))
    assert "Chương trình hành động thực hiện kế hoạch phát triển kinh tế - xã hội năm 2021" in title
    assert "Quý III và 9 tháng năm 2021" in title and "2021-Q3" not in title and "TỈNH KON TUM" in title

    figure_slides = slides[3:11]
    pictures = [s for slide in figure_slides for s in slide.shapes if s.shape_type == 13]
    assert len(pictures) == 8
    for pic in pictures:  # nothing overflows the 16:9 slide
        assert pic.left >= 0 and pic.top >= 0
        assert pic.left + pic.width <= deck.slide_width and pic.top + pic.height <= deck.slide_height
        # as many pixels as a full-HD projector shows over the picture's place (1920 across the slide), or more
        assert pic.image.size[0] / pic.width.inches >= 1920 / deck.slide_width.inches
    titles = [texts(s)[0] for s in figure_slides]
    assert titles == ["Tốc độ tăng trưởng GRDP"] + [f"Tiến độ các chỉ tiêu lũy kế và ước cả năm ({k}/4)"
                                                     for k in range(1, 5)] + [f"Đánh giá theo kỳ ({k}/3)"
                                                                              for k in range(1, 4)]
    assert texts(figure_slides[1])[1] == (
        "Thu ngân sách nhà nước trên địa bàn 9 tháng năm 2021 ước đạt khoảng 2.000 tỷ đồng, bằng khoảng 57,1% kế hoạch "
        "năm, chậm hơn tiến độ cần đạt đến thời điểm này (74%), quý còn lại cần 1.500 tỷ đồng; chậm tiến độ, dự kiến "
        "không đạt kế hoạch năm.")  # the sentence of main's takeaway (test_summary pins the same)
    # only the five quarterly flows whose 9-month figure was due; the yearly levels are not yet due
    assert texts(slides[-1])[0] == "Chỉ tiêu chưa có số liệu (5)"


def test_nothing_on_a_slide_is_smaller_than_18_pt(kontum_report):
    deck = Presentation(kontum_report / "slides.pptx")
    sizes = {run.font.size for slide in deck.slides for run in runs(slide)}
    assert None not in sizes and min(sizes) == Pt(MIN_PT)


def test_summary_slide_counts_attention_and_projection(kontum_report):
    slide = Presentation(kontum_report / "slides.pptx").slides[1]
    assert texts(slide)[:2] == ["Tóm tắt kết quả thực hiện", "9 tháng năm 2021 · 43 chỉ tiêu"]
    table = next(s for s in slide.shapes if s.has_table).table
    assert not table.first_row  # the first row is data, not a header
    assert [[c.text for c in r.cells] for r in table.rows] == [
        ["Đúng tiến độ", "1"], ["Có nguy cơ", "1"], ["Chậm tiến độ", "5"], ["Chưa kết luận", "2"],
        ["Chưa đến kỳ", "29"], ["Chưa có số liệu", "5"]]  # the yearly levels are not due at 9 months
    body = texts(slide)
    assert body[2] == "5 chỉ tiêu cần chú ý nhất"
    bullets = slide.shapes[4].text_frame.paragraphs
    # what does not fit beside the counts goes on the next slide, not over the projection
    rest = Presentation(kontum_report / "slides.pptx").slides[2]
    more = rest.shapes[1].text_frame.paragraphs if texts(rest)[0].startswith("5 chỉ tiêu cần chú ý nhất (") else []
    assert len(bullets) + len(more) == 5
    assert bullets[1].text.startswith("Thu ngân sách nhà nước trên địa bàn 9 tháng năm 2021 ước đạt khoảng 2.000 tỷ "
                                      "đồng, bằng khoảng 57,1% kế hoạch năm")
    for para in bullets:  # real bullets with a hanging indent, no bullet typed into the text
        ppr = para._p.find(qn("a:pPr"))
        assert ppr.find(qn("a:buChar")).get("char") == "•"
        assert int(ppr.get("indent")) == -int(ppr.get("marL")) < 0
        assert not para.text.startswith("•")
    assert body[-1].startswith("Ước cả năm\nTheo ước tính đến cuối năm: 1 chỉ tiêu đạt kế hoạch, 1 có nguy cơ không "
                               "đạt, 5 không đạt, 2 chưa đủ căn cứ kết luận.")
    notes = slide.notes_slide.notes_text_frame.text
    assert ("Thu ngân sách nhà nước trên địa bàn: khoảng 2.000 tỷ đồng (9 tháng năm 2021, ước tính), 57,1% kế hoạch; "
            "kế hoạch đạt 3.500 tỷ đồng; chậm tiến độ. Nguồn: https://vov.vn/") in notes


def test_every_content_slide_has_notes_with_numbers_and_sources(kontum_report):
    deck = Presentation(kontum_report / "slides.pptx")
    for slide in list(deck.slides)[1:-1]:
        notes = slide.notes_slide.notes_text_frame.text
        assert "Nguồn: http" in notes, texts(slide)[0]


def test_scorecard_tables_hold_every_target_with_a_figure(kontum_report):
    deck = Presentation(kontum_report / "slides.pptx")
    rows = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_table and len(shape.table.columns) == 5:
                table = shape.table
                assert shape.left + shape.width <= deck.slide_width
                assert shape.top + shape.height <= deck.slide_height
                assert [c.text for c in table.rows[0].cells] == ["Chỉ tiêu", "Kế hoạch", "Thực hiện", "% KH",
                                                                  "Đánh giá"]
                rows += [[c.text for c in r.cells] for r in list(table.rows)[1:]]
    status = pd.read_csv(kontum_report / "status.csv", keep_default_na=False)
    assert [r[0].strip() for r in rows] == list(status.loc[status["as_of"] != "", "name"])
    budget = next(r for r in rows if r[0] == "Thu ngân sách nhà nước trên địa bàn")
    assert budget == ["Thu ngân sách nhà nước trên địa bàn", "đạt 3.500 tỷ đồng", "khoảng 2.000 tỷ đồng", "57,1%",
                      "Chậm tiến độ"]
    columns = [s for s in list(list(deck.slides)[-1].shapes)[1:] if s.name != "Slide Number"]  # a box per column
    assert 1 <= len(columns) <= 3 and all(a.left + a.width < b.left for a, b in zip(columns, columns[1:]))
    listed = [p.text for box in columns for p in box.text_frame.paragraphs]
    # the targets whose figure was due and is missing (five at Q3); not those not yet due
    assert listed == list(status.loc[(status["as_of"] == "") & (status["status"] != "not_due"), "name"])
    assert len(listed) == 5
