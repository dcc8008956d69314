"""The slide deck (python-pptx), made to be read from the back of a meeting room.

Title; the one-page summary for leaders (``kpi.story.summary``); one slide per figure that shows a figure,
with its takeaway (the chart drawn for a slide, ``kpi.story.figures.SLIDE``: a long chart is one slide per
part); the scorecard of the targets with a figure, a few rows a slide; and one closing list of the targets
with no figure yet. Nothing on a slide is smaller than ``MIN_PT`` (the charts: 14 pt as placed): every text
is measured with the metrics of its font (``text_width``) and what does not fit goes on another slide rather
than overflow. The text is in Arial (``SLIDE_FONT``), which every office PC has; here it is measured and drawn
with Liberation Sans, metric-compatible. Bullets are real bullets (hanging indent), every slide but the first
has its number, tables are in the report's colours, and each slide's speaker notes carry its numbers and
their sources.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.oxml.ns import qn
from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from ..text.formatting import DIGITS, number
from ..text.labels import HEADINGS, KIND_LABELS, SECTION, SLIDE, SUMMARY, status_label
from ..model.period import Period
from ..model.plan import Plan
from ..story.sections import attention, data_until, figure_text, rule_text, verdict_text
from ..story.story import Story, tell
from ..story.summary import Summary, counts_text
from ..text.theme import ACCENT as ACCENT_HEX
from ..text.status import status_of
from ..errors import RenderError
from ..story.figures import SLIDE as SLIDE_MEDIUM
from ..text.theme import HEADER_FILL, HEADER_INK, INK, MUTED, PALE_FILL, SLIDE_FONT, SLIDE_FONT_FILES, WHITE_INK

FONT = SLIDE_FONT
"""The font named in the file: Arial (``kpi.text.theme.SLIDE_FONT``)."""

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
MIN_PT = 18
"""The smallest text on a slide."""
TITLE_PT = 28
BULLET = "•"
INDENT_EM = 0.8
"""Hanging indent of a bullet, in em."""
ACCENT = RGBColor.from_string(ACCENT_HEX.lstrip("#").upper())
INSET_X, INSET_Y = Inches(0.1), Inches(0.05)
"""The inner margins of a text box (python-pptx's and PowerPoint's defaults), left and right, top and bottom."""
CELL_X, CELL_Y = Inches(0.1), Inches(0.04)
"""The inner margins of a table cell, left and right, top and bottom."""
LINE_SPACING = 1.2
"""Height of a line of text in em: Arial (Liberation Sans) is set at 1.15 by PowerPoint and LibreOffice; 1.2 errs
on the safe side."""
NUMBER_PT = 14
"""The slide number, bottom right."""
NUMBER_NAME = "Slide Number"
"""The name of the slide number's box (PowerPoint's own name for it)."""
BOTTOM = Inches(0.55)
"""Kept free at the bottom of every slide: the slide number's band."""
FONT_DIRS = ("/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/liberation",
             "/usr/share/fonts/liberation-sans", "/usr/share/fonts/liberation", "/Library/Fonts",
             "C:/Windows/Fonts")


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


@lru_cache(maxsize=None)
def _font(size: float, bold: bool = False):
    """Liberation Sans (Arial's metrics) at ``size`` points, measured in points by PIL."""
    from PIL import ImageFont

    name = SLIDE_FONT_FILES[bold]
    for folder in FONT_DIRS:
        path = Path(folder) / name
        if path.is_file():
            return ImageFont.truetype(str(path), size=max(1, round(size * 10)))  # tenths of a point
    raise RenderError(f"the slides are measured with {name} (Liberation Sans, metric-compatible with Arial), "
                      f"not found in {', '.join(FONT_DIRS[:2])}; install it: sudo apt-get install fonts-liberation2 "
                      "(make deps does).")


def text_width(text: str, size: float = MIN_PT, bold: bool = False) -> float:
    """The width of one line of ``text`` set in ``SLIDE_FONT`` at ``size``, in points."""
    return _font(size, bold).getlength(text) / 10


def wrap(text: str, width, size: float = MIN_PT, bold: bool = False) -> list[str]:
    """``text`` broken into the lines a box ``width`` (EMU, inside its margins) shows at ``size`` points, word by
    word as PowerPoint breaks them (a word longer than the line is cut where it overflows)."""
    room = Emu(int(width)).pt
    out: list[str] = []
    for part in text.split("\n"):
        line = ""
        for word in part.split(" "):
            trial = f"{line} {word}" if line else word
            if not line or text_width(trial, size, bold) <= room:
                line = trial
                while text_width(line, size, bold) > room and len(line) > 1:  # a word wider than the line
                    cut = len(line)
                    while cut > 1 and text_width(line[:cut], size, bold) > room:
                        cut -= 1
                    out.append(line[:cut])
                    line = line[cut:]
            else:
                out.append(line)
                line = word
        out.append(line)
    return out


def lines_needed(text: str, width, size: float = MIN_PT, bold: bool = False) -> int:
    """Lines ``text`` takes in a box ``width`` (EMU, inside its margins) wide at ``size`` points, measured with the
    font's metrics (``wrap``)."""
    return len(wrap(text, width, size, bold))


def text_height(items, width, size: float = MIN_PT, *, bold: bool = False, bullets: bool = False,
                gap: float = 0) -> int:
    """The height (EMU) of a text box holding ``items`` (one paragraph each) ``width`` wide, margins included."""
    inner = int(width) - 2 * INSET_X - (int(Pt(size * INDENT_EM)) if bullets else 0)
    lines = sum(lines_needed(x, inner, size, bold) for x in items)
    return int(Pt(size * LINE_SPACING) * lines + Pt(gap) * max(0, len(items) - 1) + 2 * INSET_Y)


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
    frame.auto_size = MSO_AUTO_SIZE.NONE  # measured to fit (``text_height``): neither grown nor shrunk
    frame.margin_left = frame.margin_right = INSET_X
    frame.margin_top = frame.margin_bottom = INSET_Y
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
    """A blank slide with its title (``TITLE_PT``, one or two lines), an optional subtitle (``MIN_PT``) and speaker
    notes, each box as tall as its text measures; ``slide.top`` is where the content may start under them."""
    slide = deck.slides.add_slide(deck.slide_layouts[6])  # blank
    width = WIDTH - 2 * MARGIN
    h = text_height([title], width, TITLE_PT, bold=True)
    _text(slide, title, MARGIN, Inches(0.25), width, h, size=TITLE_PT, bold=True, colour=ACCENT)
    top = Inches(0.25) + h
    if subtitle:
        h = text_height([subtitle], width, MIN_PT)
        _text(slide, subtitle, MARGIN, top, width, h, size=MIN_PT)
        top += h
    if notes:
        slide.notes_slide.notes_text_frame.text = "\n".join(notes)
    slide.top = int(top + Inches(0.15))
    return slide


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
    """The picture at the size it was drawn for (``kpi.story.figures.SLIDE``: its text is then 14 pt or more), or
    smaller if it must, never larger; aspect kept, under ``top`` and above the slide number.

    A narrow picture goes left, with as many of ``details`` as fit at ``MIN_PT`` in the space on its right.
    """
    from PIL import Image

    with Image.open(path) as im:
        w, h = im.size
        dpi = (im.info.get("dpi") or (SLIDE_MEDIUM.dpi,) * 2)[0] or SLIDE_MEDIUM.dpi
    box_w, box_h = WIDTH - 2 * MARGIN, HEIGHT - top - BOTTOM
    scale = min(box_w / w, box_h / h, Inches(1) / dpi)  # EMU a pixel: as drawn, or smaller to fit
    pw, ph = int(w * scale), int(h * scale)
    free = box_w - pw - Inches(0.3)
    if details and free > Inches(3.5):
        slide.shapes.add_picture(str(path), Emu(int(MARGIN)), Emu(int(top)), Emu(pw), Emu(ph))
        shown = []
        for d in details:
            if text_height(shown + [d], free, bullets=True, gap=4) > box_h:
                break
            shown.append(d)
        if shown:
            _text(slide, shown, MARGIN + pw + Inches(0.3), top, free, text_height(shown, free, bullets=True, gap=4),
                  bullets=True, gap=4)
    else:
        slide.shapes.add_picture(str(path), Emu(int((WIDTH - pw) / 2)), Emu(int(top)), Emu(pw), Emu(ph))


def figure_slides(status: pd.DataFrame, folder: Path, figures, lang: str, story: Story | None = None) -> list[tuple]:
    """(title, takeaway, pngs, details, notes) for each figure of the manifest that shows a figure, in order; the
    takeaways are the story's sentences (``tell(status, lang)`` unless given).

    ``pngs`` are the chart drawn for a slide, one a slide (``Figure.slides``: more than one when it was split),
    or the page's PNG when it was not drawn for a slide. A figure whose targets all have no figure yet gets no
    slide: they are in the closing list.
    """
    h = HEADINGS[lang]
    rows = status.set_index("indicator", drop=False)
    known = status[status["as_of"] != ""]
    story = story or tell(status, lang)
    said = {p.indicator: p.sentence for section in story.sections for p in section.points}

    def takeaway(row) -> str:
        return said[row["indicator"]]

    out = []
    for fig in figures:
        png = [folder / "figures" / x for x in getattr(fig, "slides", ())] or [folder / "figures" / fig.png]
        shown = known[known["indicator"].isin(fig.targets)]
        if shown.empty:
            continue
        notes = [source_line(r, lang) for _, r in shown.iterrows()]
        if fig.name == "scorecard":
            need = attention(status)
            out.append((h["by_quarter"], counts_text(story.summary, lang), png,
                        [f"{verdict_text(r, lang, capital=True)}: {r['name']}" for _, r in need.iterrows()],
                        [source_line(r, lang) for _, r in need.iterrows()]))
        elif len(fig.targets) == 1:
            row = rows.loc[fig.targets[0]]
            out.append((row["name"], takeaway(row), png, [], notes))
        elif fig.name == "structure":
            current = shown[~shown["stale"]]
            line = "; ".join(f"{r['name']} {figure_text(r, lang)} ({rule_text(r, lang)})" for _, r in current.iterrows())
            out.append((h["structure"], line or takeaway(shown.iloc[0]), png, [], notes))
        else:
            fresh = shown[~shown["stale"]]
            first = fresh.iloc[0] if len(fresh) else shown.iloc[0]
            need = attention(shown)
            others = [r for _, r in need.iterrows() if r["indicator"] != first["indicator"]]
            out.append((fig.caption or h.get(fig.name, fig.name), takeaway(first), png,
                        [takeaway(r) for r in others], notes))
    return out


def _stack(slide, blocks, top, width) -> int:
    """Text boxes one under the other from ``top``, each as tall as its text measures: ``blocks`` are
    (lines, size, bold, colour); returns where the last ends."""
    for lines, size, bold, colour in blocks:
        h = text_height(lines, width, size, bold=bold)
        _text(slide, lines, MARGIN, top, width, h, size=size, bold=bold, colour=colour)
        top += h + Inches(0.15)
    return top


def _capital(text: str) -> str:
    """The first letter in capital, the rest as it is ('Quý III và 9 tháng năm 2021')."""
    return text[:1].upper() + text[1:]


def _title_slide(deck, plan: Plan, status: pd.DataFrame, lang: str, as_of) -> None:
    t = SLIDE[lang]
    period = status["period"].iloc[0]
    latest = data_until(status, lang)
    slide = deck.slides.add_slide(deck.slide_layouts[6])
    made = as_of.strftime("%d/%m/%Y")  # the report's as-of date: the same deck whatever day it is rendered
    _stack(slide, [([plan.region(lang).upper()], 20, True, None), ([plan.title(lang)], 36, True, ACCENT),
                   ([_capital(Period.parse(period).subject(lang))], 28, False, None),  # words, never the code
                   ([plan.document, f"{t['data']}: {latest} · {t['made']}: {made}"], MIN_PT, False, None)],
           Inches(1.2), WIDTH - 2 * MARGIN)
    slide.notes_slide.notes_text_frame.text = "\n".join(
        [plan.document, f"{t['data']}: {latest}", f"{t['made']}: {made}"])


def _fill(items: list[str], width, room, *, gap: float = 0) -> tuple[list[str], list[str]]:
    """The first of ``items`` (bullets ``width`` wide) that fit in ``room`` EMU, and the rest (at least one shown)."""
    shown: list[str] = []
    for item in items:
        if shown and text_height(shown + [item], width, bullets=True, gap=gap) > room:
            break
        shown.append(item)
    return shown, items[len(shown):]


def _summary_slide(deck, status: pd.DataFrame, lang: str, s: Summary) -> None:
    """The one-page summary (the story's, ``s``): counts by status, the five targets most in need, the projection.

    The list is measured: the projections go to the notes if the full sentences do not fit, and what still
    does not fit goes on a slide of its own rather than over the projection.
    """
    t = SLIDE[lang]
    rows = status.set_index("indicator", drop=False)
    notes = [counts_text(s, lang), ""] + [source_line(rows.loc[p.indicator], lang) for p in s.points] + ["", s.projection]
    subtitle = f"{Period.parse(s.period).label(lang)} · {s.total} {t['targets']}"
    slide = _slide(deck, t["headline"], subtitle, notes)
    top = slide.top
    row_h = int(Pt(MIN_PT * LINE_SPACING) + 2 * CELL_Y)
    table = slide.shapes.add_table(len(s.counts), 2, MARGIN, top, Inches(3.6), row_h * len(s.counts)).table
    _plain(table)  # every row is data: no header band
    table.columns[0].width, table.columns[1].width = Inches(2.8), Inches(0.8)
    for i, (st, n) in enumerate(s.counts):
        table.rows[i].height = row_h
        _cell(table.cell(i, 0), status_of(st).word(lang), fill=status_of(st).colour, white=status_of(st).dark)
        _cell(table.cell(i, 1), str(n), bold=True, fill=PALE_FILL)
    left = MARGIN + Inches(3.9)
    width = WIDTH - MARGIN - left
    projection = [t["projection"], s.projection]
    projection_h = text_height(projection, WIDTH - 2 * MARGIN)
    bottom = HEIGHT - BOTTOM - projection_h
    heading = SUMMARY[lang]["attention"].format(n=len(s.points)) if s.points else SECTION[lang]["attention"]
    heading_h = text_height([heading], width, bold=True)
    _text(slide, heading, left, top - INSET_Y, width, heading_h, bold=True)
    items = [p.text for p in s.points] or [t["none"]]
    room = bottom - (top - INSET_Y + heading_h)
    if text_height(items, width, bullets=True, gap=6) > room:  # too long: projections to the notes
        items = [p.sentence for p in s.points]
    shown, rest = _fill(items, width, room, gap=6)
    _text(slide, shown, left, top - INSET_Y + heading_h, width, text_height(shown, width, bullets=True, gap=6),
          bullets=bool(s.points), gap=6)
    _text(slide, projection, MARGIN, bottom, WIDTH - 2 * MARGIN, projection_h)
    slide.shapes[-1].text_frame.paragraphs[0].runs[0].font.bold = True
    full = WIDTH - 2 * MARGIN
    while rest:  # the rest of the list, full width, on slides of their own
        first = len(items) - len(rest) + 1
        more = _slide(deck, f"{heading} ({first}–{len(items)})", notes=notes)
        shown, rest = _fill(rest, full, HEIGHT - BOTTOM - more.top, gap=6)
        _text(more, shown, MARGIN, more.top, full, text_height(shown, full, bullets=True, gap=6), bullets=True, gap=6)


SCORECARD_WIDTHS = (Inches(4.0), Inches(2.3), Inches(2.6), Inches(1.2), Inches(2.233))
"""The scorecard table's columns: target, plan, figure, % of plan, verdict (12.33 in: the slide inside its margins)."""


def _row_height(texts, widths, bold: bool = False) -> int:
    """The height (EMU) of a table row: its tallest cell, measured, with the cell margins."""
    lines = max(lines_needed(x, w - 2 * CELL_X, MIN_PT, bold) for x, w in zip(texts, widths))
    return int(Pt(MIN_PT * LINE_SPACING) * lines + 2 * CELL_Y)


def _scorecard_cells(row: dict, lang: str) -> list[str]:
    """The five cells of a target's scorecard row."""
    pct = row["attainment_pct"]
    return [("   " if row["parent"] else "") + row["name"], rule_text(row, lang),
            figure_text(row, lang) + (f" ({Period.parse(row['as_of']).span(lang)})" if row["stale"] else ""),
            "" if pct != pct else f"{number(pct, lang, digits=DIGITS['attainment_pct'])}%",
            status_label(row["status"], lang, approximate=bool(row.get("approximate", False)))]


def _scorecard_slides(deck, status: pd.DataFrame, lang: str) -> None:
    """The targets with a figure at ``MIN_PT``, as many rows a slide as their measured heights allow; the head
    row in the report's accent, the rows in white and pale grey, the verdicts in their colours."""
    t = SLIDE[lang]
    known = status[status["as_of"] != ""]
    widths = SCORECARD_WIDTHS
    head_h = _row_height(t["cols"], widths, bold=True)
    room = HEIGHT - BOTTOM - _slide_top(f"{t['scorecard']} (1/9)") - head_h
    pages: list[list] = [[]]
    used = 0
    for r in (r._asdict() for r in known.itertuples(index=False)):
        cells = _scorecard_cells(r, lang)
        h = _row_height(cells, widths)
        if pages[-1] and used + h > room:
            pages.append([])
            used = 0
        pages[-1].append((r, cells, h))
        used += h
    for k, page in enumerate(p for p in pages if p):
        n = len([p for p in pages if p])
        slide = _slide(deck, f"{t['scorecard']} ({k + 1}/{n})", notes=[source_line(r, lang) for r, _, _ in page])
        table = slide.shapes.add_table(len(page) + 1, 5, MARGIN, slide.top, sum(widths, Emu(0)),
                                       head_h + sum(h for _, _, h in page)).table
        table.horz_banding = False
        table.rows[0].height = head_h
        for j, (head, w) in enumerate(zip(t["cols"], widths)):
            table.columns[j].width = w
            _cell(table.cell(0, j), head, bold=True, fill=HEADER_FILL, white=HEADER_INK == WHITE_INK)
        for i, (row, cells, h) in enumerate(page, start=1):
            table.rows[i].height = h
            for j, text in enumerate(cells[:4]):
                _cell(table.cell(i, j), text, fill=PALE_FILL if i % 2 == 0 else None)
            _cell(table.cell(i, 4), cells[4], fill=status_of(row["status"]).colour, white=status_of(row["status"]).dark)


def _slide_top(title: str) -> int:
    """Where a slide's content starts under a title (no subtitle), as ``_slide`` places it."""
    return int(Inches(0.25) + text_height([title], WIDTH - 2 * MARGIN, TITLE_PT, bold=True) + Inches(0.15))


def no_data_columns(names: list[str], width, height, columns: int = 3) -> list[list[list[str]]]:
    """``names`` laid out as slides of ``columns`` columns of bullets (``width`` × ``height`` EMU each, inside the
    boxes' margins), in order.

    A name is never split between two columns: each column is a text box of its own, filled up to the lines
    it holds at ``MIN_PT``, measured with the font's metrics.
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
    columns, gap = 3, Inches(0.2)
    top = _slide_top(f"{t['no_data_title']} ({len(missing)}) — 1/9")
    col_w = int((WIDTH - 2 * MARGIN - gap * (columns - 1)) / columns)
    pages = no_data_columns(missing, col_w - 2 * INSET_X, HEIGHT - top - BOTTOM - 2 * INSET_Y, columns)
    period = Period.parse(status["period"].iloc[0]).label(lang)
    for k, page in enumerate(pages, start=1):
        title = f"{t['no_data_title']} ({len(missing)})" + (f" — {k}/{len(pages)}" if len(pages) > 1 else "")
        names = [n for column in page for n in column]
        slide = _slide(deck, title, notes=[f"{period}: {status_of('no_data').word(lang).lower()}."]
                       + [source_line(r, lang) for _, r in status[status["name"].isin(names)].iterrows()])
        for i, column in enumerate(page):
            _text(slide, column, MARGIN + i * (col_w + gap), slide.top, col_w,
                  text_height(column, col_w, bullets=True), bullets=True)


def _numbers(deck, lang: str) -> None:
    """The slide number, bottom right, on every slide but the title: a field, so it follows a reordering."""
    for n, slide in enumerate(list(deck.slides)[1:], start=2):
        box = slide.shapes.add_textbox(WIDTH - MARGIN - Inches(1.2), HEIGHT - Inches(0.5), Inches(1.2), Inches(0.4))
        box.name = NUMBER_NAME
        box.text_frame.auto_size = MSO_AUTO_SIZE.NONE
        para = box.text_frame.paragraphs[0]
        para.alignment = PP_ALIGN.RIGHT
        p = para._p
        field = p.makeelement(qn("a:fld"), {"id": "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}", "type": "slidenum"})
        rpr = field.makeelement(qn("a:rPr"), {"lang": "vi-VN" if lang == "vi" else "en-GB", "sz": str(NUMBER_PT * 100)})
        fill = rpr.makeelement(qn("a:solidFill"), {})
        fill.append(fill.makeelement(qn("a:srgbClr"), {"val": MUTED.lstrip("#").upper()}))
        rpr.append(fill)
        rpr.append(rpr.makeelement(qn("a:latin"), {"typeface": FONT}))
        field.append(rpr)
        text = field.makeelement(qn("a:t"), {})
        text.text = str(n)
        field.append(text)
        end = p.find(qn("a:endParaRPr"))
        if end is not None:
            end.addprevious(field)
        else:
            p.append(field)


def build_deck(plan: Plan, status: pd.DataFrame, folder: Path, *, lang: str = "vi", figures=(), as_of=None) -> Path:
    """Write ``folder/slides.pptx`` from the assessment and the figures of the manifest; ``as_of``: the date the
    report is made as of (default ``kpi.assessment.reporting.report_date``)."""
    from ..assessment.reporting import report_date

    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    _title_slide(deck, plan, status, lang, as_of or report_date(plan, status["period"].iloc[0]))
    story = tell(status, lang)  # what the report says, as the Word report and the notebook say it
    _summary_slide(deck, status, lang, story.summary)
    for title, line, pngs, details, notes in figure_slides(status, folder, figures, lang, story):
        for k, png in enumerate(pngs, start=1):
            # the takeaway under the first part only: it names one target, which a later part may not show
            slide = _slide(deck, title + (f" ({k}/{len(pngs)})" if len(pngs) > 1 else ""), line if k == 1 else "",
                           notes)
            _picture(slide, png, slide.top, details)
    _scorecard_slides(deck, status, lang)
    _no_data_slides(deck, status, lang)
    _numbers(deck, lang)
    path = folder / "slides.pptx"
    deck.save(path)
    return path


def _plain(table) -> None:
    """No header row and no banding: for a table whose first row is data."""
    table.first_row = False
    table.horz_banding = False


def _cell(cell, text: str, *, size: int = MIN_PT, bold: bool = False, fill: str | None = None, white: bool = False):
    """A table cell in the report's colours: its fill (white if none), its text in ink or white, ``SLIDE_FONT``."""
    cell.text = ""
    run = cell.text_frame.paragraphs[0].add_run()
    run.text = text
    run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT
    cell.margin_top = cell.margin_bottom = CELL_Y
    cell.margin_left = cell.margin_right = CELL_X
    cell.text_frame.word_wrap = True
    cell.fill.solid()
    cell.fill.fore_color.rgb = _rgb(fill or "#ffffff")
    run.font.color.rgb = _rgb(WHITE_INK if white else INK)


def export(ctx) -> list[Path]:
    """Exporter ``slides``: ``slides.pptx``."""
    return [build_deck(ctx.plan, ctx.status, ctx.folder, lang=ctx.lang, figures=ctx.drawn(), as_of=ctx.as_of)]
