"""The slide deck (python-pptx), made to be read from the back of a meeting room.

Title; the one-page summary for leaders (``kpi.story.summary``); one slide per figure that shows a figure,
with its takeaway; the scorecard of the targets with a figure, a few rows a slide; and one closing
list of the targets with no figure yet. Nothing on a slide is smaller than ``MIN_PT`` (pictures aside):
a table that would not fit is split over more slides rather than shrunk. Bullets are real bullets
(hanging indent), and each slide's speaker notes carry its numbers and their sources.
"""
from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches, Pt

from ..text.formatting import DIGITS, number
from ..text.labels import HEADINGS, KIND_LABELS, SECTION, SLIDE, SUMMARY, status_label
from ..model.period import Period
from ..model.plan import Plan
from ..story.sections import attention, data_until, figure_text, rule_text, takeaway, verdict_text
from ..story.summary import counts_text, summarise
from ..text.theme import ACCENT as ACCENT_HEX
from ..text.status import status_of
from ..text.theme import FONT, INK, PALE_FILL, WHITE_INK

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
MIN_PT = 18
"""The smallest text on a slide."""
TITLE_PT = 28
ROWS_PER_SLIDE = 6
"""Scorecard rows a slide holds at ``MIN_PT`` (a long name takes two lines)."""
BULLET = "•"
INDENT_EM = 0.8
"""Hanging indent of a bullet, in em."""
ACCENT = RGBColor.from_string(ACCENT_HEX.lstrip("#").upper())
_EM = 0.56
"""Average advance of DejaVu Sans, in em, to estimate how many lines a text takes."""


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def lines_needed(text: str, width, size: float = MIN_PT) -> int:
    """Lines ``text`` takes in a box ``width`` (EMU) wide at ``size`` points (an estimate that errs long)."""
    per_line = max(1, int(Emu(int(width)).pt / (_EM * size)))
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))


def _bullet(para, size: float) -> None:
    """A real bullet: the character in ``a:buChar`` and a hanging indent, so wrapped lines align."""
    ppr = para._p.get_or_add_pPr()
    indent = int(Pt(size * INDENT_EM))
    ppr.set("marL", str(indent))
    ppr.set("indent", str(-indent))
    for tag in ("a:buNone", "a:buAutoNum", "a:buChar", "a:buFont"):
        for old in ppr.findall(qn(tag)):
            ppr.remove(old)
    font = ppr.makeelement(qn("a:buFont"), {"typeface": FONT})
    char = ppr.makeelement(qn("a:buChar"), {"char": BULLET})
    ppr.append(font)
    ppr.append(char)


def _text(slide, lines, left, top, width, height, *, size: float = MIN_PT, bold: bool = False,
          colour: RGBColor | None = None, bullets: bool = False, gap: float = 0):
    """A text box of ``lines`` (a string: one paragraph a line), each a bullet if ``bullets``."""
    box = slide.shapes.add_textbox(Emu(int(left)), Emu(int(top)), Emu(int(width)), Emu(int(height)))
    frame = box.text_frame
    frame.word_wrap = True
    items = lines.split("\n") if isinstance(lines, str) else list(lines)
    for i, line in enumerate(items):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        if bullets:
            _bullet(para, size)
        if gap and i:
            para.space_before = Pt(gap)
        run = para.add_run()
        run.text = line
        run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT
        if colour is not None:
            run.font.color.rgb = colour
    return box


def _slide(deck, title: str, subtitle: str = "", notes=()):
    """A blank slide with its title, an optional subtitle (``MIN_PT``) and speaker notes."""
    slide = deck.slides.add_slide(deck.slide_layouts[6])  # blank
    _text(slide, title, MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(0.7), size=TITLE_PT, bold=True,
          colour=ACCENT)
    if subtitle:
        _text(slide, subtitle, MARGIN, Inches(1.0), WIDTH - 2 * MARGIN, Inches(0.8), size=MIN_PT)
    if notes:
        slide.notes_slide.notes_text_frame.text = "\n".join(notes)
    return slide


def _top(subtitle: str) -> int:
    """Where the content starts under a title and a subtitle of one or two lines."""
    return Inches(1.1) + Inches(0.35) * lines_needed(subtitle, WIDTH - 2 * MARGIN) if subtitle else Inches(1.2)


def source_line(row, lang: str) -> str:
    """One target's numbers and source, for the speaker notes."""
    if not row["as_of"]:
        return f"{row['name']}: {status_of('no_data').word(lang).lower()} ({SECTION[lang]['plan'].lower()} " \
               f"{rule_text(row, lang)})."
    pct = row["attainment_pct"]
    share = "" if pct != pct else f", {number(pct, lang, digits=DIGITS['attainment_pct'])}% {SECTION[lang]['of_plan']}"
    kind = KIND_LABELS[lang].get(row["kind"], row["kind"])
    source = row["source"] or SECTION[lang]["derived"]
    return (f"{row['name']}: {figure_text(row, lang)} ({Period.parse(row['as_of']).label(lang)}, {kind}){share}; "
            f"{SECTION[lang]['plan'].lower()} {rule_text(row, lang)}; {verdict_text(row, lang)}. "
            f"{SLIDE[lang]['sources']}: {source}")


def _picture(slide, path: Path, top, details: list[str]) -> None:
    """The picture, as large as fits below ``top``, aspect kept.

    A tall picture goes left, with as many of ``details`` as fit at ``MIN_PT`` in the space on its right.
    """
    from PIL import Image

    with Image.open(path) as im:
        w, h = im.size
    box_w, box_h = WIDTH - 2 * MARGIN, HEIGHT - top - Inches(0.3)
    scale = min(box_w / w, box_h / h)
    pw, ph = int(w * scale), int(h * scale)
    free = box_w - pw - Inches(0.3)
    if details and free > Inches(3.5):
        slide.shapes.add_picture(str(path), Emu(int(MARGIN)), Emu(int(top)), Emu(pw), Emu(ph))
        room, shown = int(box_h / Pt(MIN_PT * 1.25)), []
        for d in details:
            room -= lines_needed(d, free - Pt(MIN_PT * INDENT_EM))
            if room < 0:
                break
            shown.append(d)
        if shown:
            _text(slide, shown, MARGIN + pw + Inches(0.3), top, free, box_h, bullets=True, gap=4)
    else:
        slide.shapes.add_picture(str(path), Emu(int((WIDTH - pw) / 2)), Emu(int(top)), Emu(pw), Emu(ph))


def figure_slides(status: pd.DataFrame, folder: Path, figures, lang: str) -> list[tuple]:
    """(title, takeaway, png, details, notes) for each figure of the manifest that shows a figure, in order.

    A figure whose targets all have no figure yet gets no slide: they are in the closing list.
    """
    h = HEADINGS[lang]
    rows = status.set_index("indicator", drop=False)
    known = status[status["as_of"] != ""]
    out = []
    for fig in figures:
        png = folder / "figures" / fig.png
        shown = known[known["indicator"].isin(fig.targets)]
        if shown.empty:
            continue
        notes = [source_line(r, lang) for _, r in shown.iterrows()]
        if fig.name == "scorecard":
            need = attention(status)
            out.append((h["by_quarter"], counts_text(summarise(status, lang), lang), png,
                        [f"{verdict_text(r, lang, capital=True)}: {r['name']}" for _, r in need.iterrows()],
                        [source_line(r, lang) for _, r in need.iterrows()]))
        elif len(fig.targets) == 1:
            row = rows.loc[fig.targets[0]]
            out.append((row["name"], takeaway(row, lang), png, [], notes))
        elif fig.name == "structure":
            current = shown[~shown["stale"]]
            line = "; ".join(f"{r['name']} {figure_text(r, lang)} ({rule_text(r, lang)})" for _, r in current.iterrows())
            out.append((h["structure"], line or takeaway(shown.iloc[0], lang), png, [], notes))
        else:
            fresh = shown[~shown["stale"]]
            first = fresh.iloc[0] if len(fresh) else shown.iloc[0]
            need = attention(shown)
            others = [r for _, r in need.iterrows() if r["indicator"] != first["indicator"]]
            out.append((fig.caption or h.get(fig.name, fig.name), takeaway(first, lang), png,
                        [takeaway(r, lang) for r in others], notes))
    return out


def _title_slide(deck, plan: Plan, status: pd.DataFrame, lang: str, as_of) -> None:
    t = SLIDE[lang]
    period = status["period"].iloc[0]
    latest = data_until(status, lang)
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    width = WIDTH - 2 * MARGIN
    _text(slide, plan.region(lang).upper(), MARGIN, Inches(1.4), width, Inches(0.5), size=20, bold=True)
    _text(slide, plan.title(lang), MARGIN, Inches(2.0), width, Inches(1.8), size=36, bold=True, colour=ACCENT)
    _text(slide, f"{Period.parse(period).label(lang)} ({period})", MARGIN, Inches(4.0), width, Inches(0.6), size=28)
    made = as_of.strftime("%d/%m/%Y")  # the report's as-of date: the same deck whatever day it is rendered
    _text(slide, [plan.document, f"{t['data']}: {latest} · {t['made']}: {made}"], MARGIN, Inches(4.9), width,
          Inches(1.2))
    slide.notes_slide.notes_text_frame.text = "\n".join(
        [plan.document, f"{t['data']}: {latest}", f"{t['made']}: {made}"])


def _summary_slide(deck, status: pd.DataFrame, lang: str) -> None:
    """The one-page summary: counts by status, the five targets most in need, the projection."""
    t = SLIDE[lang]
    s = summarise(status, lang)
    rows = status.set_index("indicator", drop=False)
    notes = [counts_text(s, lang), ""] + [source_line(rows.loc[p.indicator], lang) for p in s.points] + ["", s.projection]
    slide = _slide(deck, t["headline"], f"{Period.parse(s.period).label(lang)} · {s.total} {t['targets']}", notes)
    top = Inches(1.6)
    table = slide.shapes.add_table(len(s.counts), 2, MARGIN, top, Inches(3.6), Inches(0.5) * len(s.counts)).table
    _plain(table)  # every row is data: no header band
    table.columns[0].width, table.columns[1].width = Inches(2.8), Inches(0.8)
    for i, (st, n) in enumerate(s.counts):
        _cell(table.cell(i, 0), status_of(st).word(lang), fill=status_of(st).colour, white=status_of(st).dark)
        _cell(table.cell(i, 1), str(n), bold=True, fill=PALE_FILL)
    left = MARGIN + Inches(3.9)
    width = WIDTH - MARGIN - left
    projection_h = Inches(0.35) * lines_needed(s.projection, WIDTH - 2 * MARGIN) + Inches(0.45)
    bottom = HEIGHT - Inches(0.3) - projection_h
    heading = SUMMARY[lang]["attention"].format(n=len(s.points)) if s.points else SECTION[lang]["attention"]
    _text(slide, heading, left, top - Inches(0.1), width, Inches(0.5), bold=True)
    items = [p.text for p in s.points] or [t["none"]]
    room = int((bottom - top - Inches(0.5)) / Pt(MIN_PT * 1.25))
    if sum(lines_needed(x, width - Pt(MIN_PT * INDENT_EM)) for x in items) > room:  # too long: projections to the notes
        items = [p.sentence for p in s.points]
    _text(slide, items, left, top + Inches(0.4), width, bottom - top - Inches(0.4), bullets=bool(s.points), gap=6)
    _text(slide, [t["projection"], s.projection], MARGIN, bottom, WIDTH - 2 * MARGIN, projection_h)
    slide.shapes[-1].text_frame.paragraphs[0].runs[0].font.bold = True


def _scorecard_slides(deck, status: pd.DataFrame, lang: str) -> None:
    """The targets with a figure, ``ROWS_PER_SLIDE`` a slide, at ``MIN_PT``."""
    t = SLIDE[lang]
    known = status[status["as_of"] != ""]
    rows = list(known.itertuples(index=False))
    pages = [rows[i:i + ROWS_PER_SLIDE] for i in range(0, len(rows), ROWS_PER_SLIDE)]
    widths = [Inches(4.0), Inches(2.3), Inches(2.6), Inches(1.2), Inches(2.233)]
    for k, page in enumerate(pages, start=1):
        notes = [source_line(r._asdict(), lang) for r in page]
        slide = _slide(deck, f"{t['scorecard']} ({k}/{len(pages)})", notes=notes)
        table = slide.shapes.add_table(len(page) + 1, 5, MARGIN, Inches(1.2), sum(widths, Emu(0)),
                                       Inches(0.55) * (len(page) + 1)).table
        for j, (head, w) in enumerate(zip(t["cols"], widths)):
            table.columns[j].width = w
            _cell(table.cell(0, j), head, bold=True)
        for i, r in enumerate(page, start=1):
            row = r._asdict()
            _cell(table.cell(i, 0), ("   " if row["parent"] else "") + row["name"])
            _cell(table.cell(i, 1), rule_text(row, lang))
            _cell(table.cell(i, 2), figure_text(row, lang) + (
                f" ({Period.parse(row['as_of']).span(lang)})" if row["stale"] else ""))
            pct = row["attainment_pct"]
            _cell(table.cell(i, 3), "" if pct != pct else f"{number(pct, lang, digits=DIGITS['attainment_pct'])}%")
            verdict = status_label(row["status"], lang, approximate=bool(row.get("approximate", False)))
            _cell(table.cell(i, 4), verdict, fill=status_of(row["status"]).colour, white=status_of(row["status"]).dark)


LINE_SPACING = 1.2
"""Height of a line of text in em: PowerPoint and LibreOffice set DejaVu Sans at 1.17 (measured on a rendered slide)."""


def no_data_columns(names: list[str], width, height, columns: int = 3) -> list[list[list[str]]]:
    """``names`` laid out as slides of ``columns`` columns of bullets (``width`` × ``height`` EMU each), in order.

    A name is never split between two columns: each column is a text box of its own, filled up to the lines
    it holds at ``MIN_PT``.
    """
    room = int(height / Pt(MIN_PT * LINE_SPACING))
    slides, column, used = [[]], [], 0
    for name in names:
        n = lines_needed(name, width - Pt(MIN_PT * INDENT_EM))
        if column and used + n > room:
            slides[-1].append(column)
            if len(slides[-1]) == columns:
                slides.append([])
            column, used = [], 0
        column.append(name)
        used += n
    slides[-1].append(column)
    return slides


def _no_data_slides(deck, status: pd.DataFrame, lang: str) -> None:
    """The targets with no figure yet where one was due, in three columns at ``MIN_PT`` (more slides only if they
    overflow); those whose calendar owes none yet (``not_due``) are no alarm, and not listed."""
    t = SLIDE[lang]
    missing = list(status.loc[(status["as_of"] == "") & (status["status"] != "not_due"), "name"])
    if not missing:
        return
    columns, top, gap = 3, Inches(1.0), Inches(0.2)
    col_w = (WIDTH - 2 * MARGIN - gap * (columns - 1)) / columns
    height = HEIGHT - top - Inches(0.2)
    pages = no_data_columns(missing, col_w, height, columns)
    period = Period.parse(status["period"].iloc[0]).label(lang)
    for k, page in enumerate(pages, start=1):
        title = f"{t['no_data_title']} ({len(missing)})" + (f" — {k}/{len(pages)}" if len(pages) > 1 else "")
        names = [n for column in page for n in column]
        slide = _slide(deck, title, notes=[f"{period}: {status_of('no_data').word(lang).lower()}."]
                       + [source_line(r, lang) for _, r in status[status["name"].isin(names)].iterrows()])
        for i, column in enumerate(page):
            _text(slide, column, MARGIN + i * (col_w + gap), top, col_w, height, bullets=True)


def build_deck(plan: Plan, status: pd.DataFrame, folder: Path, *, lang: str = "vi", figures=(), as_of=None) -> Path:
    """Write ``folder/slides.pptx`` from the assessment and the figures of the manifest; ``as_of``: the date the
    report is made as of (default ``kpi.assessment.reporting.report_date``)."""
    from ..assessment.reporting import report_date

    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    _title_slide(deck, plan, status, lang, as_of or report_date(plan, status["period"].iloc[0]))
    _summary_slide(deck, status, lang)
    for title, line, png, details, notes in figure_slides(status, folder, figures, lang):
        slide = _slide(deck, title, line, notes)
        _picture(slide, png, _top(line), details)
    _scorecard_slides(deck, status, lang)
    _no_data_slides(deck, status, lang)
    path = folder / "slides.pptx"
    deck.save(path)
    return path


def _plain(table) -> None:
    """No header row and no banding: for a table whose first row is data."""
    table.first_row = False
    table.horz_banding = False


def _cell(cell, text: str, *, size: int = MIN_PT, bold: bool = False, fill: str | None = None, white: bool = False):
    cell.text = ""
    run = cell.text_frame.paragraphs[0].add_run()
    run.text = text
    run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT
    cell.margin_top = cell.margin_bottom = Inches(0.04)
    if fill:
        cell.fill.solid()
        cell.fill.fore_color.rgb = _rgb(fill)
        run.font.color.rgb = _rgb(WHITE_INK if white else INK)


def export(ctx) -> list[Path]:
    """Exporter ``slides``: ``slides.pptx``."""
    return [build_deck(ctx.plan, ctx.status, ctx.folder, lang=ctx.lang, figures=ctx.drawn(), as_of=ctx.as_of)]
