"""The assessment for people who open it in Excel: status.xlsx (numbers as numbers) and status.csv with a BOM.

``write_status_xlsx`` writes one sheet a reader can sort and filter: the columns named in words, numbers
stored as numbers (rounded as the report shows them) under a display format, the status cells coloured as
the charts colour them. (``status.csv`` for machines is ``kpi.documents.csv.save_csv``: UTF-8 with a byte-order
mark, without which Excel reads Vietnamese letters as Windows-1252, "Thu ngÃ¢n sÃ¡ch".)
"""
from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pandas as pd

from ..assessment.engine import PROJECTED
from ..text.formatting import DIGITS, MAX_DIGITS, bounded, check_lang, is_missing, nfc
from ..text.labels import SHEET, QUALIFIER_WORDS, status_label
from ..text.status import status_of
from ..text.theme import ACCENT, SHEET_FONT, argb
from ..model.period import Period
from ..model.plan import Plan
from ..model.rules import rule_words
from ..text.safetext import FORMULA_START
from ..story.outline import row_numbers
from ..story.sections import basis_words, reference_clauses

LOCALE_TAG = {"vi": "[$-42A]", "en": ""}
"""A number format's language, written before the format code.

An .xlsx number format is stored in one notation (``#,##0.0``: comma for thousands, point for decimals) and
each program renders it with the reader's separators. Excel takes them from the system (a Vietnamese Windows
shows 3.500 and 57,1; it ignores a language tag for the separators). LibreOffice takes them from its locale
setting unless the format carries a language: with ``[$-42A]`` (Vietnamese, LCID 0x042A) it shows 3.500 and
57,1 on any system. So the Vietnamese sheet carries the tag and the English one does not; the values stay
numbers either way (checked by converting the sheet with LibreOffice under the C, en_US and vi_VN locales).
"""
WIDTHS = (22, 5, 46, 12, 20, 14, 14, 11, 11, 18, 14, 16, 50)
"""Column widths in characters; the sections, names and sources wrap within theirs."""
REFERENCES_WIDTH = 40
"""The column of the stretch target and other references, where a plan has any."""
PERCENT_COLUMNS = (8, 9)
"""'% kế hoạch' and 'Tiến độ cần đạt': the share of the plan, shown with its % sign (the number stays 57.1)."""
HEADER_FILL = "D9D9D9"
FONT_PT, TITLE_PT, PERIOD_PT = 11, 14, 12
LINE_PT = 15
"""Height of a line of 11-pt text, in points."""
HEADER_ROW = 5
"""Rows 1-3 say what the sheet is (plan, period in words, date made), row 4 is empty, the column names are row 5."""
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_ADDRESS = re.compile(r"https?://[^\s\"'<>]+", re.ASCII)
"""A source that is a web address and nothing else becomes a link (any other text stays text)."""


def write_status_xlsx(plan: Plan, status: pd.DataFrame, path: Path | str, *, lang: str = "vi",
                      made: datetime | None = None) -> Path:
    """Write the assessment as one Excel sheet for people: words for names, numbers as numbers.

    Parameters
    ----------
    plan : the plan, from ``kpi.load_plan``: its title heads the sheet.
    status : the assessment at one period, from ``kpi.assess(plan, obs, period, lang=lang)``.
    path : the ``.xlsx`` to write (its folder is created).
    lang : ``'vi'`` (default) or ``'en'``: column names, status words, period labels and number display.
    made : when the sheet is made (its third row; default: now).

    Returns
    -------
    The path written.

    Notes
    -----
    Three rows say what the sheet is: the plan, the period in the Word report's words ('quý III và 9 tháng năm
    2021') and the day it was made. Each target's row starts with its section and number as the Word report's
    appendix numbers them ('I. Kinh tế', 1, 2, ...; '-' for a part of a target); the rows stay one per target, so
    sorting and filtering keep working. The header row and the columns up to the target's name stay in view.
    Numbers are rounded as the report prints them (``kpi.text.formatting.DIGITS``: the figure to two decimals, % of
    plan to one, the expected progress and the projection to whole numbers) and shown with a display format in
    the reader's separators; the two percent columns show their % sign ('57,1%' is the number 57.1);
    a figure published as "khoảng 2.000" is the number 2000 shown as "khoảng 2.000". The expected progress and
    the projection are given only for a figure of the period reported, as in the report's scorecard; beside
    the expected progress, how it was set in a few words ('theo 2019, 2020', '9/12 tháng'). A source that is a web
    address is a link. Every cell names its font (``SHEET_FONT``). Text from the data that a spreadsheet could take
    for a formula (``=``, ``+``, ``-``, ``@``) stays text.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    t = SHEET[check_lang(lang)]
    path = Path(path)
    book = Workbook()
    sheet = book.active
    sheet.title = t["sheet"]
    font = Font(name=SHEET_FONT, size=FONT_PT)
    day = (made or datetime.now()).date()
    when = Period.parse(str(status["period"].iloc[0])).subject(lang)
    for row, text, style in ((1, plan.title(lang), Font(name=SHEET_FONT, size=TITLE_PT, bold=True)),
                             (2, t["period"].format(when=when), Font(name=SHEET_FONT, size=PERIOD_PT, bold=True)),
                             (3, t["made"].format(day=day), Font(name=SHEET_FONT, size=FONT_PT, italic=True))):
        _text(sheet, row, 1, text).font = style
    sheet.row_dimensions[1].height = 20

    columns = t["columns"]
    # a plan with a stretch target or other references (``stretch:``, ``also:``): one more column, in words
    refs = [reference_clauses(r, lang) if r["as_of"] else [] for r in status.to_dict("records")]
    if any(refs):
        columns = (*columns, t["references"])
    sheet.row_dimensions[HEADER_ROW].height = 2 * LINE_PT + 3
    for j, name in enumerate(columns, start=1):
        cell = sheet.cell(row=HEADER_ROW, column=j, value=name)
        cell.font = Font(name=SHEET_FONT, size=FONT_PT, bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
        sheet.column_dimensions[get_column_letter(j)].width = WIDTHS[j - 1] if j <= len(WIDTHS) else REFERENCES_WIDTH

    outline = row_numbers(status)
    wrap = Alignment(wrap_text=True, vertical="top")
    link = Font(name=SHEET_FONT, size=FONT_PT, color=argb(ACCENT), underline="single")
    for i, (key, row) in enumerate(zip(status.index, status.to_dict("records")), start=HEADER_ROW + 1):
        current = bool(row["as_of"]) and not row.get("stale", False)
        flow_projection = current and row["projection_method"] in PROJECTED
        name = (t["of_which"] if row["parent"] else "") + _clean(row["name"])
        section = f"{outline.loc[key, 'section']}. {_clean(outline.loc[key, 'section_name'])}"
        number_ = outline.loc[key, "number"]
        cells = [
            _text(sheet, i, 1, section),
            sheet.cell(row=i, column=2, value=int(number_) if number_.isdigit() else number_),
            _text(sheet, i, 3, name),
            _text(sheet, i, 4, row["unit"]),
            _text(sheet, i, 5, rule_words(row, lang, with_unit=False)),
            _number(sheet, i, 6, row["actual"], "actual", lang, qualifier=row["qualifier"]),
            _text(sheet, i, 7, Period.parse(row["as_of"]).label(lang) if row["as_of"] else ""),
            _number(sheet, i, 8, row["attainment_pct"], "attainment_pct", lang, qualifier=row["qualifier"], suffix="%"),
            _number(sheet, i, 9, row["expected_pct"] if current else None, "expected_pct", lang, suffix="%"),
            _text(sheet, i, 10, basis_words(row, lang) if current else ""),
            _number(sheet, i, 11, row["projection"] if flow_projection else None, "projection", lang),
            _text(sheet, i, 12, status_label(row["status"], lang, approximate=bool(row.get("approximate", False)))),
            _text(sheet, i, 13, row["source"]),
        ]
        if any(refs):
            cells.append(_text(sheet, i, len(columns), "; ".join(refs[i - HEADER_ROW - 1])))
            cells[-1].alignment = Alignment(wrap_text=True, vertical="top")
        for cell in cells:
            cell.font = font
        for cell in (cells[0], cells[2], cells[9], cells[12]):
            cell.alignment = wrap
        cells[1].alignment = cells[6].alignment = Alignment(horizontal="center", vertical="top")
        for cell in cells[3:6] + cells[7:9] + cells[10:12]:
            cell.alignment = Alignment(vertical="top", horizontal=cell.alignment.horizontal)
        source = cells[12].value or ""
        if _ADDRESS.fullmatch(source):
            cells[12].hyperlink = source
            cells[12].font = link
        lines = max(_lines(section, WIDTHS[0]), _lines(name, WIDTHS[2]), _lines(cells[9].value or "", WIDTHS[9]),
                    _lines(source, WIDTHS[12]), _lines(cells[13].value or "", REFERENCES_WIDTH) if any(refs) else 1)
        sheet.row_dimensions[i].height = LINE_PT * lines + 3  # wrapped text: no program sizes rows on opening
        status_cell = cells[11]
        look = status_of(row["status"])
        status_cell.fill = PatternFill("solid", fgColor=argb(look.colour))
        status_cell.font = Font(name=SHEET_FONT, size=FONT_PT, color=argb(look.ink), bold=look.dark)
    last = get_column_letter(len(columns))
    sheet.freeze_panes = f"D{HEADER_ROW + 1}"  # the column names and, on the left, section, number and name
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + len(status)}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    book.properties.language = "vi-VN" if lang == "vi" else "en-GB"
    book.properties.title = _clean(t["period"].format(when=when))
    book.properties.creator = _clean(plan.issuer(lang))
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path


def _clean(text) -> str:
    """Text a cell can hold: NFC, without the control characters XML forbids."""
    text = "" if text is None or is_missing(text) else str(text)
    return _FORBIDDEN.sub("", nfc(text))


def _lines(text: str, width: int) -> int:
    """How many lines ``text`` takes in a column ``width`` characters wide (a URL breaks anywhere)."""
    return max(1, -(-len(text) // max(width - 2, 1)))


def _text(sheet, row: int, column: int, text):
    """A text cell that stays text: one starting like a formula is stored as a string with a quote prefix."""
    text = _clean(text)
    cell = sheet.cell(row=row, column=column)
    cell.value = text or None
    if text.startswith(FORMULA_START):
        cell.data_type = "s"  # openpyxl would otherwise write '=...' as a formula
        cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
    return cell


def _format(value: float, digits: int, lang: str, word: str = "", *, fixed: bool = True, suffix: str = "") -> str:
    """The display format: ``digits`` decimals (or, not ``fixed``, as many as the value has), a qualifier word
    before, a literal ``suffix`` after ('%': shown, the number not scaled)."""
    shown = digits if fixed else next((d for d in range(digits + 1) if round(value, d) == value), digits)
    code = "#,##0" + ("." + "0" * shown if shown else "")
    prefix = f'"{word}"' if word else ""
    return f'{LOCALE_TAG[lang]}{prefix}{code}{chr(34) + suffix + chr(34) if suffix else ""}'


def _number(sheet, row: int, column: int, value, name: str, lang: str, *, qualifier: str = "", suffix: str = ""):
    """A number of the assessment's column ``name``, rounded as the report prints it (``DIGITS``); empty when missing."""
    cell = sheet.cell(row=row, column=column)
    if value is None or is_missing(value):
        return cell
    digits, fixed = (MAX_DIGITS, False) if DIGITS[name] is None else (DIGITS[name], True)
    value = round(bounded(float(value), qualifier, digits), digits)  # "hơn 43,985%" is "hơn 43,9%", never 44,0
    value = int(value) if value == int(value) else value
    cell.value = value
    word = QUALIFIER_WORDS[lang].get(qualifier, "") if qualifier else ""
    cell.number_format = _format(value, digits, lang, word.replace('"', ""), fixed=fixed, suffix=suffix)
    return cell


def export(ctx) -> list[Path]:
    """Exporter ``xlsx``: ``status.xlsx`` for people (``status.csv`` stays for machines)."""
    return [write_status_xlsx(ctx.plan, ctx.status, ctx.folder / "status.xlsx", lang=ctx.lang)]
