"""The reporting table: which owners reported their targets for the period."""
from datetime import date

import pandas as pd
import pytest
from pandas.testing import assert_frame_equal

import kpi
from kpi.cli import main
from kpi.assessment.reporting import reporting_table
from kpi.story.sections import reporting

from conftest import FIXTURES, KONTUM

COLUMNS = ["owner", "name", "targets", "reported", "state", "due", "overdue", "missing"]


@pytest.fixture
def q3(plan_copy):
    """The owned plan with two figures of 2021-Q3: revenue (stc) and stunting (syt); the rest is of Q2 or older."""
    d = plan_copy("owned")
    with open(d / "observations.csv", "a", encoding="utf-8") as fh:
        fh.write("revenue,2021-Q3,800,estimate,,https://example.org/q3,\nstunting,2021-Q3,30,estimate,,x,\n")
    return d


def test_owners_missing_for_the_period(q3):
    plan, obs = kpi.load(q3)
    table = reporting_table(plan, kpi.assess(plan, obs, "2021-Q3"), today=date(2021, 10, 25))
    due = date(2021, 10, 20)
    expected = pd.DataFrame([
        ["cts", "Cục Thống kê tỉnh", 4, 0, "none", due, True,
         "Tăng trưởng GRDP; Tỷ trọng nông nghiệp; GRDP bình quân đầu người; Dân số"],
        ["stc", "Sở Tài chính", 3, 1, "partial", due, True, "Thu từ khu vực tư nhân; Chi thường xuyên"],
        ["syt", "Sở Y tế", 2, 1, "partial", due, True, "Trạm y tế đạt chuẩn"],
        ["sldtbxh", "Sở Lao động - Thương binh và Xã hội", 1, 0, "none", due, True, "Tỷ lệ hộ nghèo"],
        ["", "(chưa giao đơn vị)", 1, 0, "none", due, True, "Đơn vị an toàn"],
    ], columns=COLUMNS)
    assert_frame_equal(table, expected)


def test_before_the_cutoff_nothing_is_overdue_and_derived_figures_count(q3):
    plan, obs = kpi.load(q3)
    table = reporting_table(plan, kpi.assess(plan, obs, "2021-Q2"), lang="en", today=date(2021, 7, 20))
    due = date(2021, 7, 20)
    expected = pd.DataFrame([
        ["cts", "Provincial Statistics Office", 4, 3, "partial", due, False, "GRDP per capita"],
        ["stc", "Department of Finance", 3, 3, "complete", due, False, ""],
        ["syt", "Department of Health", 2, 2, "complete", due, False, ""],
        ["sldtbxh", "Department of Labour, Invalids and Social Affairs", 1, 1, "complete", due, False, ""],
        ["", "(no owner)", 1, 1, "complete", due, False, ""],
    ], columns=COLUMNS)
    assert_frame_equal(table, expected)


def test_a_target_not_yet_due_is_not_expected():
    plan, obs = kpi.load(KONTUM)
    assert len(plan.owned_by("snnptnt")) == 11           # eleven targets, no input
    q2 = reporting_table(plan, kpi.assess(plan, obs, "2021-Q2")).set_index("owner")
    # due at 6 months: the six quarterly flows (four crops, value-chain products, new forest); not the levels (herd,
    # dairy herd, forest cover, rural water: published yearly) nor new_rural_communes (yearly, no figure)
    assert q2.loc["snnptnt", "targets"] == 6
    assert "Xã đạt chuẩn nông thôn mới tăng thêm" not in q2.loc["snnptnt", "missing"]
    assert "Tổng đàn bò" not in q2.loc["snnptnt", "missing"]
    q3 = reporting_table(plan, kpi.assess(plan, obs, "2021-Q3")).set_index("owner")
    assert q3.loc["snnptnt", "targets"] == 7             # at Q3 new_rural_communes has a figure (1 commune): it counts


def test_the_section_escapes_and_marks_overdue(q3):
    text = (q3 / "plan.yaml").read_text(encoding="utf-8").replace("{vi: Sở Y tế,", '{vi: "<b>Sở Y tế</b>",')
    (q3 / "plan.yaml").write_text(text, encoding="utf-8")
    plan, obs = kpi.load(q3)
    table = reporting_table(plan, kpi.assess(plan, obs, "2021-Q3"), today=date(2021, 10, 25))
    html = reporting(table, "vi")
    assert reporting(table) == html  # Vietnamese unless asked
    assert "<b>Sở Y tế</b>" not in html and "&lt;b&gt;Sở Y tế&lt;/b&gt;" in html
    assert '<tr data-owner="stc" data-state="partial"><td>Sở Tài chính</td><td class="num">1/3</td><td>Một phần ' \
           "<b>(quá hạn)</b></td><td>20/10/2021</td><td>Thu từ khu vực tư nhân; Chi thường xuyên</td></tr>" in html


def test_status_prints_the_reporting_table(q3, capsys):
    assert main(["status", str(q3), "--period", "2021-Q3", "--colour", "never"]) == 0
    out = capsys.readouterr().out
    assert "Tình hình báo cáo số liệu (hạn gửi 20/10/2021; tính đến ngày 21/10/2021)\n" in out
    assert "  stc       Sở Tài chính" in out and "  1/3   Một phần, quá hạn" in out


def test_no_owners_no_table(capsys):
    assert main(["status", str(FIXTURES / "mini"), "--period", "2021-Q2", "--colour", "never"]) == 0
    assert "Tình hình báo cáo" not in capsys.readouterr().out


def test_the_section_is_empty_without_owners(mini):
    plan, obs = mini
    assert reporting(kpi.reporting_table(plan, kpi.assess(plan, obs, "2021-Q2")), "vi") == ""


def test_the_word_report_never_lists_who_has_not_reported(q3, tmp_path):
    """The Word report goes out (Kính gửi ...): which offices are overdue is the office's working copy (the HTML
    and PDF report, kpi status), never the outgoing report, with owners or without."""
    from docx import Document

    from kpi.documents.docx import write_docx

    for plan_dir in (q3, FIXTURES / "mini"):
        plan, obs = kpi.load(plan_dir)
        doc = Document(write_docx(plan, kpi.assess(plan, obs, "2021-Q3"), [], tmp_path / "report.docx"))
        assert not [p.text for p in doc.paragraphs if "báo cáo số liệu" in p.text or "quá hạn" in p.text]
        assert not [t for t in doc.tables if t.rows[0].cells[0].text == "Đơn vị"]


def test_a_long_office_name_wraps_in_the_terminal_and_is_never_cut():
    from kpi.assessment.reporting import terminal

    table = pd.DataFrame([["snnptnt", "Department of Agriculture and Rural Development", 11, 2, "partial", None,
                           False, ""]], columns=COLUMNS)
    assert terminal(table, "en").splitlines() == [
        "Reporting by office",
        "  snnptnt   Department of Agriculture and Rural            2/11  Partly",
        "            Development",
    ]


def test_the_section_whole_for_a_plan_with_no_cutoff_day():
    table = pd.DataFrame([
        ["stc", "Sở Tài chính", 3, 3, "complete", None, False, ""],
        ["syt", "Sở Y tế", 2, 0, "none", None, False, "Trạm y tế đạt chuẩn; Trẻ em thấp còi"],
    ], columns=COLUMNS)
    assert reporting(table, "en") == (
        '<section class="reporting"><h3>Reporting by office</h3><table class="reporting"><thead><tr>'
        "<th>Office</th><th>Reported</th><th>State</th><th>Due</th><th>No figure for the period</th></tr></thead>"
        '<tbody><tr data-owner="stc" data-state="complete"><td>Sở Tài chính</td><td class="num">3/3</td>'
        "<td>Complete</td><td>—</td><td>—</td></tr>"
        '<tr data-owner="syt" data-state="none"><td>Sở Y tế</td><td class="num">0/2</td><td>Not reported</td>'
        "<td>—</td><td>Trạm y tế đạt chuẩn; Trẻ em thấp còi</td></tr></tbody></table></section>")


# --- deadlines that do not move: overdue is judged at the report's as-of date -----------------------------------
@pytest.mark.parametrize("today, expected", [
    (date(2026, 12, 3), date(2021, 10, 21)),   # rendered years later: the day after the deadline, 20/10/2021
    (date(2021, 10, 21), date(2021, 10, 21)),
    (date(2021, 10, 5), date(2021, 10, 5)),    # before the deadline: today
])
def test_the_report_date_of_a_past_period_does_not_move(q3, today, expected):
    from kpi.assessment.reporting import report_date

    assert report_date(kpi.load_plan(q3), "2021-Q3", today) == expected


def test_without_a_cutoff_day_the_deadline_is_the_end_of_the_next_month(mini):
    from kpi.assessment.reporting import report_date

    plan, _ = mini
    assert report_date(plan, "2021-Q4", date(2026, 12, 3)) == date(2022, 2, 1)  # 31/1/2022, then the day after


def test_a_past_period_rendered_on_two_days_gives_the_same_table(q3):
    plan, obs = kpi.load(q3)
    status = kpi.assess(plan, obs, "2021-Q3")
    then = reporting_table(plan, status, today=date(2021, 10, 25))
    now = reporting_table(plan, status, today=date(2026, 12, 3))
    assert_frame_equal(then, now)
    assert then.attrs["as_of"] == now.attrs["as_of"] == date(2021, 10, 21) and then["overdue"].all()


def test_as_of_is_an_option_of_status_and_is_printed(q3, capsys):
    assert main(["status", str(q3), "--period", "2021-Q3", "--colour", "never", "--as-of", "2021-10-15"]) == 0
    out = capsys.readouterr().out
    assert "Tình hình báo cáo số liệu (hạn gửi 20/10/2021; tính đến ngày 15/10/2021)\n" in out
    assert "quá hạn" not in out  # the 15th is before the deadline
    with pytest.raises(SystemExit):
        main(["status", str(q3), "--period", "2021-Q3", "--as-of", "21/10/2021"])
    assert "argument --as-of: '21/10/2021' is not a date; write it as YYYY-MM-DD, e.g. 2021-10-21." in \
        capsys.readouterr().err


def test_the_slides_are_dated_as_of_the_report_not_the_day_they_are_made(q3, tmp_path):
    from pptx import Presentation

    from kpi.documents.pptx import build_deck

    plan, obs = kpi.load(q3)
    deck = Presentation(build_deck(plan, kpi.assess(plan, obs, "2021-Q3"), tmp_path))
    texts = [sh.text_frame.text for sh in deck.slides[0].shapes if sh.has_text_frame]
    assert any("Lập ngày: 21/10/2021" in t for t in texts), texts
