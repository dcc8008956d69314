"""Charts take data, return the Axes, and label in the reader's language and number format."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

import kpi  # noqa: E402
from kpi import charts  # noqa: E402
from kpi.assessment import history  # noqa: E402


@pytest.fixture(scope="module")
def quarters(kontum):
    plan, obs = kontum
    return history(plan, obs, "2021-Q4")


def test_trend_shows_figures_and_target(quarters):
    ax = charts.trend(quarters, "grdp_growth")
    labels = [t.get_text() for t in ax.texts]
    assert labels == ["6,79", "6,47"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Quý I/2021", "6 tháng 2021", "9 tháng 2021", "Năm 2021"]
    assert ax.get_legend().get_texts()[0].get_text() == "Kế hoạch: trên 10%"
    assert ax.get_title(loc="left") == "Tốc độ tăng trưởng GRDP so với kế hoạch"
    ax.figure.canvas.draw()
    assert all("." not in t.get_text() for t in ax.get_yticklabels())
    plt.close(ax.figure)


def test_structure_marks_each_share_against_its_band(quarters):
    status = quarters[quarters.period == "2021-Q4"]
    fig, ax = plt.subplots()
    assert charts.structure(status, ax=ax) is ax
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Tỷ trọng nông, lâm nghiệp và thủy sản", "Tỷ trọng công nghiệp và xây dựng", "Tỷ trọng dịch vụ"]
    texts = [t.get_text() for t in ax.texts]
    assert "20,19% · Không đạt" in texts and "28,64% · Đạt" in texts and "Kế hoạch 43–44%" in texts
    plt.close(fig)


def test_bullet_one_row_per_flow_with_expected_marker(quarters):
    status = quarters[quarters.period == "2021-Q3"]
    ax = charts.bullet(status, lang="en")
    flows = status[status.measure == "flow"]
    assert len(ax.get_yticklabels()) == len(flows) == 13
    texts = [t.get_text() for t in ax.texts]
    assert "57.1%" in texts and "45.0% (6 months)" in texts and texts.count("no data") == 5  # exports has its 8-month figure
    assert ax.get_title(loc="left") == "Progress of cumulative targets"
    plt.close(ax.figure)


def test_scorecard_keeps_targets_with_data_and_counts_the_rest(quarters):
    ax = charts.scorecard(quarters)
    assert len(ax.get_yticklabels()) == 16  # targets with a figure in 2021
    assert ax.texts[-1].get_text() == "27 chỉ tiêu khác chưa có số liệu đến kỳ này."
    assert [t.get_text() for t in ax.get_xticklabels()][-1] == "Năm 2021"
    plt.close(ax.figure)


def test_status_colours_differ_in_lightness():
    from matplotlib.colors import to_rgb

    def lightness(hex_colour):
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in to_rgb(hex_colour)]
        y = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
        return 116 * y ** (1 / 3) - 16

    values = sorted(lightness(c) for c in charts.STATUS_COLOURS.values())
    assert min(b - a for a, b in zip(values, values[1:])) >= 8
