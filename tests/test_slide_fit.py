"""Slides that fit (issue 20, point 6): every text of every slide measured with Arial's metrics (Liberation Sans)
fits its box, no box runs into another or off the slide, the charts are placed at the size they were drawn, and
the deck is in Arial with slide numbers and tables in the report's colours.

The measurement here is the test's own (a plain greedy word wrap with PIL and Arial's line height of 1.15 em), not
the exporter's, for the 2021-Q3 and 2021-08 reports in Vietnamese and the 2021-Q3 report in English.
"""
import io
from itertools import combinations
from pathlib import Path

import pytest
from PIL import Image, ImageFont
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Emu

from kpi.text.theme import HEADER_FILL

KONTUM = Path(__file__).resolve().parents[1] / "data" / "kontum-2021"
LIBERATION = [Path("/usr/share/fonts/truetype/liberation2"), Path("/usr/share/fonts/truetype/liberation")]
LINE_EM = 1.15  # Arial: ascent 0.905 + descent 0.212 em, set at about 1.15 em by PowerPoint and LibreOffice


def _font(size_pt: float, bold: bool):
    name = "LiberationSans-Bold.ttf" if bold else "LiberationSans-Regular.ttf"
    path = next(d / name for d in LIBERATION if (d / name).is_file())
    return ImageFont.truetype(str(path), size=round(size_pt * 10))


def _lines(text: str, width_pt: float, size_pt: float, bold: bool) -> int:
    """Lines a paragraph takes: words added while the line is no wider than the box."""
    font, n, line = _font(size_pt, bold), 1, ""
    for word in text.split(" "):
        trial = f"{line} {word}".strip()
        if line and font.getlength(trial) / 10 > width_pt:
            n, line = n + 1, word
        else:
            line = trial
    return n


def _needed(frame, width_emu: int) -> float:
    """The height (pt) the paragraphs of ``frame`` take in a box ``width_emu`` wide (inside its margins)."""
    total = 0.0
    for para in frame.paragraphs:
        runs = para.runs
        if not runs:
            continue
        size, bold = runs[0].font.size.pt, bool(runs[0].font.bold)
        ppr = para._p.find(qn("a:pPr"))
        indent = int(ppr.get("marL", 0)) if ppr is not None else 0
        before = para.space_before.pt if para.space_before is not None else 0
        total += before + LINE_EM * size * _lines(para.text, Emu(width_emu - indent).pt, size, bold)
    return total


@pytest.fixture(scope="module")
def decks(kontum_report, tmp_path_factory):
    from kpi.render.report import Job, render

    out = tmp_path_factory.mktemp("fit")
    folders = {"2021-Q3": kontum_report}
    for period, lang in (("2021-08", "vi"), ("2021-Q3", "en")):
        folders[f"{period}-{lang}"] = render(Job(plan_dir=str(KONTUM), period=period, lang=lang, out=str(out),
                                                 formats=("slides",), timeout=300)).folder
    return {name: Presentation(folder / "slides.pptx") for name, folder in folders.items()}


def _boxes(slide):
    for shape in slide.shapes:
        if shape.has_text_frame and shape.text_frame.text.strip():
            yield shape


def test_every_text_fits_its_box_and_its_slide(decks):
    problems = []
    for name, deck in decks.items():
        for number, slide in enumerate(deck.slides, start=1):
            for shape in _boxes(slide):
                frame = shape.text_frame
                inner_w = shape.width - frame.margin_left - frame.margin_right
                inner_h = Emu(shape.height - frame.margin_top - frame.margin_bottom).pt
                if _needed(frame, inner_w) > inner_h + 0.5:
                    problems.append(f"{name} slide {number}: {frame.text[:50]!r} needs "
                                    f"{_needed(frame, inner_w):.0f} pt, has {inner_h:.0f}")
            for shape in slide.shapes:
                if shape.left < 0 or shape.top < 0 or shape.left + shape.width > deck.slide_width \
                        or shape.top + shape.height > deck.slide_height:
                    problems.append(f"{name} slide {number}: {shape.name} leaves the slide")
                if shape.has_table:
                    for row in shape.table.rows:
                        for cell, col in zip(row.cells, shape.table.columns):
                            w = col.width - cell.margin_left - cell.margin_right
                            need = _needed(cell.text_frame, w) + Emu(cell.margin_top + cell.margin_bottom).pt
                            if need > Emu(row.height).pt + 0.5:
                                problems.append(f"{name} slide {number}: cell {cell.text[:40]!r} needs {need:.0f} pt, "
                                                f"row has {Emu(row.height).pt:.0f}")
    assert problems == []


def test_no_box_runs_into_another(decks):
    """The issue's defect: the attention list ran into the 'Ước cả năm' paragraph and the lines printed over each
    other."""
    overlaps = []
    for name, deck in decks.items():
        for number, slide in enumerate(deck.slides, start=1):
            shapes = [s for s in slide.shapes if (s.has_text_frame and s.text_frame.text.strip()) or s.has_table
                      or s.shape_type == 13]
            for a, b in combinations(shapes, 2):
                if a.left < b.left + b.width and b.left < a.left + a.width and a.top < b.top + b.height \
                        and b.top < a.top + a.height:
                    overlaps.append(f"{name} slide {number}: {a.text_frame.text[:30] if a.has_text_frame else a.name!r}"
                                    f" / {b.text_frame.text[:30] if b.has_text_frame else b.name!r}")
    assert overlaps == []


def test_a_long_list_is_split_over_slides_not_crammed(decks, kontum):
    """A 43-item list is not one slide: every target of Kon Tum without a figure (as if none had come in) goes on
    as many slides as its measured columns need, each box fitting; and the 13 flows are four charts of a slide."""
    import kpi
    from kpi.documents.pptx import HEIGHT, WIDTH, _no_data_slides

    plan, obs = kontum
    status = kpi.assess(plan, obs, "2021-Q3").assign(as_of="", status="no_data")
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    _no_data_slides(deck, status, "vi")
    titles = [next(_boxes(s)).text_frame.text for s in deck.slides]
    assert titles == ["Chỉ tiêu chưa có số liệu (43) — 1/2", "Chỉ tiêu chưa có số liệu (43) — 2/2"]
    listed = [p.text for s in deck.slides for box in list(_boxes(s))[1:] for p in box.text_frame.paragraphs]
    assert listed == list(status["name"])
    for slide in deck.slides:
        for box in list(_boxes(slide))[1:]:
            frame = box.text_frame
            inner_h = Emu(box.height - frame.margin_top - frame.margin_bottom).pt
            assert _needed(frame, box.width - frame.margin_left - frame.margin_right) <= inner_h + 0.5
            assert box.top + box.height <= deck.slide_height
    titles = [next(_boxes(s)).text_frame.text for s in list(decks["2021-08-vi"].slides)[1:]]
    flows = [t for t in titles if t.startswith("Tiến độ các chỉ tiêu lũy kế")]
    assert len(flows) == 4 and flows[0].endswith("(1/4)")  # four bars at most a slide at 14 pt, two-line names
    # the takeaway names one target (investment, its 6-month figure current at 8 months): under the first part
    # only, not over charts that do not show it
    parts = [s for s in list(decks["2021-08-vi"].slides)[1:]
             if next(_boxes(s)).text_frame.text.startswith("Tiến độ các chỉ tiêu lũy kế")]
    texts = [[b.text_frame.text for b in _boxes(s)][1:-1] for s in parts]   # between the title and the slide number
    assert texts[0] == ["Tổng vốn đầu tư toàn xã hội 6 tháng năm 2021 ước đạt hơn 8.797 tỷ đồng, bằng hơn 43,9% "
                        "kế hoạch năm; chưa đủ căn cứ để đánh giá."]
    assert texts[1:] == [[], [], []]


def test_charts_are_placed_at_the_size_they_were_drawn_for_the_slide(decks):
    """A picture drawn for the slide (text 14 pt or more) is placed at its own size: not scaled down."""
    for name, deck in decks.items():
        pictures = [s for slide in deck.slides for s in slide.shapes if s.shape_type == 13]
        assert pictures, name
        for pic in pictures:
            with Image.open(io.BytesIO(pic.image.blob)) as im:
                drawn_in = im.size[0] / im.info["dpi"][0]
            assert pic.width.inches / drawn_in == pytest.approx(1, abs=0.002), (name, pic.name)
            assert im.info["dpi"][0] == pytest.approx(300, abs=1)


def test_the_deck_is_in_arial_with_numbers_and_the_report_colours(decks):
    for name, deck in decks.items():
        slides = list(deck.slides)
        fonts = {r.font.name for s in slides for shape in s.shapes
                 for frame in ([shape.text_frame] if shape.has_text_frame else
                               [c.text_frame for row in shape.table.rows for c in row.cells] if shape.has_table else [])
                 for p in frame.paragraphs for r in p.runs}
        assert fonts == {"Arial"}, name
        for number, slide in enumerate(slides[1:], start=2):  # every slide but the title has its number
            fields = slide.shapes._spTree.findall(f".//{qn('a:fld')}")
            assert [(f.get("type"), f.findtext(qn("a:t"))) for f in fields] == [("slidenum", str(number))]
        heads = [shape.table.cell(0, 0) for s in slides for shape in s.shapes if shape.has_table
                 and len(shape.table.columns) == 5]
        assert heads and all(str(c.fill.fore_color.rgb) == HEADER_FILL.lstrip("#").upper() for c in heads)
