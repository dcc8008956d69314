"""report.docx: the quarterly report in the Vietnamese administrative format (Decree 30/2020/NĐ-CP, Appendix I).

``write_docx(plan, status, figures, path)`` writes an editable Word document: the header block (issuing
body and number on the left, national name and motto on the right, the date line), the title "BÁO CÁO" and
the subject, one section per group of targets with the computed sentences and the charts, a summary of the
statuses, the recipients and the signature block left for the office, and a landscape appendix with every
target in one table. Everything is a Word structure (styles, tables, page-number and caption fields), never
an image of text. Text from the plan or the data goes in as plain text, with the control characters that XML
forbids removed.
"""
from __future__ import annotations

import re
import string
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from ..text.formatting import DIGITS, check_lang, is_missing, nfc, number, quantity
from ..text.abbreviations import FirstUse
from ..text.labels import DOCX, ISSUING_BODIES, ISSUING_BODY_WORDS, status_label
from ..model.period import Period
from ..model.plan import Plan
from ..model.rules import rule_words
from ..story.outline import roman, row_numbers
from ..story.story import tell
from ..text.theme import DOCUMENT_FONT, DOCUMENT_INK, argb

BODY_PT = 14
"""Body text, headings, the date line and the page numbers: 13-14 pt by the decree."""
TABLE_PT = 12
PAGE_MM = (210, 297)
"""A4 portrait; the appendix turns it to landscape."""
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
"""Within the decree's ranges: top and bottom 20-25, left 30-35, right 15-20 mm."""
FIRST_LINE_MM = 12.7
"""First-line indent of body paragraphs (1-1.27 cm)."""
HEADER_COLUMNS_MM = (66, 99)
"""The header block: issuing body | national name and motto (the text column is 165 mm wide)."""
APPENDIX_COLUMNS_MM = (12, 74, 26, 30, 34, 20, 21, 35)
"""TT, target, unit, plan, actual, % of plan, a year earlier, status: the landscape text column (252 mm)."""
BLANK_MAX = 0.40
"""The most of a page's text area left blank (but for a section's last page): a picture that does not fit at
the foot of a page moves, whole with its caption, to the next one, and leaves at most its own height blank."""
CAPTION_MM = 12
"""A figure's caption and the space around picture and caption: one 13-pt line, 6 pt before, 9 pt after."""
FIGURE_MAX_MM = (PAGE_MM[1] - MARGINS_MM["top"] - MARGINS_MM["bottom"]) * BLANK_MAX - CAPTION_MM
"""The tallest a chart is placed (about 90 mm): picture and caption within ``BLANK_MAX`` of the text area."""
TO_COLUMNS_MM = (45, 120)
"""'Kính gửi:' | the recipients, one a line (the text column is 165 mm wide)."""
_UNUSED_PARTS = ("http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail",
                 "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties")
"""Parts of python-docx's template that describe the template, not the report: a thumbnail of an empty page and
app.xml ('Microsoft Macintosh Word', 'Normal.dotm'); both optional, and Word writes its own on saving."""

_CAPS_MM = 3.0
"""About the width of a 13-pt bold capital, to size the line under the issuing body (a third to a half of it)."""
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_BREAKS = re.compile("[\t\n\r]+")
_SPLIT_ISSUER = tuple(body + " " for body in ISSUING_BODIES)
"""An issuing body's first line in the header block; the region goes on the second."""


def write_docx(plan: Plan, status: pd.DataFrame, figures: Sequence[dict], path: Path | str, *,
               lang: str = "vi", made: datetime | None = None) -> Path:
    """Write the report as a Word document in the administrative format of Decree 30/2020/NĐ-CP.

    Parameters
    ----------
    plan : the plan, from ``kpi.load_plan``; gives the issuing body, the place and the basis document.
    status : the assessment at one period, from ``kpi.assess(plan, obs, period, lang=lang)``.
    figures : the report's figure manifest, in report order: dicts with ``name``, ``png`` (a 300-dpi PNG),
        ``caption``, ``targets`` (ids) and optionally ``prints`` (the PNGs of its parts, placed instead); a
        figure goes into the section of its first target. May be empty.
    path : the ``.docx`` to write (its folder is created).
    lang : ``'vi'`` (default) or ``'en'``: every fixed text; the data's texts come from ``status``.
    made : when the report is made, the file's creation time (default: now).

    Returns
    -------
    The path written.

    Notes
    -----
    This is the report that goes out, addressed as the plan's issuer block says (recipients, copies, drafting
    unit, signer). Which offices have not yet reported is the office's own business: it is in the HTML/PDF
    report (the working copy) and ``kpi status``, never here.
    """
    t = DOCX[check_lang(lang)]
    path = Path(path)
    period = Period.parse(str(status["period"].iloc[0]))
    when = _subject_when(period, lang)
    doc = Document()
    _styles(doc, lang)
    section = doc.sections[0]
    _page(section, landscape=False)
    _page_numbers(section)

    subject = t["subject"].format(when=when)
    _header_block(doc, plan, lang)
    _title(doc, t["kind"], subject)
    _addressees(doc, plan, lang)

    latest = Period.latest(status["as_of"])
    key = "opening" if plan.document else "opening_no_doc"
    _body(doc, t[key].format(document=_document(plan, lang), when=when,
                             latest=latest.in_text(lang) if latest else t["latest_none"]))
    story = tell(status, lang)
    for sentence in story.amendments:  # a target amended since the plan (revised:)
        _body(doc, sentence)

    by_group = _figures_by_group(status, figures)
    numbered = 0
    for section in story.sections:
        _heading(doc, f"{section.number}. {section.name}")
        for point in section.points:  # with its year-end estimate, as the summary page gives it
            _body(doc, f"- {point.text}")
        for sentence in (section.no_figure, section.not_due):  # a figure due, then none owed yet
            if sentence:
                _body(doc, sentence)
        for fig in by_group.get(section.group, []):
            numbered += 1
            _figure(doc, fig, numbered, lang)
    for fig in by_group.get(None, []):
        numbered += 1
        _figure(doc, fig, numbered, lang)

    _heading(doc, f"{roman(len(story.sections) + 1)}. {t['summary']}")
    parts = [t["count"].format(n=n, label=status_label(s, lang).lower() if lang == "vi" else status_label(s, lang))
             for s, n in story.summary.counts]
    summary = [_body(doc, t["counts"].format(n=story.summary.total, parts=t["count_sep"].join(parts))),
               _body(doc, story.summary.projection),
               _body(doc, t["see_appendix"])]
    for para in summary:  # the summary and the signature stay on one page
        para.paragraph_format.keep_with_next = True
    _spell_out(doc, lang)
    _closing(doc, plan, lang)

    _appendix(doc, plan, status, subject, lang)
    _properties(doc, plan, subject, lang, made)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path


# --- text ---------------------------------------------------------------------------------------
def _clean(text) -> str:
    """Text safe for XML: NFC, control characters removed, tabs and line breaks as spaces."""
    text = "" if text is None or is_missing(text) else str(text)
    return _FORBIDDEN.sub("", _BREAKS.sub(" ", nfc(text)))


def _document(plan: Plan, lang: str) -> str:
    """The source document as the opening sentence names it: its English name in English when the plan gives one,
    else its Vietnamese name, quoted and said to be Vietnamese."""
    name = plan.document_name(lang)
    if name or not plan.document:
        return name
    return DOCX[lang]["document_vi"].format(document=plan.document)


def _in_text(plan: Plan, lang: str) -> str:
    """The issuer in running text: 'Ủy ban nhân dân tỉnh Kon Tum', 'Kon Tum Provincial People's Committee'."""
    issuer = _clean(plan.issuer(lang))
    if lang != "vi":
        return string.capwords(issuer) if issuer.isupper() else issuer
    lines = _issuer_lines(issuer)
    if len(lines) == 2 and lines[0] in ISSUING_BODY_WORDS:
        region = plan.region("vi")
        place = region[0].lower() + region[1:] if lines[1] == region.upper() else string.capwords(lines[1])
        return f"{ISSUING_BODY_WORDS[lines[0]]['vi']} {place}"
    return issuer


def _body_of(plan: Plan, lang: str) -> str:
    """The issuing body on the signature's first line: 'ỦY BAN NHÂN DÂN' ('TM. ỦY BAN NHÂN DÂN')."""
    first = _issuer_lines(_clean(plan.issuer("vi")))[0]
    words = ISSUING_BODY_WORDS.get(first, ISSUING_BODY_WORDS[ISSUING_BODIES[0]])
    return first if lang == "vi" else words["en"]


def _subject_when(period: Period, lang: str) -> str:
    """The period in a subject line: 'quý III và 9 tháng năm 2021', 'năm 2021'; 'Q3 and 9 months 2021'."""
    return period.subject(lang)


def _cell_figure(row, lang: str) -> tuple[str, str]:
    """The actual in the appendix (number and qualifier, the unit only where it is a percent) and, for a
    figure of an earlier period, that period: ('6,79%', '(6 tháng năm 2021)')."""
    if is_missing(row["actual"]):
        return "—", ""
    unit = row["unit"] if row["unit"] == "%" else ""
    text = quantity(row["actual"], unit, lang, qualifier=row["qualifier"])
    if row["as_of"] and row["as_of"] != row["period"]:
        return text, f"({Period.parse(row['as_of']).label(lang)})"
    return text, ""


# --- styles and page ----------------------------------------------------------------------------
def _fonts(rpr, *, size: float | None = None, bold: bool | None = None, italic: bool | None = None) -> None:
    """Times New Roman for every script (ascii, hAnsi, cs, eastAsia; no theme font), black, and a size."""
    old = rpr.find(qn("w:rFonts"))
    if old is not None:
        rpr.remove(old)
    fonts = OxmlElement("w:rFonts")
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), DOCUMENT_FONT)
    rpr.insert(0, fonts)
    for tag, value in (("w:b", bold), ("w:bCs", bold), ("w:i", italic), ("w:iCs", italic)):
        if value is not None:
            _set_child(rpr, tag, None if value else "0")
    colour = rpr.find(qn("w:color"))
    if colour is not None:
        rpr.remove(colour)
    _set_child(rpr, "w:color", argb(DOCUMENT_INK))
    if size is not None:
        _set_child(rpr, "w:sz", str(int(size * 2)))
        _set_child(rpr, "w:szCs", str(int(size * 2)))


def _set_child(parent, tag: str, val: str | None) -> None:
    """Replace ``parent``'s child ``tag`` with one whose ``w:val`` is ``val`` (no attribute for None)."""
    old = parent.find(qn(tag))
    if old is not None:
        parent.remove(old)
    child = OxmlElement(tag)
    if val is not None:
        child.set(qn("w:val"), val)
    parent.append(child)


def _styles(doc, lang: str) -> None:
    """Times New Roman in black everywhere; Normal 14 pt single-spaced; body, headings, tables, captions."""
    styles = doc.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(rpr, size=BODY_PT)
    language = rpr.find(qn("w:lang"))
    language.set(qn("w:val"), "vi-VN" if lang == "vi" else "en-GB")
    language.set(qn("w:eastAsia"), "vi-VN" if lang == "vi" else "en-GB")
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")

    normal = styles["Normal"]
    _fonts(normal.element.get_or_add_rPr(), size=BODY_PT)
    normal.paragraph_format.space_before = normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0

    body = styles["Body Text"]
    _fonts(body.element.get_or_add_rPr(), size=BODY_PT)
    pf = body.paragraph_format
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    pf.first_line_indent = Mm(FIRST_LINE_MM)
    pf.space_before, pf.space_after, pf.line_spacing = Pt(0), Pt(6), 1.15

    for name in ("Heading 1", "Heading 1 Char"):
        _fonts(styles[name].element.get_or_add_rPr(), size=BODY_PT, bold=True, italic=False)
    heading = styles["Heading 1"].paragraph_format
    heading.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    heading.first_line_indent = Mm(FIRST_LINE_MM)
    heading.space_before, heading.space_after, heading.line_spacing = Pt(6), Pt(6), 1.15
    heading.keep_with_next = True

    caption = styles["Caption"]
    _fonts(caption.element.get_or_add_rPr(), size=13, bold=False, italic=True)
    cf = caption.paragraph_format
    cf.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cf.space_before, cf.space_after = Pt(3), Pt(9)

    header = styles["Header"]
    _fonts(header.element.get_or_add_rPr(), size=BODY_PT)
    header.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    table = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    assert table.style_id == _TABLE_TEXT_ID
    table.base_style = normal
    _fonts(table.element.get_or_add_rPr(), size=TABLE_PT)
    tf = table.paragraph_format
    tf.space_before, tf.space_after, tf.line_spacing = Pt(2), Pt(2), 1.0


def _page(section, *, landscape: bool) -> None:
    """A4 in the given orientation, the decree's margins."""
    width, height = PAGE_MM
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(height), Mm(width)) if landscape else (Mm(width), Mm(height))
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance = section.footer_distance = Mm(10)


def _field(paragraph, instruction: str, shown: str):
    """A Word field (``PAGE``, ``SEQ ...``) with the result ``shown`` until Word updates it."""
    def run(*children):
        r = paragraph.add_run()._r
        for child in children:
            r.append(child)
        return r

    def char(kind: str):
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), kind)
        return el

    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run(char("begin"))
    run(instr)
    run(char("separate"))
    paragraph.add_run(shown)
    run(char("end"))


def _page_numbers(section) -> None:
    """Arabic page numbers from 1, centred in the top margin, none on the first page."""
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    section.header.is_linked_to_previous = False
    para = section.header.paragraphs[0]
    para.style = "Header"
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(para, "PAGE", "2")
    numbering = section._sectPr.find(qn("w:pgNumType"))
    if numbering is None:
        numbering = OxmlElement("w:pgNumType")
        section._sectPr.append(numbering)
    numbering.set(qn("w:fmt"), "decimal")
    numbering.set(qn("w:start"), "1")


# --- blocks -------------------------------------------------------------------------------------
def _para(container, text: str = "", *, style: str | None = None, align=None, size: float | None = None,
          bold: bool = False, italic: bool = False, underline: bool = False, before: float = 0,
          after: float = 0, indent: bool = False):
    """A paragraph of plain text with direct formatting (header block, signature, tables)."""
    para = container.add_paragraph(style=style)
    if text:
        run = para.add_run(_clean(text))
        run.bold, run.italic, run.underline = bold or None, italic or None, underline or None
        if size:
            run.font.size = Pt(size)
    pf = para.paragraph_format
    if align is not None:
        pf.alignment = align
    pf.space_before, pf.space_after = Pt(before), Pt(after)
    if not indent:
        pf.first_line_indent = Pt(0)
    return para


def _rule_line(container, width_mm: float, column_mm: float, *, after: float = 0) -> None:
    """A short horizontal line, centred in a column ``column_mm`` wide (a paragraph's bottom border)."""
    para = container.add_paragraph()
    pf = para.paragraph_format
    pf.left_indent = pf.right_indent = Mm(max(0.0, (column_mm - width_mm) / 2))
    pf.space_before, pf.space_after, pf.first_line_indent = Pt(0), Pt(after), Pt(0)
    ppr = para._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for attr, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", argb(DOCUMENT_INK))):
        bottom.set(qn(attr), value)
    borders.append(bottom)
    ppr.append(borders)
    mark = OxmlElement("w:rPr")  # the empty line itself is 2 pt high
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "4")
    mark.append(size)
    ppr.append(mark)


def _borderless(doc, rows: int, widths_mm: Sequence[float]):
    """A layout table with no borders, fixed column widths."""
    table = doc.add_table(rows=rows, cols=len(widths_mm))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _widths(table, widths_mm)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    table._tbl.tblPr.append(borders)
    for cell in table._cells:
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    return table


def _widths(table, widths_mm: Sequence[float]) -> None:
    """Fixed layout: the grid, the table width and every cell's width (Word and LibreOffice read different ones)."""
    table.autofit = False
    tbl_pr = table._tbl.tblPr
    width = OxmlElement("w:tblW")
    width.set(qn("w:w"), str(int(sum(widths_mm) * 56.6929)))
    width.set(qn("w:type"), "dxa")
    old = tbl_pr.find(qn("w:tblW"))
    if old is not None:
        tbl_pr.remove(old)
    tbl_pr.append(width)
    for col, w in zip(table.columns, widths_mm):
        col.width = Mm(w)
    for row in table.rows:
        for cell, w in zip(row.cells, widths_mm):
            cell.width = Mm(w)


def _issuer_lines(issuer: str) -> list[str]:
    """'ỦY BAN NHÂN DÂN TỈNH KON TUM' -> ['ỦY BAN NHÂN DÂN', 'TỈNH KON TUM'], as the header block sets it."""
    for prefix in _SPLIT_ISSUER:
        if issuer.startswith(prefix) and len(issuer) > len(prefix):
            return [prefix.strip(), issuer[len(prefix):].strip()]
    return [issuer]


def _header_block(doc, plan: Plan, lang: str) -> None:
    """Issuing body and number | national name, motto and date line, as Decree 30 lays them out."""
    t = DOCX[lang]
    left_mm = HEADER_COLUMNS_MM[0]
    table = _borderless(doc, 2, HEADER_COLUMNS_MM)
    left, right = table.cell(0, 0), table.cell(0, 1)
    centre = WD_ALIGN_PARAGRAPH.CENTER
    issuer = _clean(plan.issuer(lang))
    para = _para(left, align=centre)
    for i, line in enumerate(_issuer_lines(issuer)):
        if i:
            para.runs[-1].add_break(WD_BREAK.LINE)
        run = para.add_run(line)
        run.bold, run.font.size = True, Pt(13)
    longest = max(len(line) for line in _issuer_lines(issuer))
    _rule_line(left, min(longest * _CAPS_MM, left_mm) * 0.45, left_mm)
    _para(right, t["nation"], align=centre, size=12, bold=True)
    _para(right, t["motto"], align=centre, size=13, bold=True, underline=True)
    _para(table.cell(1, 0), t["number"], align=centre, size=13, before=6)
    _para(table.cell(1, 1), t["date"].format(place=_clean(plan.place(lang))), align=centre, size=14, italic=True,
          before=6)


def _title(doc, kind: str, subject: str) -> None:
    """'BÁO CÁO' and the subject, centred and bold, a short line below."""
    centre = WD_ALIGN_PARAGRAPH.CENTER
    _para(doc, kind, align=centre, size=14, bold=True, before=18)
    _para(doc, subject, align=centre, size=14, bold=True, after=0)
    _rule_line(doc, 40, sum(HEADER_COLUMNS_MM), after=12)


def _body(doc, text: str):
    """A justified body paragraph (style Body Text)."""
    return doc.add_paragraph(_clean(text), style="Body Text")


def _heading(doc, text: str):
    """A section heading (style Heading 1: bold, in the navigation pane)."""
    return doc.add_paragraph(_clean(text), style="Heading 1")


def _figures_by_group(status: pd.DataFrame, figures: Sequence[dict]) -> dict:
    """The figures by the group of their first known target (``None``: after every group)."""
    group_of = dict(zip(status["indicator"], status["group"]))
    out: dict = {}
    for fig in figures:
        group = next((group_of[i] for i in fig.get("targets") or [] if i in group_of), None)
        out.setdefault(group, []).append(fig)
    return out


def _figure(doc, fig: dict, number_: int, lang: str) -> None:
    """The chart at its print resolution, no wider than the text column nor taller than ``FIGURE_MAX_MM``; a chart
    drawn in parts for print (``prints``) is placed part by part, each under the figure's caption and number
    with '(1/2)', '(2/2)'… (Word's ``SEQ … \\c`` repeats the number)."""
    pngs = [Path(p) for p in fig.get("prints") or ()] or [Path(fig["png"])]
    label = DOCX[lang]["figure"]
    for k, png in enumerate(pngs, start=1):
        _picture(doc, png)
        caption = doc.add_paragraph(style="Caption")
        caption.add_run(f"{label} ")
        _field(caption, f"SEQ {label} \\* ARABIC" + (" \\c" if k > 1 else ""), str(number_))
        caption.add_run(f". {_clean(fig.get('caption', ''))}" + (f" ({k}/{len(pngs)})" if len(pngs) > 1 else ""))


def _picture(doc, png: Path) -> None:
    """One picture, centred, at its own size (its PNG's pixels over its dpi), within the column and
    ``FIGURE_MAX_MM``; kept with the caption that follows."""
    from PIL import Image

    with Image.open(png) as im:
        w_px, h_px = im.size
        dpi = (im.info.get("dpi") or (300, 300))[0] or 300
    column = PAGE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]
    width = min(w_px / dpi * 25.4, column, FIGURE_MAX_MM * w_px / h_px)
    para = doc.add_paragraph()
    pf = para.paragraph_format
    pf.alignment = WD_ALIGN_PARAGRAPH.CENTER
    pf.first_line_indent, pf.space_before, pf.space_after, pf.keep_with_next = Pt(0), Pt(6), Pt(0), True
    para.add_run().add_picture(str(png), width=Mm(width))


def _addressees(doc, plan: Plan, lang: str) -> None:
    """'Kính gửi:' and the plan's recipients under the title (one: on the same line; several: one a line, a dash
    before each, ';' after all but the last). Nothing when the plan names none."""
    names = [_clean(plan.dispatch.text(r, lang)) for r in plan.dispatch.recipients]
    if not names:
        return
    t = DOCX[lang]
    table = _borderless(doc, 1, TO_COLUMNS_MM)
    _para(table.cell(0, 0), t["to"], align=WD_ALIGN_PARAGRAPH.RIGHT, size=BODY_PT, after=12)
    lines = [f"{names[0]}."] if len(names) == 1 else [f"- {n}{'.' if i == len(names) - 1 else ';'}"
                                                     for i, n in enumerate(names)]
    for i, line in enumerate(lines):
        _para(table.cell(0, 1), line, size=BODY_PT, after=12 if i == len(lines) - 1 else 0)


def _spell_out(doc, lang: str) -> None:
    """Each abbreviation spelled out at its first use in the report's text (headings, paragraphs, captions), as
    Decree 30 asks: 'Ủy ban nhân dân (UBND)'. The appendix, after it, uses the short form."""
    first_use = FirstUse(lang)
    for para in doc.paragraphs:
        for run in para.runs:
            if run.text:
                run.text = first_use(run.text)


def _closing(doc, plan: Plan, lang: str) -> None:
    """'Nơi nhận:' on the left (the recipients as 'Như trên', the plan's copies, 'Lưu: VT, <drafting unit>'), the
    signature block on the right: the body, the signer's title, room to sign and the signer's name (a blank line
    when the plan gives none)."""
    t = DOCX[lang]
    dispatch = plan.dispatch
    table = _borderless(doc, 1, HEADER_COLUMNS_MM)
    _row_flag(table.rows[0], "w:cantSplit")
    left, right = table.cell(0, 0), table.cell(0, 1)
    _para(left, t["recipients"], size=12, bold=True, italic=True, before=12)
    lines = [t["as_above"]] if dispatch.recipients else []
    lines += [t["copy"].format(name=_clean(dispatch.text(c, lang))) for c in dispatch.copies]
    drafter = _clean(dispatch.text(dispatch.drafter, lang))
    lines.append(t["archive"].format(drafter=f", {drafter}" if drafter else ""))
    for line in lines:
        _para(left, line, size=11)
    centre = WD_ALIGN_PARAGRAPH.CENTER
    _para(right, t["signer_for"].format(body=_body_of(plan, lang)), align=centre, size=14, bold=True, before=12)
    for line in t["signers"][dispatch.signer]:
        _para(right, line, align=centre, size=14, bold=True)
    _para(right, t["signature"], align=centre, size=14, italic=True)
    for _ in range(3):
        _para(right)
    _para(right, dispatch.signer_name, align=centre, size=14, bold=True)


_TABLE_TEXT_ID = "TableText"
"""The id python-docx gives the paragraph style 'Table Text' (checked where the style is made)."""


def _cell_text(cell, text: str, *, align=WD_ALIGN_PARAGRAPH.LEFT, bold: bool = False, italic: bool = False,
               note: str = "", keep: bool = False) -> None:
    """Plain text in a table cell (style Table Text); a ``note`` goes on a second line, in italics.

    ``keep`` keeps the row on the page of the next one (a group row with its first target).
    """
    para = cell.paragraphs[0]
    para._p.style = _TABLE_TEXT_ID  # by id: assigning the name scans every style of the document, per cell
    para.alignment = align
    para.paragraph_format.keep_with_next = keep or None
    run = para.add_run(_clean(text))
    run.bold, run.italic = bold or None, italic or None
    if note:
        run.add_break(WD_BREAK.LINE)
        para.add_run(_clean(note)).italic = True
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _row_flag(row, tag: str) -> None:
    """Mark a table row: ``w:tblHeader`` (repeat on every page) or ``w:cantSplit``."""
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement(tag)
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _appendix(doc, plan: Plan, status: pd.DataFrame, subject: str, lang: str) -> None:
    """A landscape section: every target in one table, grouped, header row repeated on every page."""
    t = DOCX[lang]
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    _page(section, landscape=True)
    section.different_first_page_header_footer = False
    numbering = section._sectPr.find(qn("w:pgNumType"))
    if numbering is not None and numbering.get(qn("w:start")) is not None:
        del numbering.attrib[qn("w:start")]  # page numbers run on from the report

    centre = WD_ALIGN_PARAGRAPH.CENTER
    para = doc.add_paragraph(_clean(t["appendix"]), style="Heading 1")
    para.paragraph_format.alignment, para.paragraph_format.first_line_indent = centre, Pt(0)
    para.paragraph_format.space_before = Pt(0)
    _para(doc, subject.upper() if lang == "vi" else subject, align=centre, size=14, bold=True)
    _para(doc, t["appendix_of"].format(issuer=_in_text(plan, lang)), align=centre, size=14, italic=True, after=12)

    table = doc.add_table(rows=1, cols=len(APPENDIX_COLUMNS_MM))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, head in zip(table.rows[0].cells, t["columns"]):
        _cell_text(cell, head, align=centre, bold=True)
    _row_flag(table.rows[0], "w:tblHeader")
    _row_flag(table.rows[0], "w:cantSplit")

    outline = row_numbers(status)  # I, II, III and 1, 2, 3 within each, as status.xlsx numbers them
    for group in dict.fromkeys(status["group"]):
        tr = table.add_row()
        _row_flag(tr, "w:cantSplit")
        cells = tr.cells
        rows = status[status["group"] == group]
        _cell_text(cells[0], outline.loc[rows.index[0], "section"], align=centre, bold=True, keep=True)
        merged = cells[1].merge(cells[-1])
        _cell_text(merged, rows["group_name"].iloc[0], bold=True, keep=True)
        for i, row in rows.iterrows():
            tr = table.add_row()
            _row_flag(tr, "w:cantSplit")
            cells = tr.cells
            child = bool(row["parent"])
            pct = "" if is_missing(row["attainment_pct"]) else number(row["attainment_pct"], lang, digits=DIGITS["attainment_pct"])
            last = "" if is_missing(row["last_year"]) else quantity(row["last_year"], row["unit"] if row["unit"] == "%"
                                                                   else "", lang)
            actual, when = _cell_figure(row, lang)
            texts = [outline.loc[i, "number"], (t["of_which"] if child else "") + _clean(row["name"]),
                     row["unit"], rule_words(row, lang, with_unit=False), actual, pct, last,
                     status_label(row["status"], lang, approximate=bool(row.get("approximate", False)))]
            for j, (cell, text) in enumerate(zip(cells, texts)):
                _cell_text(cell, text, align=WD_ALIGN_PARAGRAPH.LEFT if j == 1 else centre, italic=child and j == 1,
                           note=when if j == 4 else "")
    _widths(table, APPENDIX_COLUMNS_MM)


def _properties(doc, plan: Plan, subject: str, lang: str, made: datetime | None) -> None:
    """What File > Properties shows: title (the subject), author (the issuer), created and modified (the render
    time), language; nothing of python-docx's 2013 template (its dates, thumbnail and app.xml are dropped)."""
    core = doc.core_properties
    when = (made or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(microsecond=0, tzinfo=None)
    core.title = _clean(subject)
    core.subject = _clean(plan.title(lang))
    core.author = _clean(plan.issuer(lang))
    core.created = core.modified = when
    core.last_modified_by = core.keywords = core.category = core.comments = ""
    core.revision = 1
    core.language = "vi-VN" if lang == "vi" else "en-GB"
    rels = doc.part.package.rels
    for rid in [rid for rid, rel in rels.items() if rel.reltype in _UNUSED_PARTS]:
        rels.pop(rid)


def export(ctx) -> list[Path]:
    """Exporter ``docx``: ``report.docx`` with the figures of the manifest at print resolution."""
    figures = [{"name": f.name, "png": ctx.folder / "figures" / f.png, "caption": f.caption,
                "targets": list(f.targets), "prints": [ctx.folder / "figures" / x for x in f.prints]}
               for f in ctx.drawn()]
    return [write_docx(ctx.plan, ctx.status, figures, ctx.folder / "report.docx", lang=ctx.lang)]
