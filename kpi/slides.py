"""The slide deck (python-pptx): title, headline, one slide per figure with a takeaway, the scorecard."""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

import pandas as pd
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches, Pt

from .assessment import status_counts
from .formatting import number
from .labels import HEADINGS, SLIDE, STATUS_LABELS
from .period import Period
from .plan import Plan
from .sections import attention, figure_text, rule_text, takeaway
from .theme import DARK_STATUSES, FONT, STATUS_COLOURS

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
ROWS_PER_SLIDE = 10
ACCENT = RGBColor(0x1F, 0x4E, 0x9C)

def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper())


def _text(slide, text: str, left, top, width, height, *, size: int = 16, bold: bool = False,
          colour: RGBColor | None = None):
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    for i, line in enumerate(text.split("\n")):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = para.add_run()
        run.text = line
        run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT
        if colour is not None:
            run.font.color.rgb = colour
    return box


def _slide(deck, title: str, subtitle: str = ""):
    slide = deck.slides.add_slide(deck.slide_layouts[6])  # blank
    _text(slide, title, MARGIN, Inches(0.3), WIDTH - 2 * MARGIN, Inches(0.7), size=26, bold=True, colour=ACCENT)
    if subtitle:
        _text(slide, subtitle, MARGIN, Inches(0.95), WIDTH - 2 * MARGIN, Inches(0.6), size=16)
    return slide


def _picture(slide, path: Path, top, details: list[str]) -> None:
    """The picture, as large as fits below ``top``, aspect kept.

    A tall picture goes left, with ``details`` (one line per target) in the free space on its right.
    """
    from PIL import Image

    with Image.open(path) as im:
        w, h = im.size
    box_w, box_h = WIDTH - 2 * MARGIN, HEIGHT - top - Inches(0.3)
    scale = min(box_w / w, box_h / h)
    pw, ph = int(w * scale), int(h * scale)
    free = box_w - pw
    if details and free > Inches(3.5):
        slide.shapes.add_picture(str(path), Emu(int(MARGIN)), Emu(int(top)), Emu(pw), Emu(ph))
        left = MARGIN + pw + Inches(0.3)
        _text(slide, "\n".join(f"• {d}" for d in details), Emu(int(left)), Emu(int(top)),
              Emu(int(WIDTH - MARGIN - left)), Emu(int(box_h)), size=13 if len(details) <= 8 else 11)
    else:
        slide.shapes.add_picture(str(path), Emu(int((WIDTH - pw) / 2)), Emu(int(top)), Emu(pw), Emu(ph))


def figure_slides(status: pd.DataFrame, folder: Path, figures, lang: str) -> list[tuple[str, str, Path, list[str]]]:
    """(title, takeaway, png, details) for each figure of the manifest, in report order."""
    h = HEADINGS[lang]
    rows = status.set_index("indicator", drop=False)
    known = status[status["as_of"] != ""]
    out = []
    for fig in figures:
        png = folder / "figures" / fig.png
        shown = known[known["indicator"].isin(fig.targets)]
        if fig.name == "scorecard":
            counts = status_counts(status)
            line = f"{Period.parse(status['period'].iloc[0]).label(lang)}: " + ", ".join(
                f"{n} {STATUS_LABELS[lang][s].lower()}" for s, n in counts.items() if n)
            need = attention(status)
            out.append((h["by_quarter"], line, png, [f"{STATUS_LABELS[lang][r['status']]}: {r['name']}"
                                                      for _, r in need.iterrows()]))
        elif len(fig.targets) == 1:
            row = rows.loc[fig.targets[0]]
            out.append((row["name"], takeaway(row, lang), png, []))
        elif fig.name == "structure":
            line = "; ".join(f"{r['name']} {figure_text(r, lang)} ({rule_text(r)})"
                             for _, r in shown[~shown["stale"]].iterrows())
            out.append((h["structure"], line or SLIDE[lang]["no_data"].capitalize(), png, []))
        else:
            fresh = shown[~shown["stale"]]
            line = takeaway(fresh.iloc[0], lang) if len(fresh) else SLIDE[lang]["no_data"].capitalize()
            out.append((fig.caption or h.get(fig.name, fig.name), line, png,
                        [takeaway(r, lang) for _, r in shown.iterrows()]))
    return out


def build_deck(plan: Plan, status: pd.DataFrame, folder: Path, *, lang: str = "vi", figures=()) -> Path:
    """Write ``folder/slides.pptx`` from the assessment and the figures of the manifest."""
    t = SLIDE[lang]
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    period = status["period"].iloc[0]
    dated = status.loc[status["as_of"] != "", "as_of"]

    slide = deck.slides.add_slide(deck.slide_layouts[6])
    _text(slide, plan.region(lang).upper(), MARGIN, Inches(1.6), WIDTH - 2 * MARGIN, Inches(0.5), size=18, bold=True)
    _text(slide, plan.title(lang), MARGIN, Inches(2.2), WIDTH - 2 * MARGIN, Inches(1.6), size=32, bold=True,
          colour=ACCENT)
    _text(slide, f"{Period.parse(period).label(lang)} ({period})", MARGIN, Inches(4.0), WIDTH - 2 * MARGIN,
          Inches(0.6), size=24)
    _text(slide, f"{plan.document}\n{t['data']}: {max(Period.parse(p) for p in dated.unique()).label(lang) if len(dated) else '—'} · "
          f"{t['made']}: {_dt.date.today().strftime('%d/%m/%Y')}", MARGIN, Inches(4.8), WIDTH - 2 * MARGIN,
          Inches(1.0), size=14)

    counts = status_counts(status)
    slide = _slide(deck, t["headline"], f"{len(status)} {t['targets']}")
    shown = counts[counts > 0]
    table = slide.shapes.add_table(len(shown), 2, MARGIN, Inches(1.6), Inches(4.6), Inches(0.45) * len(shown)).table
    for i, (s, n) in enumerate(shown.items()):
        _cell(table.cell(i, 0), STATUS_LABELS[lang][s], fill=STATUS_COLOURS[s], white=s in DARK_STATUSES, size=16)
        _cell(table.cell(i, 1), str(n), size=16, bold=True)
    need = attention(status, 6)
    lines = [f"• {takeaway(r, lang)}" for _, r in need.iterrows()] or [t["none"]]
    _text(slide, t["attention"], Inches(5.6), Inches(1.5), Inches(7.2), Inches(0.5), size=18, bold=True)
    _text(slide, "\n".join(lines), Inches(5.6), Inches(2.0), Inches(7.2), Inches(5.0), size=14)

    for title, line, png, details in figure_slides(status, folder, figures, lang):
        slide = _slide(deck, title, line)
        _picture(slide, png, Inches(1.6), details)

    rows = list(status.itertuples(index=False))
    pages = [rows[i:i + ROWS_PER_SLIDE] for i in range(0, len(rows), ROWS_PER_SLIDE)]
    widths = [Inches(4.6), Inches(2.2), Inches(2.6), Inches(1.1), Inches(1.833)]
    for k, page in enumerate(pages, start=1):
        slide = _slide(deck, f"{t['scorecard']} ({k}/{len(pages)})")
        table = slide.shapes.add_table(len(page) + 1, 5, MARGIN, Inches(1.1), sum(widths, Emu(0)),
                                       Inches(0.5) * (len(page) + 1)).table
        for j, (head, w) in enumerate(zip(t["cols"], widths)):
            table.columns[j].width = w
            _cell(table.cell(0, j), head, bold=True, size=12)
        for i, r in enumerate(page, start=1):
            row = r._asdict()
            _cell(table.cell(i, 0), ("   " if row["parent"] else "") + row["name"], size=11)
            _cell(table.cell(i, 1), rule_text(row), size=11)
            _cell(table.cell(i, 2), figure_text(row, lang) if row["as_of"] else "—", size=11)
            pct = row["attainment_pct"]
            _cell(table.cell(i, 3), "" if pct != pct else f"{number(pct, lang, digits=1)}%", size=11)
            _cell(table.cell(i, 4), STATUS_LABELS[lang][row["status"]], size=11, fill=STATUS_COLOURS[row["status"]],
                  white=row["status"] in DARK_STATUSES)
    path = folder / "slides.pptx"
    deck.save(path)
    return path


def _cell(cell, text: str, *, size: int = 12, bold: bool = False, fill: str | None = None, white: bool = False):
    cell.text = ""
    run = cell.text_frame.paragraphs[0].add_run()
    run.text = text
    run.font.size, run.font.bold, run.font.name = Pt(size), bold, FONT
    cell.margin_top = cell.margin_bottom = Inches(0.03)
    if fill:
        cell.fill.solid()
        cell.fill.fore_color.rgb = _rgb(fill)
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF) if white else RGBColor(0x22, 0x22, 0x22)


def export(ctx) -> list[Path]:
    """Exporter ``slides``: ``slides.pptx``."""
    return [build_deck(ctx.plan, ctx.status, ctx.folder, lang=ctx.lang, figures=ctx.figures)]
