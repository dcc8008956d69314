"""report.docx in the administrative format (Decree 30/2020/NĐ-CP), read back with python-docx."""
import dataclasses
import re
import shutil
import subprocess
import zipfile

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402
from docx import Document  # noqa: E402
from docx.enum.section import WD_ORIENT  # noqa: E402
from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: E402
from docx.oxml.ns import qn  # noqa: E402

import kpi  # noqa: E402
from kpi.documents.docx import _subject_when, write_docx
from kpi.text.labels import DOCX as _T  # noqa: E402
from kpi.text.status import TABLE as STATUSES  # noqa: E402
from kpi.model.period import Period  # noqa: E402

from _digest import digest  # noqa: E402
from conftest import KONTUM  # noqa: E402

SUBJECT = "Tình hình thực hiện các chỉ tiêu kế hoạch phát triển kinh tế - xã hội quý III và 9 tháng năm 2021"
TARGETS = 43  # Kon Tum's plan: 43 targets in three groups


@pytest.fixture(scope="module")
def kontum_q3():
    plan, obs = kpi.load(KONTUM)
    return plan, obs, kpi.assess(plan, obs, "2021-Q3")


@pytest.fixture(scope="module")
def png(tmp_path_factory):
    """A real 300-dpi chart, about 6 x 3 inches."""
    path = tmp_path_factory.mktemp("figures") / "flows.png"
    fig, ax = plt.subplots(figsize=(6, 3))
    ax.bar(["Q1", "Q2", "Q3"], [500, 1200, 2000])
    fig.savefig(path, dpi=300)
    plt.close(fig)
    return path


@pytest.fixture(scope="module")
def figures(png):
    return [{"name": "flows", "png": png, "caption": "Tiến độ thu ngân sách", "targets": ["budget_revenue"]},
            {"name": "scorecard", "png": png, "caption": "Đánh giá theo quý", "targets": []}]


@pytest.fixture(scope="module")
def report(kontum_q3, figures, tmp_path_factory):
    plan, _, status = kontum_q3
    path = write_docx(plan, status, figures, tmp_path_factory.mktemp("docx") / "report.docx")
    return path, Document(path)


def texts(doc) -> list[str]:
    """Every paragraph's text: body, tables (nested), headers."""
    out = []

    def walk(container):
        for p in container.paragraphs:
            out.append(p.text)
        for table in getattr(container, "tables", []):
            for row in table.rows:
                for cell in row.cells:
                    walk(cell)

    walk(doc)
    for section in doc.sections:
        walk(section.header)
    return out


def pixels(png):
    """Size in pixels and horizontal dpi of a PNG (the charts' theme may crop it to its content)."""
    with Image.open(png) as im:
        return im.size, im.info["dpi"][0]


def effective(paragraph, attr: str):
    """A paragraph format attribute, from the paragraph or else its style chain."""
    value = getattr(paragraph.paragraph_format, attr)
    style = paragraph.style
    while value is None and style is not None:
        value = getattr(style.paragraph_format, attr)
        style = style.base_style
    return value


def test_a4_portrait_with_the_decree_margins(report):
    _, doc = report
    first = doc.sections[0]
    assert (round(first.page_width.mm), round(first.page_height.mm)) == (210, 297)
    assert first.orientation == WD_ORIENT.PORTRAIT
    twip = 25.4 / 1440  # Word stores lengths in twips: 15 mm is 850 twips, 14.993 mm
    assert 20 - twip <= first.top_margin.mm <= 25 and 20 - twip <= first.bottom_margin.mm <= 25
    assert 30 - twip <= first.left_margin.mm <= 35 and 15 - twip <= first.right_margin.mm <= 20


def test_times_new_roman_for_every_script_black(report):
    _, doc = report
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    assert normal.font.size.pt in (13, 14)
    for rpr in (normal.element.rPr, doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))[0]):
        fonts = rpr.find(qn("w:rFonts"))
        assert {a: fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "cs", "eastAsia")} == dict.fromkeys(
            ("ascii", "hAnsi", "cs", "eastAsia"), "Times New Roman")
        assert not [k for k in fonts.attrib if k.endswith("Theme")]  # a theme font would win over Times
    assert str(normal.font.color.rgb) == "000000"
    assert str(doc.styles["Heading 1"].font.color.rgb) == "000000"


def test_body_paragraphs_are_justified_and_spaced(report):
    _, doc = report
    body = [p for p in doc.paragraphs if p.style.name == "Body Text"]
    assert len(body) >= 8
    for p in body:
        assert effective(p, "alignment") == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert effective(p, "space_after").pt >= 6
        assert 1.0 <= effective(p, "line_spacing") <= 1.5
        assert effective(p, "first_line_indent").mm == pytest.approx(12.7, abs=0.1)


def test_header_block_and_title(report):
    _, doc = report
    block = doc.tables[0]
    cells = [[c.text for c in row.cells] for row in block.rows]
    assert block.cell(0, 0).paragraphs[0].text == "ỦY BAN NHÂN DÂN\nTỈNH KON TUM"
    assert all(r.bold and r.font.size.pt in (12, 13) for r in block.cell(0, 0).paragraphs[0].runs)
    assert cells[0][1].split("\n") == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert cells[1] == ["Số: .../BC-UBND", "Kon Tum, ngày ... tháng ... năm ..."]
    nation, motto = block.cell(0, 1).paragraphs[:2]
    assert nation.runs[0].bold and nation.runs[0].font.size.pt in (12, 13)
    assert motto.runs[0].bold and motto.runs[0].underline and motto.runs[0].font.size.pt in (13, 14)
    date = block.cell(1, 1).paragraphs[0].runs[0]
    assert date.italic and date.font.size.pt in (13, 14)
    borders = block._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}

    paragraphs = [p.text for p in doc.paragraphs]
    i = paragraphs.index("BÁO CÁO")
    assert paragraphs[i + 1] == SUBJECT
    assert doc.paragraphs[i].alignment == WD_ALIGN_PARAGRAPH.CENTER and doc.paragraphs[i].runs[0].bold


def test_sections_by_group_with_sentences_and_counts(report):
    _, doc = report
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    # no section on which offices have reported: that is the office's working copy (HTML/PDF), not the outgoing report
    assert headings == ["I. Kinh tế", "II. Văn hóa - xã hội và môi trường", "III. Quốc phòng, an ninh",
                        "IV. Đánh giá chung", "Phụ lục"]
    body = [p.text for p in doc.paragraphs]
    # with the year-end estimate, as on the summary page: 2000 / 0.7374 (2019-2020's median share by September)
    assert ("- Thu ngân sách nhà nước trên địa bàn 9 tháng năm 2021 ước đạt khoảng 2.000 tỷ đồng, bằng khoảng 57,1% kế "
            "hoạch năm, chậm hơn tiến độ cần đạt đến thời điểm này (74%), quý còn lại cần 1.500 tỷ đồng; chậm tiến độ, "
            "dự kiến không đạt kế hoạch năm. Ước cả năm 2.712 tỷ đồng (77,5% kế hoạch).") in body
    security = body[body.index("III. Quốc phòng, an ninh") + 1]
    # levels published once a year: not yet due at 9 months, so not an alarm
    assert security == ("Các chỉ tiêu chưa đến kỳ công bố số liệu: Xã, phường, thị trấn mạnh về phong trào toàn dân "
                        "bảo vệ an ninh Tổ quốc (ANTQ); Đơn vị đạt tiêu chuẩn an toàn về an ninh trật tự.")
    # Q3 of Kon Tum: off track are budget revenue and medicinal plants (9 months), growth, macadamia and
    # ginseng (their 6-month figures, stale); fruit trees at risk (900 of 2000 by 6 months); investment
    # ("hơn 8.797") and health insurance ("hơn 92%") undetermined; new communes not yet due (counted at year end).
    # Exports are on track: 159,5 of 162 by 8 months.
    assert ("Trong tổng số 43 chỉ tiêu kế hoạch: 1 chỉ tiêu đúng tiến độ, 1 chỉ tiêu có nguy cơ, 5 chỉ tiêu chậm "
            "tiến độ, 2 chỉ tiêu chưa kết luận, 29 chỉ tiêu chưa đến kỳ, 5 chỉ tiêu chưa có số liệu.") in body
    counts = next(i for i, p in enumerate(body) if p.startswith("Trong tổng số 43 chỉ tiêu"))
    assert body[counts + 1].startswith("Theo ước tính đến cuối năm: ")  # the year-end outlook follows the counts


def closing_of(doc):
    """The closing block: 'Nơi nhận' (left) and the signature (right) as lists of paragraphs."""
    table = next(t for t in doc.tables if t.cell(0, 0).text.startswith(("Nơi nhận:", "Distribution:")))
    return table, table.cell(0, 0).paragraphs, table.cell(0, 1).paragraphs


def test_addressed_as_the_plan_says(report):
    """Kính gửi under the title: the recipients of plan.yaml's issuer block, one a line, ';' then '.'."""
    _, doc = report
    to = next(t for t in doc.tables if t.cell(0, 0).text == "Kính gửi:")
    assert [p.text for p in to.cell(0, 1).paragraphs] == ["- Thường trực Tỉnh ủy;",
                                                          "- Thường trực Hội đồng nhân dân tỉnh."]
    assert to.cell(0, 0).paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT
    body = doc.element.body
    title = next(p for p in doc.paragraphs if p.text == SUBJECT)._p
    opening = next(p for p in doc.paragraphs if p.text.startswith("Căn cứ"))._p
    assert body.index(title) < body.index(to._tbl) < body.index(opening)  # between the subject and the text


def test_recipients_and_signature_from_the_plan(report):
    """Nơi nhận: the addressees as 'Như trên', the copies, 'Lưu: VT, <drafting unit>'; the signer a vice chairman
    on the chairman's behalf, with a blank line for the name (the plan gives none)."""
    _, doc = report
    closing, left, right = closing_of(doc)
    assert [p.text for p in left] == ["Nơi nhận:", "- Như trên;", "- Chủ tịch, các Phó Chủ tịch Ủy ban nhân dân tỉnh;",
                                      "- Sở Kế hoạch và Đầu tư;", "- Lưu: VT, KTTH."]
    assert left[0].runs[0].bold and left[0].runs[0].italic and left[0].runs[0].font.size.pt == 12
    assert [p.text for p in right] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "(Chữ ký, dấu)",
                                       "", "", "", ""]
    assert all(p.runs[0].bold for p in right[:3])
    assert closing.rows[0]._tr.trPr.find(qn("w:cantSplit")) is not None


def test_a_plan_that_names_nobody_is_signed_by_the_chairman(tmp_path):
    """No recipients: no 'Kính gửi', no 'Như trên'; 'Lưu: VT.' alone; the chairman signs; a name when given."""
    from conftest import MINI
    from kpi.model.plan import Dispatch

    plan, obs = kpi.load(MINI)
    plan = dataclasses.replace(plan, dispatch=Dispatch(signer_name="Nguyễn Văn A"))
    doc = Document(write_docx(plan, kpi.assess(plan, obs, "2021-Q2"), [], tmp_path / "r.docx"))
    assert not any(t.cell(0, 0).text == "Kính gửi:" for t in doc.tables)
    _, left, right = closing_of(doc)
    assert [p.text for p in left] == ["Nơi nhận:", "- Lưu: VT."]
    assert [p.text for p in right if p.text] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "(Chữ ký, dấu)", "Nguyễn Văn A"]
    assert right[-1].runs[0].bold


def test_abbreviations_spelled_out_at_first_use(report):
    """'Ủy ban nhân dân (UBND)' at its first use, never inside a document code ('54/QĐ-UBND'); later uses short."""
    _, doc = report
    body = [p.text for p in doc.paragraphs]
    opening = next(p for p in body if p.startswith("Căn cứ"))
    assert opening.startswith("Căn cứ Quyết định số 54/QĐ-UBND ngày 25/01/2021 của Ủy ban nhân dân (UBND) tỉnh Kon Tum;")
    growth = next(p for p in body if "(GRDP)" in p)
    assert growth.startswith("- Tốc độ tăng trưởng tổng sản phẩm trên địa bàn (GRDP):")
    everything = "\n".join(body)
    for abbr in ("UBND", "GRDP", "ANTQ"):
        uses = [m.start() for m in re.finditer(rf"(?<![\w/-]){abbr}(?![\w/-])", everything)]
        assert everything.count(f"({abbr})") == 1 and everything[uses[0] - 1] == "("  # the first use spells it out
    assert "Ủy ban nhân dân (Ủy ban nhân dân" not in everything


def test_appendix_heading_names_the_report_and_its_issuer(report):
    _, doc = report
    assert ("(Kèm theo Báo cáo số .../BC-UBND ngày ... tháng ... năm ... của Ủy ban nhân dân tỉnh Kon Tum)"
            in [p.text for p in doc.paragraphs])


def test_document_properties_name_the_report_not_the_template(kontum_q3, tmp_path):
    from datetime import datetime, timedelta, timezone

    plan, _, status = kontum_q3
    made = datetime(2021, 10, 25, 15, 30, tzinfo=timezone(timedelta(hours=7)))  # Hà Nội time, stored in UTC
    path = write_docx(plan, status, [], tmp_path / "r.docx", made=made)
    core = Document(path).core_properties
    assert core.title == SUBJECT
    assert core.author == "ỦY BAN NHÂN DÂN TỈNH KON TUM"
    assert core.created == core.modified == made == datetime(2021, 10, 25, 8, 30, tzinfo=timezone.utc)
    assert core.last_modified_by == core.keywords == core.comments == ""
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        rels = z.read("_rels/.rels").decode()
    assert "docProps/app.xml" not in names and "docProps/thumbnail.jpeg" not in names  # 'Microsoft Macintosh Word'
    assert "app.xml" not in rels and "thumbnail" not in rels


def test_page_numbers_in_the_header_not_on_the_first_page(report):
    path, doc = report
    first = doc.sections[0]
    assert first.different_first_page_header_footer  # w:titlePg
    assert "PAGE" in "".join(first.header._element.xpath(".//w:instrText/text()"))
    assert first.header.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert doc.styles["Header"].font.size.pt in (13, 14)
    assert not first.first_page_header.is_linked_to_previous
    assert "".join(p.text for p in first.first_page_header.paragraphs) == ""
    assert not first.first_page_header._element.xpath(".//w:instrText")
    numbering = first._sectPr.find(qn("w:pgNumType"))
    assert (numbering.get(qn("w:start")), numbering.get(qn("w:fmt"))) == ("1", "decimal")
    appendix = doc.sections[1]
    assert appendix.header.is_linked_to_previous and not appendix.different_first_page_header_footer
    assert appendix._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) is None  # numbers run on


def test_appendix_table_has_one_row_per_target(report, kontum_q3):
    _, doc = report
    _, _, status = kontum_q3
    appendix = doc.sections[1]
    assert appendix.orientation == WD_ORIENT.LANDSCAPE
    assert (round(appendix.page_width.mm), round(appendix.page_height.mm)) == (297, 210)
    table = doc.tables[-1]
    rows = [[c.text for c in r.cells] for r in table.rows]
    assert rows[0] == ["TT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm", "Thực hiện kỳ báo cáo",
                       "So với kế hoạch (%)", "Cùng kỳ năm trước", "Đánh giá"]
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    assert not any(r._tr.trPr.find(qn("w:tblHeader")) is not None for r in list(table.rows)[1:])
    groups = [r for r in rows[1:] if r[0] in ("I", "II", "III")]
    assert [g[:2] for g in groups] == [["I", "Kinh tế"], ["II", "Văn hóa - xã hội và môi trường"],
                                       ["III", "Quốc phòng, an ninh"]]
    targets = [r for r in rows[1:] if r[0] not in ("I", "II", "III")]
    assert len(targets) == TARGETS == len(status)
    assert len(rows) == 1 + 3 + TARGETS
    names = [r[1].removeprefix("Trong đó: ") for r in targets]
    assert names == list(status["name"])
    budget = next(r for r in targets if r[1] == "Thu ngân sách nhà nước trên địa bàn")
    # 'khoảng 2.000' of 'đạt 3.500': 2000 / 3500 = 57.14%
    assert budget == ["6", "Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", "đạt 3.500", "khoảng 2.000", "57,1", "",
                      "Chậm tiến độ"]
    # A figure of an earlier quarter shows its own period.
    growth = next(r for r in targets if r[1] == "Tốc độ tăng trưởng GRDP")
    assert growth == ["1", "Tốc độ tăng trưởng GRDP", "%", "trên 10%", "6,79%\n(6 tháng năm 2021)", "", "",
                      "Chậm tiến độ"]  # the verdict of its own period: 6,79 is far below "trên 10"
    child = next(r for r in targets if r[1].startswith("Trong đó: "))
    assert child[:2] == ["-", "Trong đó: Vốn đầu tư khu vực tư nhân"]
    assert {r[-1] for r in targets} <= {s.vi for s in STATUSES}
    width = sum(c.width.mm for c in table.rows[0].cells)
    assert width == pytest.approx(appendix.page_width.mm - appendix.left_margin.mm - appendix.right_margin.mm, abs=0.5)


def test_charts_at_print_resolution_with_captions(report, figures, png):
    path, doc = report
    assert len(doc.inline_shapes) == len(figures)
    first = doc.sections[0]
    column = first.page_width.mm - first.left_margin.mm - first.right_margin.mm
    (w_px, _), dpi = pixels(png)
    assert round(dpi) == 300
    for shape in doc.inline_shapes:
        assert shape.width.mm == pytest.approx(w_px / dpi * 25.4, abs=0.1)  # its print size, narrower than
        assert shape.width.mm <= column                                     # the column
    with zipfile.ZipFile(path) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        assert digest(z.read(media[0])) == digest(png)  # the 300-dpi PNG itself, not resampled
    captions = [p for p in doc.paragraphs if p.style.name == "Caption"]
    assert [p.text for p in captions] == ["Hình 1. Tiến độ thu ngân sách", "Hình 2. Đánh giá theo quý"]
    assert all("SEQ Hình" in "".join(p._p.xpath(".//w:instrText/text()")) for p in captions)
    # The budget chart sits in section I, the one with no target after section III.
    order = [p.text for p in doc.paragraphs]
    assert order.index("III. Quốc phòng, an ninh") > order.index("Hình 1. Tiến độ thu ngân sách") > order.index(
        "I. Kinh tế")
    assert order.index("IV. Đánh giá chung") > order.index("Hình 2. Đánh giá theo quý") > order.index(
        "III. Quốc phòng, an ninh")


def test_a_wide_chart_is_fitted_to_the_text_column(kontum_q3, tmp_path):
    plan, _, status = kontum_q3
    wide = tmp_path / "wide.png"
    fig, ax = plt.subplots(figsize=(10, 4))  # about 254 mm at 300 dpi: wider than the 165-mm column
    fig.savefig(wide, dpi=300)
    plt.close(fig)
    doc = Document(write_docx(plan, status, [{"name": "w", "png": wide, "caption": "c", "targets": []}],
                              tmp_path / "r.docx"))
    (shape,) = doc.inline_shapes
    (w_px, h_px), dpi = pixels(wide)
    assert w_px / dpi * 25.4 > 200
    assert shape.width.mm == pytest.approx(210 - 30 - 15, abs=0.1)
    assert shape.height.mm == pytest.approx(165 * h_px / w_px, abs=0.2)


def test_no_figures_no_pictures(kontum_q3, tmp_path):
    plan, _, status = kontum_q3
    doc = Document(write_docx(plan, status, [], tmp_path / "r.docx"))
    assert len(doc.inline_shapes) == 0
    assert not any(p.style.name == "Caption" for p in doc.paragraphs)


def test_text_from_data_stays_text(kontum_q3, figures, tmp_path):
    plan, _, status = kontum_q3
    hostile = status.copy()
    hostile.loc[hostile["indicator"] == "budget_revenue", "name"] = "Thu\x07 ngân sách <b>&amp;\x00 \ufffe]]>"
    plan = dataclasses.replace(plan, issuer_vi="<w:p>ỦY BAN\x0b NHÂN DÂN", place_vi="Kon\x1f Tum & <x>")
    figs = [dict(figures[0], caption="<script>\x08")]
    path = write_docx(plan, hostile, figs, tmp_path / "r.docx")
    doc = Document(path)
    everything = "\n".join(texts(doc))
    assert "- Thu ngân sách <b>&amp; ]]> 9 tháng năm 2021 ước đạt khoảng 2.000 tỷ đồng, bằng khoảng 57,1% kế hoạch" in everything
    assert "Thu ngân sách <b>&amp; ]]>" in [c.text for c in doc.tables[-1].columns[1].cells]
    assert doc.tables[0].cell(0, 0).paragraphs[0].text == "<w:p>ỦY BAN NHÂN DÂN"
    assert "Kon Tum & <x>, ngày ... tháng ... năm ..." in everything
    assert "Hình 1. <script>" in everything
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert "&lt;b&gt;&amp;amp;" in xml and "<b>" not in xml and "\x07" not in xml


def test_english_has_no_vietnamese_fixed_words(kontum_q3, figures, tmp_path):
    plan, obs, _ = kontum_q3
    status = kpi.assess(plan, obs, "2021-Q3", lang="en")
    figures = [dict(f, caption=c) for f, c in zip(figures, ("Budget revenue", "Status by quarter"))]
    doc = Document(write_docx(plan, status, figures, tmp_path / "r.docx", lang="en"))
    everything = "\n".join(texts(doc))
    assert "REPORT" in everything and "SOCIALIST REPUBLIC OF VIET NAM" in everything
    assert "KON TUM PROVINCIAL PEOPLE'S COMMITTEE" in everything
    assert "Implementation of the targets of the socio-economic development plan: Q3 and 9 months 2021" in everything
    assert "Figure 1. Budget revenue" in everything
    fixed = [v for value in _T["vi"].values() for v in ([value] if isinstance(value, str) else
                                                        [w for ws in value.values() for w in ws] if isinstance(value, dict)
                                                        else value)]
    vi_words = {frag.strip() for text in fixed for frag in re.split(r"\{[a-z_]+\}", text) if len(frag.strip()) > 3}
    vi_words |= {s.vi for s in STATUSES} | {"Kinh tế", "Quốc phòng, an ninh"}
    found = sorted(w for w in vi_words if w in everything)
    assert found == []
    assert "BÁO CÁO" not in everything and "Nơi nhận" not in everything
    # the source document by its English name (plan.yaml), the archive line and the signer in English
    assert ("Pursuant to Decision No. 54/QĐ-UBND of 25 January 2021 of the Kon Tum Provincial People's Committee, "
            "and on the figures") in everything
    assert "Quyết định" not in everything and "Archive: VT" not in everything
    _, left, right = closing_of(doc)
    assert [p.text for p in left] == ["Distribution:", "- The addressees above;",
                                      "- Chairman and Vice Chairmen of the Provincial People's Committee;",
                                      "- Department of Planning and Investment;",
                                      "- File copies: Records Office, General Economic Division."]
    assert [p.text for p in right if p.text] == ["ON BEHALF OF THE PEOPLE'S COMMITTEE", "FOR THE CHAIRMAN",
                                                 "VICE CHAIRMAN", "(Signature, seal)"]
    assert ("(Attached to Report No. .../BC-UBND dated ... of the Kon Tum Provincial People's Committee)"
            in everything)
    assert "Gross regional domestic product (GRDP) growth" in everything


def test_english_without_an_english_document_name_quotes_the_vietnamese(kontum_q3, tmp_path):
    plan, obs, _ = kontum_q3
    plan = dataclasses.replace(plan, document_en="")
    doc = Document(write_docx(plan, kpi.assess(plan, obs, "2021-Q3", lang="en"), [], tmp_path / "r.docx", lang="en"))
    opening = next(p.text for p in doc.paragraphs if p.text.startswith("Pursuant to"))
    assert opening.startswith("Pursuant to the plan's source document (in Vietnamese: \u201cQuyết định số 54/QĐ-UBND "
                              "ngày 25/01/2021 của UBND tỉnh Kon Tum\u201d), and on the figures")


@pytest.mark.parametrize("period, words", [
    ("2021-Q1", "quý I năm 2021"), ("2021-Q2", "quý II và 6 tháng năm 2021"), ("2021-Q3", "quý III và 9 tháng năm 2021"),
    ("2021-Q4", "năm 2021"), ("2021-01", "1 tháng năm 2021"), ("2021-05", "5 tháng năm 2021"),
])
def test_subject_names_the_period_in_words(period, words):
    assert _subject_when(Period.parse(period), "vi") == words


def test_year_end_subject(kontum_q3, tmp_path):
    plan, obs, _ = kontum_q3
    doc = Document(write_docx(plan, kpi.assess(plan, obs, "2021-Q4"), [], tmp_path / "r.docx"))
    assert "Tình hình thực hiện các chỉ tiêu kế hoạch phát triển kinh tế - xã hội năm 2021" in [
        p.text for p in doc.paragraphs]


def test_unknown_language_is_refused(kontum_q3, tmp_path):
    plan, _, status = kontum_q3
    with pytest.raises(ValueError, match="language 'fr' is not one of vi, en"):
        write_docx(plan, status, [], tmp_path / "r.docx", lang="fr")


def test_english_subject_names_the_quarter_and_the_months_to_date():
    assert _subject_when(Period.parse("2021-Q3"), "en") == "Q3 and 9 months 2021"
    assert _subject_when(Period.parse("2021-Q1"), "en") == "Q1 2021"
    assert _subject_when(Period.parse("2021-08"), "en") == "8 months 2021"


@pytest.mark.skipif(shutil.which("soffice") is None or shutil.which("pdftoppm") is None,
                    reason="LibreOffice or poppler-utils not installed (make deps)")
def test_word_pages_fill_once_libreoffice_lays_them_out(kontum_report, tmp_path):
    """The flows chart placed 127 mm tall left page 2 half blank (it moved, whole, to page 3): a chart is placed at
    most FIGURE_MAX_MM tall, so no page but a section's last is more than 40% blank."""
    from _pages import blank_shares
    from kpi.story.figures import read_manifest

    plan, obs = kpi.load(KONTUM)
    figures = [{"name": f.name, "png": kontum_report / "figures" / f.png, "caption": f.caption,
                "targets": list(f.targets), "prints": [kontum_report / "figures" / x for x in f.prints]}
               for f in read_manifest(kontum_report / "figures")]
    assert [f["name"] for f in figures] == ["trend-grdp_growth", "flows", "scorecard"]
    assert [len(f["prints"]) for f in figures] == [0, 3, 2]   # the tall charts in parts, as the exporter places them
    path = write_docx(plan, kpi.assess(plan, obs, "2021-Q3"), figures, tmp_path / "report.docx")
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(path)], check=True, capture_output=True, timeout=300)
    shares = blank_shares(tmp_path / "report.pdf", top_mm=20, bottom_mm=20)  # the decree's 20-mm top and bottom
    portrait = [n for n, landscape, _ in shares if not landscape]
    ends = {portrait[-1], shares[-1][0]}  # the report's last page before the landscape appendix; the appendix's last
    assert len(portrait) >= 3 and len(shares) > len(portrait)
    assert {n: round(s, 2) for n, _, s in shares if n not in ends and s > 0.40} == {}
