"""Saving a chart: PNG + SVG and the manifest; the PNG holds 300 dots per inch where it is printed widest."""
import json

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402
from PIL import Image  # noqa: E402

from kpi.story.figures import read_manifest, save_figure  # noqa: E402


@pytest.mark.parametrize("inches, pixels", [
    (10.0, 1949),  # wider than the Word report's 165-mm column: 165 / 25.4 × 300 = 1948.8 pixels across
    (4.0, 1200),   # narrower: 300 dpi at its own size
])
def test_a_png_has_300_dpi_at_the_width_it_is_printed(tmp_path, inches, pixels):
    fig = plt.figure(figsize=(inches, 3))
    fig.text(0.02, 0.5, "x")
    fig.text(0.98, 0.5, "y", ha="right")  # the tight box spans the figure's width
    entry = save_figure(fig, "wide", tmp_path, caption="Hình", targets=["a"])
    plt.close(fig)
    with Image.open(tmp_path / "figures" / entry.png) as im:
        width, dpi = im.size[0], im.info["dpi"][0]
    assert width == pytest.approx(pixels, abs=25)  # the tight box trims a few pixels of edge
    printed_in = min(width / dpi, 165 / 25.4)  # where the Word report places it, as wide as it is or 165 mm
    assert width / printed_in >= 299
    assert (tmp_path / "figures" / "wide.svg").is_file()
    assert read_manifest(tmp_path / "figures") == [entry]
    assert json.loads((tmp_path / "figures" / "manifest.json").read_text(encoding="utf-8"))[0]["caption"] == "Hình"


def test_nothing_is_saved_without_an_output_folder(tmp_path):
    fig = plt.figure()
    assert save_figure(fig, "x", "") is None
    plt.close(fig)


def test_a_chart_saved_twice_gives_the_same_bytes(tmp_path):
    # re-rendering a past period must give the same files: no date in the SVG, clip-path and hatch ids from a fixed
    # salt (matplotlib draws them at random otherwise), a PNG with no time in it
    saved = []
    for run in ("first", "second"):
        fig, ax = plt.subplots(figsize=(4, 2))
        ax.bar([0, 1], [3, 5], hatch="///")
        ax.set_title("9 tháng năm 2021")
        entry = save_figure(fig, "bars", tmp_path / run)
        plt.close(fig)
        saved.append([(tmp_path / run / "figures" / f).read_bytes() for f in (entry.svg, entry.png)])
    assert saved[0] == saved[1]
    assert b"<dc:date>" not in saved[0][0] and b"clipPath" in saved[0][0]


# --- Each chart drawn for its medium at its final size (issue 20, point 5) --------------------------------------

from functools import partial  # noqa: E402

from matplotlib.text import Text  # noqa: E402

import kpi  # noqa: E402
from kpi.assessment.engine import history  # noqa: E402
from kpi.errors import KpiError  # noqa: E402
from kpi.story import charts  # noqa: E402
from kpi.story.figures import PAGE, SLIDE, _draw, _freeze, _parts_that_fit, medium, parts, save_for  # noqa: E402


def _smallest_placed(fig, m) -> float:
    """The smallest text of a figure where ``m`` places it: each Text artist's size × the placement's scale (a
    picture wider than the medium is scaled down to its width; one that fits is placed at its own size)."""
    with m.drawing():
        box = _freeze(fig)
    scale = min(1.0, m.width_in / box.width, m.height_in / box.height if m is SLIDE else 1.0)
    sizes = [t.get_fontsize() for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]
    return min(sizes) * scale


def _charts(kontum):
    """Every chart of the Kon Tum report (2021-Q3 and the month 2021-08), as functions, with their bar counts."""
    plan, obs = kontum
    out = []
    for period in ("2021-Q3", "2021-08"):
        status, steps = kpi.assess(plan, obs, period), history(plan, obs, period)
        out += [(f"trend {period}", partial(charts.trend, steps, "grdp_growth", observations=obs), 0),
                (f"flows {period}", partial(charts.bullet, status), int((status.measure == "flow").sum())),
                (f"scorecard {period}", partial(charts.scorecard, steps),
                 steps.loc[steps.as_of != "", "indicator"].nunique())]
    out.append(("structure", partial(charts.structure, kpi.assess(plan, obs, "2021-Q4")), 0))
    return out


@pytest.mark.slow   # draws every chart of the report, twice
@pytest.mark.parametrize("m", [PAGE, SLIDE], ids=["page", "slide"])
def test_no_chart_text_is_smaller_than_its_medium_allows_where_it_is_placed(kontum, m):
    """Print and Word: no text under 8 pt at 165 mm; a slide: none under 14 pt as projected. Before, the flows
    chart was drawn 10 in wide with 8-pt labels: 5.2 pt in Word, 5.5 pt on a slide."""
    import matplotlib.pyplot as plt

    found = {}
    for name, chart, rows in _charts(kontum):
        # as the report draws them: for a slide, split into parts that fit its height
        figures = _parts_that_fit(chart, m, rows) if m is SLIDE else [_draw(chart, m)]
        for k, fig in enumerate(figures, start=1):
            found[f"{name} {k}/{len(figures)}"] = round(_smallest_placed(fig, m), 2)
            plt.close(fig)
    assert {k: v for k, v in found.items() if v < m.min_pt} == {}
    assert min(found.values()) == m.min_pt  # the theme's text size is the smallest: nothing smaller, as set


def test_the_old_flows_chart_fails_the_measure():
    """The measure above catches the defect it names: the flows chart as drawn before (10 in wide, 8-pt labels)."""
    fig = plt.figure(figsize=(10, 8))
    fig.text(0.01, 0.5, "Thu ngân sách nhà nước", fontsize=8)
    fig.text(0.99, 0.5, "57,1%", fontsize=8, ha="right")  # the drawing spans its 10 inches
    # 8 pt × 165 mm / 10 in (less the tight box's trim): 5.2 pt, as the issue measured in Word
    assert _smallest_placed(fig, PAGE) == pytest.approx(8 * 6.496 / 10, abs=0.1)
    plt.close(fig)


def test_parts_split_evenly_the_larger_first():
    assert parts(5, 6) == [{}]
    assert parts(13, 6) == [{"first": 0, "count": 5}, {"first": 5, "count": 4}, {"first": 9, "count": 4}]
    assert parts(13, 4) == [{"first": 0, "count": 4}, {"first": 4, "count": 3}, {"first": 7, "count": 3},
                            {"first": 10, "count": 3}]


@pytest.mark.slow   # writes a 300-dpi PNG
def test_save_for_a_slide_writes_png_at_300_dpi_and_svg(tmp_path, kontum):
    plan, obs = kontum
    files = save_for(partial(charts.trend, history(plan, obs, "2021-Q3"), "grdp_growth", observations=obs), "slide",
                     tmp_path / "deck" / "grdp")
    assert [f.name for f in files] == ["grdp.svg", "grdp.png"]
    with Image.open(files[1]) as im:
        width_in, dpi = im.size[0] / im.info["dpi"][0], im.info["dpi"][0]
    assert dpi == pytest.approx(300, abs=1) and 12 < width_in <= SLIDE.width_in  # placed at its own size
    assert save_for(partial(charts.structure, kpi.assess(plan, obs, "2021-Q4")), "page",
                    tmp_path / "s.png") == [tmp_path / "s.png"]


def test_save_for_refuses_an_unknown_medium_or_format(tmp_path):
    with pytest.raises(KpiError, match=r"^unknown medium 'poster'; choose from 'page', 'slide'\.$"):
        medium("poster")
    with pytest.raises(KpiError, match=r"x\.pdf: a chart is saved as \.png or \.svg, not \.pdf; write e\.g\. x\.png, "
                                       r"or no suffix for both\."):
        save_for(plt.figure(), "slide", tmp_path / "x.pdf")


def test_bullet_legend_names_only_what_is_drawn(kontum):
    """The issue's defects: a green swatch that matched no bar, 'Cùng kỳ năm trước' in the legend and not drawn."""
    plan, obs = kontum
    status = kpi.assess(plan, obs, "2021-Q3")
    ax = charts.bullet(status)
    labels = [t.get_text() for t in ax.figure.legends[0].get_texts()]
    flows = status[status.measure == "flow"]
    # drawn at Q3 (hand-checked in status.csv): budget and other medicinal plants off track (red), new-standard
    # communes not yet due (blue); investment, exports, fruit trees, macadamia, ginseng from an earlier period
    assert labels == ["Chậm tiến độ", "Chưa đến kỳ", "Số liệu kỳ trước", "Tiến độ cần đạt", "Ước cả năm",
                      "Kế hoạch (100%)"]
    assert flows["last_year"].isna().all() and "Cùng kỳ năm trước" not in labels
    swatches = {p.get_facecolor() for p in ax.figure.legends[0].get_patches()}
    bars = {p.get_facecolor() for p in ax.patches}
    assert swatches <= bars  # every swatch is the colour of a bar drawn
    plt.close(ax.figure)


def test_a_quarterly_target_in_a_month_report_is_drawn_at_its_quarters(kontum):
    """2021-08: GRDP is published by quarter; its axis was eight months whose labels ran into each other."""
    plan, obs = kontum
    ax = charts.trend(history(plan, obs, "2021-08"), "grdp_growth", observations=obs)
    # the year's base, then the two quarters on file (main names the first quarter '3 tháng năm 2021'), each label
    # on two lines; not the eight months 1-8
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Năm 2020", "3 tháng\nnăm 2021", "6 tháng\nnăm 2021"]
    ax.figure.draw_without_rendering()
    boxes = [t.get_window_extent() for t in ax.get_xticklabels()]
    assert not any(a.overlaps(b) for a, b in zip(boxes, boxes[1:]))
    plt.close(ax.figure)


def _placed_in_word(tmp_path, kontum, chart, name):
    """(drawn, placed) widths in mm of a page chart in the Word report."""
    from docx import Document

    from kpi.documents.docx import write_docx

    plan, obs = kontum
    status = kpi.assess(plan, obs, "2021-Q3")
    png, = save_for(chart, "page", tmp_path / f"{name}.png")
    with Image.open(png) as im:
        drawn_mm = im.size[0] / im.info["dpi"][0] * 25.4
    path = write_docx(plan, status, [{"name": name, "png": png, "caption": "Hình", "targets": list(status.indicator)}],
                      tmp_path / f"{name}.docx")
    shape, = Document(path).inline_shapes
    return drawn_mm, shape.width.mm


def test_word_places_a_page_chart_at_the_size_it_was_drawn(tmp_path, kontum):
    """In Word the chart is placed at its own width (at most 165 mm): its 8-pt text stays 8 pt."""
    plan, obs = kontum
    drawn, placed = _placed_in_word(tmp_path, kontum, partial(charts.trend, history(plan, obs, "2021-Q3"),
                                                              "grdp_growth", observations=obs), "trend")
    assert placed == pytest.approx(drawn, abs=0.1) and drawn <= 165.5


@pytest.mark.slow   # draws the 13-flow chart for the page, then in parts
def test_word_prints_a_tall_page_chart_in_parts_at_the_size_they_were_drawn(tmp_path, kontum):
    """The 13 flows at Q3, drawn 165 mm wide for the page, are about 138 mm tall: Word shrank the picture to its
    90-mm cap, 99 mm wide, its 8-pt text printed at about 4.9 pt. Now the chart is also drawn in parts no taller than
    PRINT_HEIGHT_MM, each placed at its own size under the figure's one number."""
    from docx import Document

    from kpi.documents.docx import write_docx
    from kpi.story.figures import PRINT_HEIGHT_MM, read_manifest, save_figure

    plan, obs = kontum
    status = kpi.assess(plan, obs, "2021-Q3")
    assert (status.measure == "flow").sum() == 13
    entry = save_figure(partial(charts.bullet, status), "flows", tmp_path, caption="Tiến độ", targets=["budget_revenue"],
                        rows=13)
    assert entry == read_manifest(tmp_path / "figures")[0]
    # 5, 4 and 4 bars: 82, 73 and 73 mm tall (title, notes and legend in each); 7 and 6 bars would be 96 mm
    assert entry.prints == ("page/flows-1.png", "page/flows-2.png", "page/flows-3.png")
    with Image.open(tmp_path / "figures" / entry.png) as im:
        assert im.size[1] / im.info["dpi"][1] * 25.4 > 120           # the whole chart, for the HTML and the PDF
    sizes = []
    for part in entry.prints:
        with Image.open(tmp_path / "figures" / part) as im:
            sizes.append((im.size[0] / im.info["dpi"][0] * 25.4, im.size[1] / im.info["dpi"][1] * 25.4))
    assert all(h <= PRINT_HEIGHT_MM + 0.5 and 160 < w <= 165.5 for w, h in sizes)
    path = write_docx(plan, status, [{"name": "flows", "png": tmp_path / "figures" / entry.png, "caption": "Tiến độ",
                                      "targets": ["budget_revenue"],
                                      "prints": [tmp_path / "figures" / x for x in entry.prints]}],
                      tmp_path / "flows.docx")
    doc = Document(path)
    assert [round(s.width.mm, 1) for s in doc.inline_shapes] == [round(w, 1) for w, _ in sizes]
    captions = [p for p in doc.paragraphs if p.style.name == "Caption"]
    assert [p.text for p in captions] == ["Hình 1. Tiến độ (1/3)", "Hình 1. Tiến độ (2/3)", "Hình 1. Tiến độ (3/3)"]
    fields = [" ".join(t.text for t in p._p.iter(qn("w:instrText"))).strip() for p in captions]
    assert fields == ["SEQ Hình \\* ARABIC"] + ["SEQ Hình \\* ARABIC \\c"] * 2   # the parts repeat the number


def test_a_chart_that_fits_the_printed_page_is_not_drawn_in_parts(tmp_path, kontum):
    plan, obs = kontum
    from kpi.story.figures import save_figure

    entry = save_figure(partial(charts.structure, kpi.assess(plan, obs, "2021-Q3")), "structure", tmp_path, rows=3)
    assert entry.prints == () and not (tmp_path / "figures" / "page").exists()
