"""The report's HTML text blocks as a unit: takeaway sentences, chips, tables, notes, headline; all escaped."""
import math

import pandas as pd
import pytest

import kpi
from kpi.story import sections as S
from _loaded import load
from conftest import FIXTURES

nan = math.nan


def _row(**kw):
    """An assessed target as the sections read it (a flow of 1000 tỷ đồng on track at Q2 unless told)."""
    row = dict(name="Thu ngân sách", indicator="revenue", measure="flow", actual=500.0, unit="tỷ đồng",
               qualifier="", rule_kind="at_least", rule_a=1000.0, rule_b=nan, as_of="2021-Q2", period="2021-Q2", stale=False,
               attainment_pct=50.0, expected_pct=45.0, status="on_track", approximate=False)
    return row | kw


# --- takeaway sentences ----------------------------------------------------------------------------------
@pytest.mark.parametrize("row, vi, en", [
    # a current flow in the year: the figure with its unit, its share of the annual plan, against the expected
    # progress, the verdict woven in
    (_row(), "Thu ngân sách 6 tháng năm 2021 đạt 500 tỷ đồng, bằng 50,0% kế hoạch năm, nhanh hơn tiến độ cần đạt đến "
     "thời điểm này (45%); dự kiến đạt kế hoạch năm.",
     "Thu ngân sách, 6 months 2021: 500 tỷ đồng, 50.0% of the annual plan, ahead of the 45% expected by now; on "
     "course to meet the annual plan."),
    # an estimate, at risk: what the quarters left must bring, (1000 − 220) / 3 = 260 a quarter
    (_row(actual=220.0, kind="estimate", attainment_pct=22.0, expected_pct=25.0, as_of="2021-Q1", period="2021-Q1",
          status="at_risk", required_pace=260.0),
     "Thu ngân sách 3 tháng năm 2021 ước đạt 220 tỷ đồng, bằng 22,0% kế hoạch năm, chậm hơn tiến độ cần đạt đến thời điểm "
     "này (25%), 3 quý còn lại cần bình quân 260 tỷ đồng mỗi quý; có nguy cơ không đạt kế hoạch năm.",
     "Thu ngân sách, 3 months 2021: an estimated 220 tỷ đồng, 22.0% of the annual plan, behind the 25% expected by now, "
     "the 3 quarters left need 260 tỷ đồng a quarter on average; at risk of missing the annual plan."),
    (_row(actual=450.0, attainment_pct=45.0, expected_pct=45.0),  # level with the expected progress: not behind
     "Thu ngân sách 6 tháng năm 2021 đạt 450 tỷ đồng, bằng 45,0% kế hoạch năm, nhanh hơn tiến độ cần đạt đến thời điểm "
     "này (45%); dự kiến đạt kế hoạch năm.",
     "Thu ngân sách, 6 months 2021: 450 tỷ đồng, 45.0% of the annual plan, ahead of the 45% expected by now; on "
     "course to meet the annual plan."),
    # met and exceeded in the year: said once, no progress to compare with
    (_row(actual=1000.0, attainment_pct=100.0, status="met"),
     "Thu ngân sách 6 tháng năm 2021 đạt 1.000 tỷ đồng, bằng 100,0% kế hoạch năm; đã đạt kế hoạch năm.",
     "Thu ngân sách, 6 months 2021: 1,000 tỷ đồng, 100.0% of the annual plan; the annual plan is already met."),
    (_row(actual=1100.0, attainment_pct=110.0, status="exceeded"),
     "Thu ngân sách 6 tháng năm 2021 đạt 1.100 tỷ đồng, bằng 110,0% kế hoạch năm; đã vượt kế hoạch năm.",
     "Thu ngân sách, 6 months 2021: 1,100 tỷ đồng, 110.0% of the annual plan; the annual plan is already exceeded."),
    # "khoảng x" whose verdict x ± 5% could change: the bound word, and why the verdict is approximate
    (_row(actual=460.0, qualifier="about", attainment_pct=46.0, approximate=True),
     "Thu ngân sách 6 tháng năm 2021 đạt khoảng 460 tỷ đồng, bằng khoảng 46,0% kế hoạch năm, nhanh hơn tiến độ cần đạt "
     "đến thời điểm này (45%); dự kiến đạt kế hoạch năm (đánh giá gần đúng do số liệu ước khoảng).",
     "Thu ngân sách, 6 months 2021: about 460 tỷ đồng, about 46.0% of the annual plan, ahead of the 45% expected by "
     "now; on course to meet the annual plan (an approximate call, the figure being approximate)."),
    # "hơn x" that straddles the rule: too vague to compare, said once
    (_row(qualifier="more_than", status="undetermined"),
     "Thu ngân sách 6 tháng năm 2021 đạt hơn 500 tỷ đồng, bằng hơn 50,0% kế hoạch năm; chưa đủ căn cứ để đánh giá.",
     "Thu ngân sách, 6 months 2021: more than 500 tỷ đồng, more than 50.0% of the annual plan; too vague to judge."),
    # a stale flow: no figure for the period, said once, then the latest figure and the verdict it gives
    (_row(period="2021-Q3", stale=True, expected_pct=70.0),
     "Thu ngân sách: chưa có số liệu 9 tháng năm 2021; số liệu gần nhất là 6 tháng năm 2021: đạt 500 tỷ đồng, bằng 50,0% "
     "kế hoạch năm; dự kiến đạt kế hoạch năm.",
     "Thu ngân sách: no figure for 9 months 2021 yet; the latest is of 6 months 2021: 500 tỷ đồng, 50.0% of the "
     "annual plan; on course to meet the annual plan."),
    # a flow counted only at the year end, before it: no verdict, no contradiction
    (_row(name="Xã nông thôn mới", actual=1.0, unit="xã", rule_a=8.0, attainment_pct=12.5, expected_pct=0.0,
          as_of="2021-Q3", period="2021-Q3", status="not_due"),
     "Xã nông thôn mới 9 tháng năm 2021 đạt 1 xã, bằng 12,5% kế hoạch năm; chỉ tiêu đánh giá vào cuối năm.",
     "Xã nông thôn mới, 9 months 2021: 1 xã, 12.5% of the annual plan; judged at the year end."),
    # the year end: the verdict itself, the share of "kế hoạch" (not of a year's plan: it is the year)
    (_row(actual=1040.0, attainment_pct=104.0, expected_pct=100.0, as_of="2021-Q4", period="2021-Q4",
          status="exceeded"),
     "Thu ngân sách năm 2021 đạt 1.040 tỷ đồng, bằng 104,0% kế hoạch; vượt kế hoạch.",
     "Thu ngân sách, year 2021: 1,040 tỷ đồng, 104.0% of the plan; the plan is exceeded."),
    # January keeps its capital in English, not in Vietnamese
    (_row(actual=40.0, as_of="2021-01", period="2021-01", expected_pct=5.0, attainment_pct=4.0, status="at_risk"),
     "Thu ngân sách 1 tháng năm 2021 đạt 40 tỷ đồng, bằng 4,0% kế hoạch năm, chậm hơn tiến độ cần đạt đến thời điểm này "
     "(5%); có nguy cơ không đạt kế hoạch năm.",
     "Thu ngân sách, 1 month 2021: 40 tỷ đồng, 4.0% of the annual plan, behind the 5% expected by now; at risk of "
     "missing the annual plan."),
    # a month, with the same period a year earlier: 450 / 400 = +12,5%
    (_row(actual=450.0, as_of="2021-05", period="2021-05", expected_pct=40.0, attainment_pct=45.0, last_year=400.0),
     "Thu ngân sách 5 tháng năm 2021 đạt 450 tỷ đồng, bằng 45,0% kế hoạch năm, tăng 12,5% so với cùng kỳ năm trước, "
     "nhanh hơn tiến độ cần đạt đến thời điểm này (40%); dự kiến đạt kế hoạch năm.",
     "Thu ngân sách, 5 months 2021: 450 tỷ đồng, 45.0% of the annual plan, up 12.5% on the same period last year, "
     "ahead of the 40% expected by now; on course to meet the annual plan."),
    # a level under a cap: where it stands, the plan in brackets; a rate a year earlier in percentage points
    (_row(name="Trẻ em thấp còi", measure="level", actual=31.0, unit="%", rule_kind="below", rule_a=30.0,
          attainment_pct=nan, expected_pct=nan, status="at_risk", last_year=32.5),
     "Trẻ em thấp còi 6 tháng năm 2021 ở mức 31% (kế hoạch dưới 30%), giảm 1,5 điểm phần trăm so với cùng kỳ năm trước; "
     "có nguy cơ không đạt kế hoạch năm.",
     "Trẻ em thấp còi, 6 months 2021: 31% (plan: below 30%), down 1.5 percentage points on the same period last "
     "year; at risk of missing the annual plan."),
    # "gần x" (a level): the figure, no change on a year earlier (a bound says too little for it)
    (_row(name="GRDP/người", measure="level", actual=47.0, unit="triệu đồng", rule_kind="above", rule_a=50.0,
          qualifier="less_than", attainment_pct=94.0, expected_pct=nan, as_of="2021-Q4", period="2021-Q4",
          status="missed", last_year=44.0),
     "GRDP/người năm 2021 đạt gần 47 triệu đồng (kế hoạch trên 50 triệu đồng); không đạt kế hoạch.",
     "GRDP/người, year 2021: nearly 47 triệu đồng (plan: above 50 triệu đồng); the plan is missed."),
    # a stale level
    (_row(name="Bảo hiểm y tế", measure="level", actual=92.0, unit="%", rule_kind="at_least", rule_a=92.5,
          qualifier="more_than", attainment_pct=nan, expected_pct=nan, period="2021-Q4", stale=True,
          status="undetermined"),
     "Bảo hiểm y tế: chưa có số liệu năm 2021; số liệu gần nhất là 6 tháng năm 2021: đạt hơn 92% (kế hoạch đạt 92,5%); "
     "chưa đủ căn cứ để đánh giá.",
     "Bảo hiểm y tế: no figure for year 2021 yet; the latest is of 6 months 2021: more than 92% (plan: at least "
     "92.5%); too vague to judge."),
    # a reduction: the level, the reduction on last year's end, the plan (10,29 − 6,29 = 4 points)
    (_row(name="Tỷ lệ hộ nghèo", measure="level", actual=6.29, unit="%", rule_kind="reduce_by", rule_a=4.0,
          baseline=10.29, attainment_pct=100.0, expected_pct=nan, as_of="2021-Q4", period="2021-Q4", status="met",
          kind="estimate"),
     "Tỷ lệ hộ nghèo năm 2021 ước còn 6,29%, giảm 4 điểm phần trăm so với cuối năm 2020 (kế hoạch giảm ít nhất 4 "
     "điểm phần trăm); đạt kế hoạch.",
     "Tỷ lệ hộ nghèo, year 2021: an estimated 6.29%, down 4 percentage points on the end of 2020 (plan: down by at "
     "least 4 percentage points); the plan is met."),
    # no data
    (_row(actual=nan, as_of="", status="no_data"), "Thu ngân sách: chưa có số liệu.", "Thu ngân sách: no figure yet."),
])
def test_takeaway_sentences(row, vi, en):
    assert S.takeaway(row, "vi") == vi
    assert S.takeaway(row) == vi
    assert S.takeaway(row, "en") == en
    assert S.takeaway(pd.Series(row), "vi") == vi  # a row of the assessment frame reads the same


def test_takeaways_of_the_bundled_assessment(kontum):
    plan, obs = kontum
    q3 = kpi.assess(plan, obs, "2021-Q3").set_index("indicator")
    # "khoảng 2000" of 3500 by 9 months = 57,1%; 73,7% expected (the season of 2019-2020); 2000 ± 5% runs to
    # 2577-2848, short either way; the last quarter must bring 3500 − 2000 = 1500
    assert S.takeaway(q3.loc["budget_revenue"]) == (
        "Thu ngân sách nhà nước trên địa bàn 9 tháng năm 2021 ước đạt khoảng 2.000 tỷ đồng, bằng khoảng 57,1% kế hoạch "
        "năm, chậm hơn tiến độ cần đạt đến thời điểm này (74%), quý còn lại cần 1.500 tỷ đồng; chậm tiến độ, dự kiến "
        "không đạt kế hoạch năm.")


# --- verdict text, figure and rule text ------------------------------------------------------------------
def test_verdict_text():
    assert S.verdict_text(_row(status="off_track")) == "chậm tiến độ"
    assert S.verdict_text(_row(status="off_track", approximate=True), "en") == "≈ off track"
    assert S.verdict_text(_row(status="at_risk", stale=True, as_of="2021-Q1")) == "có nguy cơ (số liệu 3 tháng)"
    assert S.verdict_text(_row(status="at_risk", stale=True, as_of="2021-05"), "en") == "at risk (figure for 5 months)"
    assert S.verdict_text(_row(status="off_track", stale=True, as_of="2021-Q2"), capital=True) == \
        "Chậm tiến độ (số liệu 6 tháng)"


@pytest.mark.parametrize("kind, a, b, unit, vi, en", [
    ("at_least", 1000, nan, "tỷ đồng", "đạt 1.000 tỷ đồng", "at least 1,000 tỷ đồng"),
    ("above", 10, nan, "%", "trên 10%", "above 10%"),                           # a percent sign, no space
    ("between", 21, 22, "%", "21–22%", "21–22%"),
    ("about", 567000, 1, "người", "khoảng 567.000 (±1%)", "about 567,000 (±1%)"),  # its own percent, no unit
    ("reduce_by", 4, nan, "%", "giảm ít nhất 4 điểm phần trăm", "down by at least 4 percentage points"),  # a rate's change
    ("at_most", 8, nan, "t", "không quá 8 t", "at most 8 t"),  # a unit that is a letter of the words is still said
    ("increase_by", 2.5, nan, "", "tăng ít nhất 2,5", "up by at least 2.5"),
])
def test_rule_text_from_the_rules_codes_and_numbers(kind, a, b, unit, vi, en):
    row = dict(rule_kind=kind, rule_a=float(a), rule_b=float(b), unit=unit)
    assert (S.rule_text(row), S.rule_text(row, "en")) == (vi, en)


def test_figure_text():
    assert S.figure_text(_row(actual=20000.0, qualifier="more_than")) == "hơn 20.000 tỷ đồng"
    assert S.figure_text(_row(actual=63.1, unit="%"), "en") == "63.1%"
    assert S.figure_text(_row(actual=nan)) == "—"


# --- chips ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("status, lang, approximate, expected", [
    ("met", "vi", False, '<span class="status status-met" style="background:#1a5e2e;color:#ffffff">Đạt</span>'),
    ("at_risk", "en", False,
     '<span class="status status-at_risk" style="background:#f5d04c;color:#222222">At risk</span>'),
    ("on_track", "vi", True,
     '<span class="status status-on_track" style="background:#85cc88;color:#222222">≈ Đúng tiến độ</span>'),
    ("no_data", "en", False,
     '<span class="status status-no_data" style="background:#ececec;color:#222222">No data</span>'),
])
def test_chip(status, lang, approximate, expected):
    assert S.chip(status, lang, approximate=approximate) == expected
    assert S.row_chip(dict(status=status, approximate=approximate), lang) == expected


def test_chip_of_a_row_without_the_approximate_column():
    assert S.row_chip(dict(status="met")) == S.chip("met")


# --- hostile texts are shown as text ------------------------------------------------------------------------
@pytest.fixture(scope="module")
def hostile():
    """The escaping fixture assessed at Q1: a target named <script>, another named with quotes and &."""
    plan, obs = load(FIXTURES / "escaping")
    return plan, kpi.assess(plan, obs, "2021-Q1")


def test_scorecard_table_escapes_names_and_units(hostile):
    _, status = hostile
    html = S.scorecard_table(status)
    assert isinstance(html, S.Html) and html._repr_html_() == str(html)
    # revenue: 30 of 100 by Q1, linear 25% expected, 30 / 0.25 = 120
    assert ('<tr data-indicator="revenue" data-status="on_track"><td class="name">&lt;script&gt;alert(1)&lt;/script&gt;'
            '</td><td>đạt 100 tỷ &lt;u&gt;đồng&lt;/u&gt;</td><td class="num">30 tỷ &lt;u&gt;đồng&lt;/u&gt;</td>'
            '<td>3 tháng năm 2021</td><td class="num">30,0%</td><td class="num">25%<br><small class="basis">3/12 tháng'
            '</small></td>'
            '<td class="num">120 tỷ &lt;u&gt;đồng&lt;/u&gt;</td><td><span class="status status-on_track" '
            'style="background:#85cc88;color:#222222">Đúng tiến độ</span></td></tr>') in html
    # cover: a level has no expected progress or projection
    assert ('<tr data-indicator="cover" data-status="on_track"><td class="name">Che phủ &quot;rừng&quot; &amp; '
            '&#x27;đất&#x27;</td><td>trên 50%</td><td class="num">55%</td><td>3 tháng năm 2021</td>'
            '<td class="num">110,0%</td><td class="num"></td><td class="num"></td>') in html
    assert "<script" not in html and "<u>" not in html
    assert html.count("<tr data-indicator=") == 2
    assert '<th colspan="8">Kinh tế</th>' in html and '<th colspan="8">Văn hóa - xã hội và môi trường</th>' in html


def test_scorecard_table_selected_groups_and_hostile_group(hostile):
    _, status = hostile
    only = S.scorecard_table(status, groups=["society"])
    assert 'data-indicator="cover"' in only and 'data-indicator="revenue"' not in only
    odd = S.scorecard_table(status.assign(group="x", group_name='<img src=x onerror="alert(1)">', indicator='"><b>'))
    assert '<th colspan="8">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</th>' in odd
    assert 'data-indicator="&quot;&gt;&lt;b&gt;"' in odd and "<img" not in odd and "<b>" not in odd


def test_scorecard_table_leaves_stale_progress_blank(kontum):
    plan, obs = kontum
    status = kpi.assess(plan, obs, "2021-Q4")
    html = S.scorecard_table(status[status["indicator"] == "new_macadamia"])
    # a stale figure: its period shown, no expected progress, no projection
    assert ('<td>6 tháng năm 2021</td><td class="num">19,0%</td><td class="num"></td><td class="num"></td>') in html


def test_scorecard_table_says_how_the_expected_progress_was_set(kontum):
    plan, obs = kontum
    status = kpi.assess(plan, obs, "2021-Q3").set_index("indicator", drop=False)
    cells = {i: S.scorecard_table(status.loc[[i]]).split('<td class="num">')[3].split("</td>")[0]
             for i in ("budget_revenue", "new_medicinal_plants", "new_rural_communes")}
    assert cells == {
        # the median season of 2019 and 2020 by September: 73.74%
        "budget_revenue": '74%<br><small class="basis">theo 2019, 2020</small>',
        # the plan's rainy season (May-October, a sixth a month): 5/6 by September
        "new_medicinal_plants": '83%<br><small class="basis">phân bổ theo kế hoạch</small>',
        # counted only at the year end: nothing expected by September
        "new_rural_communes": '0%<br><small class="basis">chỉ tính cuối năm</small>'}


def test_scorecard_table_indents_a_child_target(hostile):
    _, status = hostile
    html = S.scorecard_table(status.assign(parent=["", "revenue"]))
    assert '<td class="name">&lt;script&gt;' in html and '<td class="name child">Che phủ' in html


@pytest.mark.parametrize("source, cell", [
    ("javascript:alert(1)", "javascript:alert(1)"),
    ('"><script>alert(2)</script>', "&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"),
    ('https://x.org/?a=1&b="2"',
     '<a href="https://x.org/?a=1&amp;b=&quot;2&quot;">https://x.org/?a=1&amp;b=&quot;2&quot;</a>'),
    ("http://example.org/a", '<a href="http://example.org/a">http://example.org/a</a>'),
    ("HTTPS://example.org", "HTTPS://example.org"),
    (" https://example.org", " https://example.org"),
    ("Cục Thống kê", "Cục Thống kê"),
    ("", "tính từ số liệu thành phần"),   # a derived figure has no source of its own
])
def test_data_notes_link_only_web_addresses(hostile, source, cell):
    _, status = hostile
    one = status.iloc[[1]].assign(source=source, note="")
    html = S.data_notes(one)
    assert (f"<tr><td>Che phủ &quot;rừng&quot; &amp; &#x27;đất&#x27;</td><td>3 tháng năm 2021</td><td>chính thức</td>"
            f"<td class='source'>{cell}</td></tr>") in html


def test_data_notes_whole_table(hostile):
    _, status = hostile
    status = status.assign(source=["javascript:alert(3)", "https://example.org/?a=<b>"])
    two = pd.concat([status, status.iloc[[0]].assign(name="A & B", as_of="", indicator="x")], ignore_index=True)
    assert S.data_notes(two, "en") == (
        "<table class=\"notes\"><thead><tr><th>Target</th><th>Figure of</th><th>Kind</th><th>Source</th></tr>"
        "</thead><tbody>"
        "<tr><td>&lt;script&gt;alert(1)&lt;/script&gt;</td><td>3 months 2021</td><td>estimate</td>"
        "<td class='source'>javascript:alert(3)<br><small>&lt;script&gt;alert(4)&lt;/script&gt;</small></td></tr>"
        "<tr><td>Che phủ &quot;rừng&quot; &amp; &#x27;đất&#x27;</td><td>3 months 2021</td><td>official</td>"
        "<td class='source'><a href=\"https://example.org/?a=&lt;b&gt;\">https://example.org/?a=&lt;b&gt;</a></td>"
        "</tr></tbody></table><h3>Targets with no data (1)</h3><p class='missing'>A &amp; B</p>")


def test_data_notes_with_every_figure_present(hostile):
    _, status = hostile
    assert S.data_notes(status).endswith("<h3>Chỉ tiêu chưa có số liệu (0)</h3><p class='missing'>—</p>")


# --- the headline and group summaries ---------------------------------------------------------------------
def test_headline_lists_attention_worst_first_escaped(hostile):
    _, status = hostile
    bad = status.assign(status=["at_risk", "missed"], name=["<script>x</script>", "A & 'B'"],
                        measure="level", unit="%", rule_kind="above", rule_a=50.0, rule_b=nan, period="2021-Q1")
    html = S.headline(bad, "en")
    missed = ('<span class="status status-missed" style="background:#7a1010;color:#ffffff">Missed</span>')
    at_risk = ('<span class="status status-at_risk" style="background:#f5d04c;color:#222222">At risk</span>')
    assert html == (
        f'<section class="headline"><p class="counts">2 targets: {at_risk} <b>1</b> {missed} <b>1</b></p>'
        "<h3>Targets that need attention</h3><ul class='attention'>"
        f"<li>{missed} A &amp; &#x27;B&#x27;, 3 months 2021: 55% (plan: above 50%); the plan is missed.</li>"
        f"<li>{at_risk} &lt;script&gt;x&lt;/script&gt;, 3 months 2021: an estimated 30% (plan: above 50%); at risk of "
        "missing the annual plan.</li>"
        "</ul></section>")


def test_headline_with_nothing_to_attend(hostile):
    _, status = hostile
    assert S.headline(status).endswith("<h3>Chỉ tiêu cần chú ý</h3><p>Không có chỉ tiêu nào cần chú ý.</p></section>")


def test_attention_ranks_and_cuts(kontum):
    plan, obs = kontum
    status = kpi.assess(plan, obs, "2021-Q4")
    need = S.attention(status)
    assert need["status"].tolist() == ["missed"] * 4 + ["off_track"] * 3 + ["at_risk", "undetermined"]
    assert S.attention(status, top=2)["indicator"].tolist() == need["indicator"].tolist()[:2]
    assert "_rank" not in need.columns


def test_title_escapes_the_plan_texts(hostile):
    plan, status = hostile
    assert S.title(plan, status) == (
        '<header class="title"><p class="region">&lt;b&gt;Tỉnh&lt;/b&gt; &amp; Co</p>'
        "<h1>Kế hoạch &lt;i&gt;thử&lt;/i&gt;</h1><p class=\"period\">Quý I năm 2021</p>"
        '<p class="basis">Căn cứ: QĐ &lt;img src=x onerror=alert(2)&gt; · Số liệu đến: 3 tháng năm 2021</p></header>')
    assert "Số liệu đến: —" in S.title(plan, status.assign(as_of=""))


@pytest.mark.parametrize("url, basis", [
    ("https://example.org/qd?a=1&b=2", '<a href="https://example.org/qd?a=1&amp;b=2">QĐ 54</a>'),
    ("http://kontum.gov.vn/qd54", '<a href="http://kontum.gov.vn/qd54">QĐ 54</a>'),  # plain http is a web address too
    ("javascript:alert(1)", "QĐ 54"),  # only a web address is a link
    ("", "QĐ 54"),
])
def test_title_links_the_document_to_the_plans_source_url(hostile, url, basis):
    import dataclasses

    plan, status = hostile
    plan = dataclasses.replace(plan, document="QĐ 54", source_url=url)
    assert f'<p class="basis">Căn cứ: {basis} · Số liệu đến: 3 tháng năm 2021</p>' in S.title(plan, status)
    no_document = dataclasses.replace(plan, document="", source_url="https://example.org/x")
    assert 'Căn cứ: <a href="https://example.org/x">https://example.org/x</a> ·' in S.title(no_document, status)


def test_heading_and_paragraph():
    assert S.heading("scorecard") == "<h2>Bảng đánh giá toàn bộ chỉ tiêu</h2>"
    assert S.heading("notes", "en", level=3) == "<h3>Data notes</h3>"
    assert S.heading("<b>x</b>") == "<h2>&lt;b&gt;x&lt;/b&gt;</h2>"
    assert S.paragraph("a < b & c") == "<p>a &lt; b &amp; c</p>"


def test_styled_colours_the_status_cells(hostile):
    _, status = hostile
    html = S.styled(status[["name", "actual", "status"]].assign(actual=[30.0, nan])).to_html()
    assert "background-color: #85cc88;\n  color: #222222;" in html
    assert "—" in html and "30.00" in html


def test_verdict_text_of_a_row_without_approximate_or_stale():
    row = {k: v for k, v in _row(status="at_risk").items() if k not in ("approximate", "stale")}
    assert S.verdict_text(row) == "có nguy cơ"
    assert S.takeaway(row) == ("Thu ngân sách 6 tháng năm 2021 đạt 500 tỷ đồng, bằng 50,0% kế hoạch năm, nhanh hơn tiến độ "
                               "cần đạt đến thời điểm này (45%); có nguy cơ không đạt kế hoạch năm.")


def test_headline_names_at_most_six_by_default(kontum):
    plan, obs = kontum
    status = kpi.assess(plan, obs, "2021-Q4")  # 9 targets need attention
    assert S.headline(status).count("<li>") == 6
    assert S.headline(status, top=2).count("<li>") == 2


def test_title_reads_the_period_and_the_latest_figure_of_every_row(mini):
    plan, obs = mini
    status = kpi.assess(plan, obs, "2021-Q3")
    html = S.title(plan, status, "en")
    # the period is Q3, the latest figure Q2 (its row is not the first)
    assert '<p class="period">Q3 and 9 months 2021</p>' in html and "Data up to: 6 months 2021</p>" in html


def test_data_until_names_the_latest_figure_or_a_dash():
    frame = pd.DataFrame({"as_of": ["", "2021-Q1", "2021-06", "2021-Q2", ""]})
    assert (S.data_until(frame), S.data_until(frame, "en")) == ("6 tháng năm 2021", "6 months 2021")
    assert S.data_until(frame.iloc[[0, 4]]) == "—" and S.data_until(frame.iloc[[0]], none="nay") == "nay"


def test_data_notes_unknown_kind_and_several_missing(hostile):
    _, status = hostile
    odd = status.assign(kind=["<i>odd</i>", "official"])
    assert "<td>&lt;i&gt;odd&lt;/i&gt;</td>" in S.data_notes(odd)
    missing = status.assign(as_of="", name=["A", "B & C"])
    assert S.data_notes(missing).endswith("<h3>Chỉ tiêu chưa có số liệu (2)</h3><p class='missing'>A, B &amp; C</p>")


def test_scorecard_row_rounds_expected_and_projection(months):
    plan, obs = months
    status = kpi.assess(plan, obs, "2021-05", lang="en")
    html = S.scorecard_table(status[status["indicator"] == "planted"], "en")
    # declared profile: 23.33% expected by May, 50 / 0.2333 = 214.29 ha: whole numbers in the table
    assert html == (
        '<table class="scorecard"><colgroup><col style="width:21%"><col style="width:12%"><col style="width:14%">'
        '<col style="width:9%"><col style="width:8%"><col style="width:10%"><col style="width:12%">'
        '<col style="width:14%"></colgroup><thead><tr><th>Target</th><th>Plan</th><th>Actual</th><th>Figure of</th>'
        "<th>% of plan</th><th>Expected by now</th><th>Year-end projection</th><th>Status</th></tr></thead>"
        '<tbody><tr class="group"><th colspan="8">Economy</th></tr>'
        '<tr data-indicator="planted" data-status="on_track"><td class="name">New planting</td>'
        '<td>at least 200 ha</td><td class="num">50 ha</td><td>5 months 2021</td><td class="num">25.0%</td>'
        '<td class="num">23%<br><small class="basis">declared profile</small></td><td class="num">214 ha</td>'
        '<td><span class="status status-on_track" '
        'style="background:#85cc88;color:#222222">On track</span></td></tr></tbody></table>')
    assert S.takeaway(status.set_index("indicator").loc["planted"], "en") == (
        "New planting, 5 months 2021: an estimated 50 ha, 25.0% of the annual plan, ahead of the 23% expected by now; "
        "on course to meet the annual plan.")
    none = S.scorecard_table(status[status["indicator"] == "planted"].assign(as_of="", actual=nan,
                                                                             attainment_pct=nan, status="no_data"))
    assert '<td class="num">—</td><td>—</td><td class="num"></td><td class="num"></td><td class="num"></td>' in none


def test_rule_words_without_the_unit_for_a_column_of_its_own():
    from kpi.model.rules import rule_words

    row = dict(rule_kind="at_least", rule_a=3500.0, rule_b=nan, unit="tỷ đồng")
    assert rule_words(row, with_unit=False) == "đạt 3.500"
    assert rule_words(row | dict(unit="%"), "en", with_unit=False) == "at least 3,500%"  # a percent's sign stays


def test_expected_progress_cell_with_and_without_its_basis():
    row = dict(expected_pct=74.4, expected_basis="history", expected_years="2019, 2020", period="2021-Q3")
    assert S._expected(row) == '74%<br><small class="basis">theo 2019, 2020</small>'
    assert S._expected(row, "en") == '74%<br><small class="basis">season of 2019, 2020</small>'
    bare = dict(expected_pct=75.0, period="2021-Q3")  # a frame without the basis columns
    assert S._expected(bare) == "75%"
    assert S._expected(dict(expected_pct=float("nan"), period="2021-Q3")) == ""


@pytest.mark.parametrize("basis, years, expected, vi, en", [
    ("history", "2019, 2020", 74.0, "theo 2019, 2020", "season of 2019, 2020"),
    ("linear", "", 75.0, "9/12 tháng", "9/12 months"),
    ("year_end", "", 0.0, "chỉ tính cuối năm", "year end only"),
    ("linear", "", math.nan, "", ""),  # no expected progress: nothing to explain
])
def test_basis_words_in_vietnamese_unless_asked(basis, years, expected, vi, en):
    row = pd.Series({"expected_basis": basis, "expected_years": years, "expected_pct": expected, "period": "2021-Q3"})
    assert (S.basis_words(row), S.basis_words(row, "vi"), S.basis_words(row, "en")) == (vi, vi, en)


# --- the sentence's other clauses, each against a hand-written expectation --------------------------------
@pytest.mark.parametrize("row, vi, en", [
    # the year end: the change on the year before (3.500 / 3.000 = +16,7%), the share "of the plan"
    (_row(actual=3500.0, rule_a=3500.0, attainment_pct=100.0, as_of="2021-Q4", period="2021-Q4", status="met",
          last_year=3000.0),
     "Thu ngân sách năm 2021 đạt 3.500 tỷ đồng, bằng 100,0% kế hoạch, tăng 16,7% so với năm trước; đạt kế hoạch.",
     "Thu ngân sách, year 2021: 3,500 tỷ đồng, 100.0% of the plan, up 16.7% on the year before; the plan is met."),
    # a fall on a year earlier (450 / 500 = −10%), at a month: 7 months left need (1000 − 450) / 7 = 78,57
    (_row(actual=450.0, as_of="2021-05", period="2021-05", attainment_pct=45.0, expected_pct=50.0,
          status="off_track", last_year=500.0, required_pace=78.571428571),
     "Thu ngân sách 5 tháng năm 2021 đạt 450 tỷ đồng, bằng 45,0% kế hoạch năm, giảm 10,0% so với cùng kỳ năm trước, "
     "chậm hơn tiến độ cần đạt đến thời điểm này (50%), 7 tháng còn lại cần bình quân 79 tỷ đồng mỗi tháng; chậm "
     "tiến độ, dự kiến không đạt kế hoạch năm.",
     "Thu ngân sách, 5 months 2021: 450 tỷ đồng, 45.0% of the annual plan, down 10.0% on the same period last "
     "year, behind the 50% expected by now, the 7 months left need 79 tỷ đồng a month on average; behind, on "
     "course to miss the annual plan."),
    # November: the one month left
    (_row(actual=800.0, as_of="2021-11", period="2021-11", attainment_pct=80.0, expected_pct=92.0,
          status="off_track", required_pace=200.0, last_year=800.0),
     "Thu ngân sách 11 tháng năm 2021 đạt 800 tỷ đồng, bằng 80,0% kế hoạch năm, bằng cùng kỳ năm trước, chậm hơn tiến "
     "độ cần đạt đến thời điểm này (92%), tháng còn lại cần 200 tỷ đồng; chậm tiến độ, dự kiến không đạt kế hoạch "
     "năm.",
     "Thu ngân sách, 11 months 2021: 800 tỷ đồng, 80.0% of the annual plan, the same as a year earlier, behind the "
     "92% expected by now, the month left needs 200 tỷ đồng; behind, on course to miss the annual plan."),
    # a rate at the year end, up on the year before in points (62,5 − 61,0); an estimate under a cap
    (_row(name="Trẻ em thấp còi", measure="level", actual=24.5, unit="%", rule_kind="at_most", rule_a=25.0,
          attainment_pct=nan, expected_pct=nan, as_of="2021-Q4", period="2021-Q4", status="met", last_year=23.0,
          kind="estimate"),
     "Trẻ em thấp còi năm 2021 ước ở mức 24,5% (kế hoạch không quá 25%), tăng 1,5 điểm phần trăm so với năm trước; "
     "đạt kế hoạch.",
     "Trẻ em thấp còi, year 2021: an estimated 24.5% (plan: at most 25%), up 1.5 percentage points on the year "
     "before; the plan is met."),
    # a growth rate: no change on a year earlier (it is that change), a stretch gap in points (5,63 − 8,5)
    (_row(name="Tăng trưởng GRDP", measure="growth", actual=5.63, unit="%", rule_kind="at_least", rule_a=7.5,
          attainment_pct=nan, expected_pct=nan, as_of="2021-Q4", period="2021-Q4", status="missed", last_year=3.0,
          stretch_kind="at_least", stretch_a=8.5, stretch_b=nan, stretch_gap=-2.87),
     "Tăng trưởng GRDP năm 2021 đạt 5,63% (kế hoạch đạt 7,5%), thấp hơn chỉ tiêu phấn đấu (đạt 8,5%) 2,87 điểm "
     "phần trăm; không đạt kế hoạch.",
     "Tăng trưởng GRDP, year 2021: 5.63% (plan: at least 7.5%), 2.87 percentage points below the stretch target "
     "(at least 8.5%); the plan is missed."),
    # above the stretch: said the other way
    (_row(name="Tăng trưởng GRDP", measure="growth", actual=9.0, unit="%", rule_kind="at_least", rule_a=7.5,
          attainment_pct=nan, expected_pct=nan, as_of="2021-Q4", period="2021-Q4", status="exceeded",
          stretch_kind="at_least", stretch_a=8.5, stretch_b=nan, stretch_gap=0.5),
     "Tăng trưởng GRDP năm 2021 đạt 9% (kế hoạch đạt 7,5%), cao hơn chỉ tiêu phấn đấu (đạt 8,5%) 0,5 điểm phần "
     "trăm; vượt kế hoạch.",
     "Tăng trưởng GRDP, year 2021: 9% (plan: at least 7.5%), 0.5 percentage points above the stretch target (at "
     "least 8.5%); the plan is exceeded."),
    # a flow against its stretch and another reference, the bound word carried to each share
    (_row(actual=966.0, qualifier="more_than", attainment_pct=96.6, as_of="2021-Q4", period="2021-Q4",
          status="undetermined", stretch_kind="at_least", stretch_a=1100.0, stretch_b=nan,
          stretch_attainment_pct=87.818181818,
          also=({"name": "dự toán Trung ương giao", "target": 920.0, "gap": 46.0, "attainment_pct": 105.0},)),
     "Thu ngân sách năm 2021 đạt hơn 966 tỷ đồng, bằng hơn 96,6% kế hoạch, bằng hơn 105,0% dự toán Trung ương giao, "
     "bằng hơn 87,8% chỉ tiêu phấn đấu; chưa đủ căn cứ để đánh giá.",
     "Thu ngân sách, year 2021: more than 966 tỷ đồng, more than 96.6% of the plan, more than 105.0% of the dự toán "
     "Trung ương giao, more than 87.8% of the stretch target; too vague to judge."),
    # an increase on last year's end (61 − 58 = 3 points against at least 2)
    (_row(name="Tỷ lệ che phủ", measure="level", actual=61.0, unit="%", rule_kind="increase_by", rule_a=2.0,
          baseline=58.0, attainment_pct=150.0, expected_pct=nan, as_of="2021-Q4", period="2021-Q4",
          status="exceeded"),
     "Tỷ lệ che phủ năm 2021 đạt 61%, tăng 3 điểm phần trăm so với cuối năm 2020 (kế hoạch tăng ít nhất 2 điểm "
     "phần trăm); vượt kế hoạch.",
     "Tỷ lệ che phủ, year 2021: 61%, up 3 percentage points on the end of 2020 (plan: up by at least 2 percentage "
     "points); the plan is exceeded."),
])
def test_sentence_clauses(row, vi, en):
    assert S.takeaway(row, "vi") == vi
    assert S.takeaway(row, "en") == en


def test_a_target_whose_calendar_owes_nothing_yet_is_not_said_to_lack_a_figure(kontum):
    """Kon Tum's sector shares are published once a year: at 9 months none is due, and the sentence says so."""
    plan, obs = kontum
    row = kpi.assess(plan, obs, "2021-Q3").set_index("indicator").loc["share_services"]
    assert row["status"] == "not_due"
    assert S.takeaway(row) == "Tỷ trọng dịch vụ: chưa đến kỳ công bố số liệu."
    # a flow the plan counts only at the year end, with no figure yet: said as such
    year_end = _row(actual=nan, as_of="", status="not_due", expected_basis="year_end", period="2021-Q3")
    assert S.takeaway(year_end) == "Thu ngân sách: chưa có số liệu; chỉ tiêu đánh giá vào cuối năm."
