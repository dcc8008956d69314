"""Saving a chart: PNG + SVG and the manifest; the PNG holds 300 dots per inch where it is printed widest."""
import json

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
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
