"""Charts take data, return the Axes, and label in the reader's language and number format."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from kpi.story import charts  # noqa: E402
from kpi.assessment.engine import history  # noqa: E402


@pytest.fixture(scope="module")
def quarters(kontum):
    plan, obs = kontum
    return history(plan, obs, "2021-Q4")


def test_trend_shows_figures_and_target(quarters, kontum):
    _, obs = kontum
    ax = charts.trend(quarters, "grdp_growth", observations=obs)
    # last year's year-end figure first (grey, below the point: the plan's line at 10 runs just above it)
    assert [t.get_text() for t in ax.texts] == ["9,39", "6,79", "6,47", "Số liệu đến năm 2021 · đơn vị: %"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Năm 2020", "3 tháng\nnăm 2021", "6 tháng\nnăm 2021", "9 tháng\nnăm 2021",
                                                            "Năm 2021"]
    assert ax.texts[0].get_va() == "top" and ax.texts[1].get_va() == "baseline"
    # the legend names what is drawn: the plan, the line, the verdict of each coloured point (6 tháng: 6,79 is
    # off track; the year: 6,47 is missed) and the hollow base point
    assert [t.get_text() for t in ax.figure.legends[0].get_texts()] == [
        "Kế hoạch: trên 10%", "Thực hiện", "Chậm tiến độ", "Không đạt", "Năm trước (gốc so sánh)"]
    assert ax.get_title(loc="left") == "Tốc độ tăng trưởng GRDP so với kế hoạch"
    assert ax.get_ylim() == pytest.approx((0, 10 + 0.35 * (10 - 6.47)))  # a growth rate keeps 0 on its axis
    ax.figure.canvas.draw()
    assert all("." not in t.get_text() for t in ax.get_yticklabels())
    plt.close(ax.figure)


def test_trend_of_a_level_takes_its_axis_from_the_figures_and_the_band(quarters):
    ax = charts.trend(quarters, "population")  # plan: about 567,000 ± 1%; 568,780 at the year end
    low, high = 567_000 * 0.99, 567_000 * 1.01
    span = high - low
    assert ax.get_ylim() == pytest.approx((low - 0.2 * span, high + 0.35 * span))
    assert [t.get_text() for t in ax.texts] == ["568.780", "Số liệu đến năm 2021 · đơn vị: người"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["3 tháng\nnăm 2021", "6 tháng\nnăm 2021", "9 tháng\nnăm 2021", "Năm 2021"]
    plt.close(ax.figure)


def test_trend_value_labels_stay_inside_the_axes(quarters):
    ax = charts.trend(quarters, "health_insurance", lang="en")  # 92 against at least 92.5
    assert ax.get_ylim() == pytest.approx((92 - 0.2 * 0.5, 92.5 + 0.35 * 0.5))
    assert [t.get_text() for t in ax.texts] == ["92", "Figures up to year 2021 · unit: %"]
    ax.figure.canvas.draw()
    label = ax.texts[0].get_window_extent()
    box = ax.get_window_extent()
    assert box.y0 <= label.y0 and label.y1 <= box.y1
    plt.close(ax.figure)


def test_trend_of_a_flow_says_how_its_expected_progress_was_set(kontum):
    plan, obs = kontum
    steps = history(plan, obs, "2021-Q3")
    ax = charts.trend(steps, "budget_revenue")
    assert ax.texts[-1].get_text() == ("Số liệu đến 9 tháng năm 2021 · đơn vị: tỷ đồng\n"
                                       "Tiến độ cần đạt tính theo tiến độ các năm 2019, 2020 (trung vị).")
    plt.close(ax.figure)
    ax = charts.trend(steps, "new_fruit_trees", lang="en")  # no earlier season, no profile: time elapsed by September
    assert ax.texts[-1].get_text().endswith("\nExpected progress from time elapsed (9/12 months).")
    plt.close(ax.figure)
    ax = charts.trend(history(plan, obs, "2021-Q3", lang="en"), "new_medicinal_plants", lang="en")  # rainy season
    assert " ".join(ax.texts[-1].get_text().split()).endswith(
        "Expected progress from the plan's declared profile: rainy season May-October, equal shares (the office's "
        "assumption).")
    ax.figure.canvas.draw()  # a long basis wraps inside the figure rather than widening it
    assert ax.texts[-1].get_window_extent().x1 <= ax.figure.bbox.x1
    plt.close(ax.figure)


def test_structure_marks_each_share_against_its_band(quarters):
    status = quarters[quarters.period == "2021-Q4"]
    about = status[status.indicator == "forest_cover"].assign(group="economy", rule_kind="about", target_low=62.0,
                                                               target_high=64.0)  # a band, but not a share's
    assert charts.structure_rows(pd.concat([status, about]))["indicator"].tolist() == [
        "share_agriculture", "share_industry", "share_services"]
    fig, ax = plt.subplots()
    assert charts.structure(status, ax=ax) is ax
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "Tỷ trọng nông, lâm nghiệp và thủy sản", "Tỷ trọng công nghiệp và xây dựng", "Tỷ trọng dịch vụ"]
    assert [t.get_text() for t in ax.texts] == [
        "20,19% · Không đạt", "Kế hoạch 21–22%", "28,64% · Đạt", "Kế hoạch 28–29%", "42,61% · Không đạt",
        "Kế hoạch 43–44%", "Số liệu đến năm 2021 · đơn vị: % GRDP"]
    assert ax.get_xlim() == pytest.approx((20.19 - 5, 44 + 5))
    assert ax.get_ylim() == (2.5, -0.5)  # three rows; each holds its words above and under its band
    plt.close(fig)


def test_structure_words_never_cover_a_band(quarters):
    """The issue's defect: the figure's words and the plan's words were drawn over the bands."""
    ax = charts.structure(quarters[quarters.period == "2021-Q4"])
    ax.figure.draw_without_rendering()
    renderer = ax.figure.canvas.get_renderer()
    bands = [p.get_window_extent(renderer) for p in ax.patches]
    words = [t.get_window_extent(renderer) for t in ax.texts[:-1]]  # the heading aside
    assert len(bands) == 3 and len(words) == 6
    assert not [(w, b) for w in words for b in bands if w.overlaps(b)]
    plt.close(ax.figure)


def test_bullet_one_row_per_flow_with_expected_marker(quarters):
    status = quarters[quarters.period == "2021-Q3"]
    ax = charts.bullet(status, lang="en")
    flows = status[status.measure == "flow"]
    assert len(ax.get_yticklabels()) == len(flows) == 13
    texts = [t.get_text() for t in ax.texts]
    assert "57.1%" in texts and "45.0% (6 months)" in texts and texts.count("no data") == 5  # exports has its 8-month figure
    assert ax.get_title(loc="left") == "Progress of cumulative targets"
    assert " ".join(texts[-1].split()) == ("Figures up to 9 months 2021 · unit: % of the annual plan Expected progress from the median "
                         "season of 2019, 2020; time elapsed (9/12 months); the plan's declared profile: mùa mưa tháng "
                         "5-10, chia đều (giả định của cơ quan); counted only at year end.")  # the frame's note: vi
    assert ax.get_xlim() == (0, 105)
    plt.close(ax.figure)


def test_scorecard_keeps_targets_with_data_and_counts_the_rest(quarters):
    ax = charts.scorecard(quarters)
    assert len(ax.get_yticklabels()) == 16  # targets with a figure in 2021
    assert ax.texts[-1].get_text() == ("Ô gạch chéo: kỳ đó chưa có số liệu, giữ đánh giá theo số liệu kỳ trước "
                                       "(ghi trong ngoặc).\n27 chỉ tiêu khác chưa có số liệu đến kỳ này.")
    assert [t.get_text() for t in ax.get_xticklabels()][-1] == "Năm 2021"
    plt.close(ax.figure)


def _cells(ax):
    """The scorecard's cell texts by (row name, column label)."""
    rows = [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()]  # a name is on up to two lines
    cols = [t.get_text() for t in ax.get_xticklabels()]
    return {(r, c): ax.texts[i * len(cols) + j].get_text() for i, r in enumerate(rows) for j, c in enumerate(cols)}


def test_scorecard_marks_stale_cells_with_their_period_and_a_hatch(kontum):
    ax = charts.scorecard(history(*kontum, "2021-Q4", lang="en"), lang="en")
    cells = _cells(ax)
    # fruit trees: 900 of 2000 by 6 months (at risk); no later figure, so 9 months and the year keep it
    # columns on two lines, the months over the year, so that nine or twelve of them stay apart
    assert [cells["New planting of fruit trees", c] for c in ("6 months\n2021", "9 months\n2021", "Year 2021")] == [
        "At risk", "At risk\n(6 months)", "At risk\n(6 months)"]
    assert cells["Exports", "9 months\n2021"] == "On track\n(8 months)"  # the 8-month figure at Q3
    assert cells["New planting of other medicinal plants", "Year 2021"] == "Off track\n(9 months)"
    # 11 stale cells: GRDP, investment, exports at Q3 (6 or 8 months); fruit trees, macadamia, ginseng at Q3 and Q4;
    # other medicinal plants at Q4; health insurance at Q4. Health insurance at Q3 is not stale: a level, published
    # yearly (the plan's calendar), so its 6-month figure is its current one until the year's is due
    assert cells["Health insurance coverage", "9 months\n2021"] == "Undetermined"
    assert cells["Health insurance coverage", "Year 2021"] == "Undetermined\n(6 months)"
    assert sum(1 for c in cells.values() if "\n(" in c) == 11
    assert sum(1 for p in ax.patches if p.get_hatch()) == 11
    assert ax.texts[-1].get_text().startswith("Hatched cell: no figure for that period; the verdict of the earlier "
                                              "figure (in brackets) is kept.\n")
    plt.close(ax.figure)


def test_scorecard_marks_approximate_cells(mini):
    import pandas as pd

    plan, obs = mini
    about = dict(indicator="revenue", period="2021-Q3", value=700.0, kind="estimate", qualifier="about", source="",
                 note="")
    # "khoảng 700" by Q3, when 2020 had 70%: 700 / 0.7 = 1000 meets "at least 1000", 665 / 0.7 = 950 would not
    quarters = history(plan, pd.concat([obs, pd.DataFrame([about])], ignore_index=True), "2021-Q4")
    cells = _cells(charts.scorecard(quarters))
    assert [cells["Thu ngân sách", c] for c in ("6 tháng\nnăm 2021", "9 tháng\nnăm 2021", "Năm 2021")] == [
        "Đúng tiến độ", "≈ Đúng tiến độ", "≈ Đúng tiến độ\n(9 tháng)"]
    ax = plt.gca()
    assert "\n≈: đánh giá theo số liệu ước khoảng, có thể khác khi có số liệu chính xác.\n" in ax.texts[-1].get_text()
    plt.close(ax.figure)


@pytest.fixture(scope="module")
def large(quarters):
    """The Kon Tum assessment copied twelve times under new ids: 516 targets a quarter (156 flows)."""
    import pandas as pd

    copies = [quarters.assign(indicator=quarters["indicator"] + f"_{k}", name=quarters["name"] + f" ({k})")
              for k in range(12)]
    return pd.concat(copies, ignore_index=True)


def test_most_in_need_keeps_plan_order_within_the_limit(quarters):
    status = quarters[quarters.period == "2021-Q3"]
    shown, more = charts.most_in_need(status, limit=len(status))
    assert more == 0 and list(shown["indicator"]) == list(status["indicator"])


def test_most_in_need_puts_the_worst_first_beyond_the_limit(quarters):
    status = quarters[quarters.period == "2021-Q3"]
    need = status[status.status.isin(["missed", "off_track", "at_risk", "undetermined"])]
    shown, more = charts.most_in_need(status, limit=len(need) + 1)
    assert more == len(status) - len(need) - 1
    rank = {"missed": 0, "off_track": 1, "at_risk": 2, "undetermined": 3}
    assert list(shown["status"])[:-1] == sorted(need["status"], key=rank.get)
    assert shown["status"].iloc[-1] not in rank  # then the first of the others, in plan order


def test_bullet_of_a_large_plan_draws_at_most_max_rows_and_counts_the_others(large):
    status = large[large.period == "2021-Q3"]
    flows = int((status.measure == "flow").sum())
    assert flows == 156 > charts.MAX_ROWS
    ax = charts.bullet(status, lang="en")
    assert len(ax.get_yticklabels()) == charts.MAX_ROWS
    assert ax.texts[-1].get_text().endswith(f"… and {flows - charts.MAX_ROWS} more targets, see the table.")
    # 13 lines of heading and legend and 3 a bar, of the theme's 8-pt text
    assert ax.figure.get_size_inches()[1] == pytest.approx((13 + 3 * charts.MAX_ROWS) * 8 / 72)
    plt.close(ax.figure)


def test_scorecard_of_a_large_plan_draws_at_most_max_rows_worst_first(large):
    ax = charts.scorecard(large)
    names = [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()]
    assert len(names) == charts.MAX_ROWS
    assert ax.texts[-1].get_text() == ("Ô gạch chéo: kỳ đó chưa có số liệu, giữ đánh giá theo số liệu kỳ trước "
                                       "(ghi trong ngoặc).\n324 chỉ tiêu khác chưa có số liệu đến kỳ này.\n"
                                       f"… và {16 * 12 - charts.MAX_ROWS} chỉ tiêu khác, xem bảng đánh giá.")
    last = large[large.period == "2021-Q4"].set_index("name")["status"]
    worst = {"missed", "off_track", "at_risk", "undetermined"}
    assert last[names[0]] in worst  # the worst at the year end come first
    plt.close(ax.figure)


def test_the_month_heatmap_names_every_period_one_way(kontum):
    plan, obs = kontum
    months = history(plan, obs, "2021-04")  # January to April, month by month
    for lang, columns, kept in (
            ("vi", ["1 tháng\nnăm 2021", "2 tháng\nnăm 2021", "3 tháng\nnăm 2021", "4 tháng\nnăm 2021"], "(3 tháng)"),
            ("en", ["1 month\n2021", "2 months\n2021", "3 months\n2021", "4 months\n2021"], "(3 months)")):
        ax = charts.scorecard(months, lang=lang)
        assert [t.get_text() for t in ax.get_xticklabels()] == columns
        cells = _cells(ax)
        budget = next(r for r, c in cells if r.startswith("Thu ngân sách"))
        # the 3-month figure (published for Q1) at 3 months is current; at 4 months, budget revenue being monthly,
        # it keeps its verdict, named by the months it covers, as the column is: never "(quý I)" beside "3 tháng"
        assert cells[budget, columns[2]] == ("Chậm tiến độ" if lang == "vi" else "Off track")
        assert cells[budget, columns[3]].endswith("\n" + kept)
        assert not any("quý" in text or "Q1" in text or "Tháng" in text for text in [*cells.values(), *columns])
        plt.close(ax.figure)


def test_cell_words_are_broken_between_words_or_hyphenated():
    assert charts.fill("Not yet due", 9) == "Not yet\ndue"
    assert charts.fill("Undetermined", 9) == "Undeterm-\nined"       # 8 letters and the hyphen, then the rest
    assert charts.fill("Undetermined", 5) == "Unde-\nterm-\nined"
    assert charts.fill("(3 months)", 8) == "(3\nmonths)"              # never '(3 mon' / 'ths)'
    assert charts.fill("Chưa kết luận", 8) == "Chưa kết\nluận"
    # a row's name: two lines at most, the second cut with an ellipsis
    assert charts._two_lines("State budget revenue in the province", 24) == "State budget revenue in\nthe province"
    assert charts._two_lines("Households of ethnic minorities lacking residential land", 24) == (
        "Households of ethnic\nminorities lacking resi…")
    assert charts._two_lines("Văn hóa - xã hội và môi trường của tỉnh", 10) == "Văn hóa -\nxã hội và…"


def test_the_month_heatmap_on_a_printed_page_keeps_its_words_apart(kontum):
    """8 months in English on the 165-mm page: the headers ran into each other ('3 months4 months') and cells broke
    words anywhere ('Undete' / 'rmined', '(3 mon' / 'ths)')."""
    from kpi.story.figures import PAGE

    plan, obs = kontum
    with PAGE.drawing():
        ax = charts.scorecard(history(plan, obs, "2021-08", lang="en"), lang="en", count=3)
        ax.figure.draw_without_rendering()
        heads = [t.get_window_extent() for t in ax.get_xticklabels()]
        assert len(heads) == 8 and not any(a.overlaps(b) for a, b in zip(heads, heads[1:]))
        cells = _cells(ax)
        assert cells["Total social investment", "8 months\n2021"] == "Undeter-\nmined"
        assert cells["State budget revenue in the province", "4 months\n2021"] == "Off\ntrack\n(3\nmonths)"
        width = ax.transData.transform((1, 0))[0] - ax.transData.transform((0, 0))[0]   # one column, in pixels
        assert max(t.get_window_extent().width for t in ax.texts[:24]) < width
    plt.close(ax.figure)
