"""The story, told once: the sections by the plan's groups, the same in the notebook's HTML and the Word report."""
from math import nan

import pytest
from docx import Document

import kpi
from conftest import FIXTURES, MINI
from kpi.documents.docx import write_docx
from kpi import load
from kpi.story.story import section_html, tell


@pytest.fixture(scope="module")
def mini_q2():
    plan, obs = load(MINI)
    return plan, kpi.assess(plan, obs, "2021-Q2", lang="en")


def test_sections_follow_the_plans_groups_and_tell_every_target_once(mini_q2):
    _, status = mini_q2
    story = tell(status, "en")
    assert [(s.number, s.group, s.name) for s in story.sections] == [
        ("I", "economy", "Economy"), ("II", "society", "Society and environment"),
        ("III", "security", "Defence and security")]
    economy = story.section("economy")
    # growth at risk, share on track, per capita no figure, revenue on track, private off track, spending at risk
    assert economy.counts == (("on_track", 2), ("at_risk", 2), ("off_track", 1), ("no_data", 1))
    assert [p.indicator for p in economy.points] == ["grdp_growth", "share_agriculture", "revenue",
                                                      "private_revenue", "spending_cap"]
    assert economy.no_figure == "Targets with no figure yet: GRDP per capita." and economy.not_due == ""
    # a flow's year-end estimate beside its sentence: 500 bn VND by June against 45% expected, 500 / 0.45 = 1,111
    assert economy.points[2].projection == "Projected for the year: 1,111 bn VND (111.1% of the plan)."
    told = [p.indicator for s in story.sections for p in s.points] + ["grdp_per_capita"]
    assert sorted(told) == sorted(status["indicator"]) and sum(s.total for s in story.sections) == len(status)
    assert story.section("nowhere") is None and section_html(None, status) == ""


def test_a_target_whose_calendar_owes_nothing_is_named_apart_from_one_that_is_missing(mini_q2):
    _, status = mini_q2
    status = status.copy()
    status.loc[status["indicator"] == "share_agriculture", ["as_of", "actual", "status"]] = ["", nan, "not_due"]
    economy = tell(status, "en").section("economy")
    assert economy.no_figure == "Targets with no figure yet: GRDP per capita."
    assert economy.not_due == "Targets whose figures are not yet due: Agriculture share."
    assert tell(status, "vi").section("economy").not_due == ("Các chỉ tiêu chưa đến kỳ công bố số liệu: "
                                                              "Agriculture share.")  # the names as assessed


def test_section_html_escapes_the_plan_texts_and_names_what_is_missing():
    plan, obs = load(FIXTURES / "escaping")
    status = kpi.assess(plan, obs, "2021-Q1")
    on_track = '<span class="status status-on_track" style="background:#85cc88;color:#222222">Đúng tiến độ</span>'
    society = section_html(tell(status, "vi").section("society"), status, "vi")
    assert society == (f'<section class="group-summary"><p class="counts">1 chỉ tiêu: {on_track} <b>1</b></p>'
                       f"<ul class='attention'><li>{on_track} Che phủ &quot;rừng&quot; &amp; &#x27;đất&#x27; "
                       "3 tháng năm 2021 đạt 55% (kế hoạch trên 50%); dự kiến đạt kế hoạch năm.</li></ul></section>")
    none = status.iloc[[0]].assign(as_of="", actual=nan, status="no_data")
    html = section_html(tell(none, "vi").section("economy"), none, "vi")
    assert html == ('<section class="group-summary"><p class="counts">1 chỉ tiêu: <span class="status '
                    'status-no_data" style="background:#ececec;color:#222222">Chưa có số liệu</span> <b>1</b></p>'
                    "<p class='missing'>Các chỉ tiêu chưa có số liệu: &lt;script&gt;alert(1)&lt;/script&gt;.</p>"
                    "</section>")


def test_the_word_report_tells_the_same_sections(mini_q2, tmp_path):
    plan, status = mini_q2
    story = tell(status, "en")
    doc = Document(write_docx(plan, status, [], tmp_path / "r.docx", lang="en"))
    # the Word report spells an abbreviation out at its first use (Decree 30): the story's words otherwise
    texts = [p.text.replace("Gross regional domestic product (GRDP)", "GRDP") for p in doc.paragraphs]
    body = texts[texts.index("I. Economy"):texts.index("IV. Overall assessment")]
    told = []
    for s in story.sections:
        told += [f"{s.number}. {s.name}"] + [f"- {p.text}" for p in s.points] + [x for x in (s.no_figure, s.not_due) if x]
    assert body == told


def test_the_slides_take_their_sentences_from_the_story(mini_q2):
    """The slides say what the story says: a figure slide's takeaway is the story's sentence, not one of its own."""
    from dataclasses import replace
    from pathlib import Path
    from types import SimpleNamespace

    from kpi.documents.pptx import figure_slides

    _, status = mini_q2
    story = tell(status, "en")
    economy = story.section("economy")
    edited = replace(story, sections=(replace(economy, points=tuple(
        replace(p, sentence=f"told: {p.indicator}") for p in economy.points)), *story.sections[1:]))
    figure = SimpleNamespace(name="trend-revenue", png="x.png", targets=["revenue"], caption="")
    (title, line, _, _, _), = figure_slides(status, Path("unused"), [figure], "en", edited)
    assert (title, line) == ("Budget revenue", "told: revenue")
    (_, line, _, _, _), = figure_slides(status, Path("unused"), [figure], "en")
    assert line == economy.points[2].sentence and line.startswith("Budget revenue, 6 months 2021: an estimated 500")
