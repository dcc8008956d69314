"""The one-page summary for leaders: counts, the five targets most in need with their numbers, the projection."""
import kpi
from kpi.story.summary import summarise, summary


def test_summary_at_nine_months(kontum):
    plan, obs = kontum
    s = summarise(kpi.assess(plan, obs, "2021-Q3"))
    # not due: the 28 levels with no figure (published yearly) and new_rural_communes (counted at the year end);
    # no data: the five quarterly flows with no figure (private investment, enterprises, value chains, forest, tourists)
    assert s.counts == (("on_track", 1), ("at_risk", 1), ("off_track", 5), ("undetermined", 2), ("not_due", 29),
                        ("no_data", 5))
    assert [p.indicator for p in s.points] == ["grdp_growth", "budget_revenue", "new_macadamia", "new_ginseng",
                                               "new_medicinal_plants"]
    # 2000 / 0.7374 (the median share of 2019-2020 by September) = 2712; 2712 / 3500 = 77.5%
    assert s.points[1].text == (
        "Thu ngân sách nhà nước trên địa bàn 9 tháng năm 2021 ước đạt khoảng 2.000 tỷ đồng, bằng khoảng 57,1% kế hoạch năm, "
        "chậm hơn tiến độ cần đạt đến thời điểm này (74%), quý còn lại cần 1.500 tỷ đồng; chậm tiến độ, dự kiến không "
        "đạt kế hoạch năm. Ước cả năm 2.712 tỷ đồng (77,5% kế hoạch).")
    assert s.points[0].projection == ""  # a figure of an earlier period is not projected
    assert s.projection == ("Theo ước tính đến cuối năm: 1 chỉ tiêu đạt kế hoạch, 1 có nguy cơ không đạt, 5 không "
                            "đạt, 2 chưa đủ căn cứ kết luận. Trong đó 6 chỉ tiêu ước từ số liệu kỳ trước. 5 chỉ tiêu "
                            "chưa có số liệu. 29 chỉ tiêu chưa đến kỳ đánh giá.")
    # 6 from an earlier period's figure: GRDP growth, investment (6 months), exports (8 months), fruit trees,
    # macadamia, ginseng (6 months); health insurance's 6-month figure is current (published yearly)


def test_year_end_summary_judges_current_figures_only(kontum):
    plan, obs = kontum
    s = summarise(kpi.assess(plan, obs, "2021-Q4", lang="en"), "en")
    # exports (290 against 162) and investment ("hơn 20.000" against "trên 20.000") are beyond their plans
    assert s.projection == ("The year's result: 7 of 43 met or exceeded, 2 of them exceeded, 4 missed. Only an "
                            "earlier period's figure, so the year is not judged: 5. No figure yet: 27.")


def test_summary_html_is_escaped_and_breaks_the_page(kontum):
    plan, obs = kontum
    status = kpi.assess(plan, obs, "2021-Q3")
    status.loc[status.indicator == "budget_revenue", "name"] = "<script>alert(1)</script>"
    html = summary(status)
    assert html.startswith('<section class="summary"><h2>Tóm tắt</h2>')
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>" not in html
    assert html.count("<li>") == 5 and "<h3>5 chỉ tiêu cần chú ý nhất</h3>" in html
    from kpi.documents.html import CSS

    assert "section.summary { break-after: page;" in CSS


def test_a_projection_from_an_earlier_figure_names_its_period(kontum):
    """Exports at 9 months: the 8-month figure 159,5 of 162 million USD runs to 239,3 (147,7% of plan); the summary
    counts it among the targets on course, so the sentence gives the projection and the period it rests on."""
    from kpi.story.summary import projection_clause

    plan, obs = kontum
    row = kpi.assess(plan, obs, "2021-Q3").set_index("indicator").loc["exports"]
    assert (row.as_of, row.stale, row.status) == ("2021-08", True, "on_track")
    # 159,5 / 162 = 98,5% by August, against a season (2019-2020) that had reached 2/3 of the year: 159,5 / 0,6667
    # 159,5 / (2/3) = 239,25 ≈ 239; 239,25 / 162 = 147,7%
    assert projection_clause(row) == "Ước cả năm 239 triệu USD (147,7% kế hoạch), theo số liệu 8 tháng năm 2021."


def test_an_english_rule_of_one_takes_the_singular():
    from kpi.model.rules import AtLeast

    assert AtLeast(1).text("products", "en") == "at least 1 product"
    assert AtLeast(2).text("products", "en") == "at least 2 products"
