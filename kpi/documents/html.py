"""The HTML exporter: the executed notebook as one self-contained page, without code or parameters,
styled for screen and A4 print, with no external resources."""
from __future__ import annotations

import re
import threading
from html import escape
from pathlib import Path
from string import Template

from ..story.figures import PRINT_WIDTH_MM
from ..text.theme import ACCENT, FONT, HEAD_FILL, INK, LINE, MUTED, PALE_FILL

HIDDEN_TAGS = {"parameters", "injected-parameters", "remove"}

CSS = Template("""
@page { size: A4; margin: 14mm 12mm 16mm 12mm; }
:root { --ink: $ink; --muted: $muted; --line: $line; --accent: $accent; --head: $head; --pale: $pale; }
* { box-sizing: border-box; }
body { font-family: "$font", "Noto Sans", Arial, sans-serif; color: var(--ink); margin: 0 auto;
       max-width: 1040px; padding: 24px 28px; font-size: 14px; line-height: 1.45; }
header.title h1 { font-size: 22px; margin: 4px 0 6px; color: var(--accent); }
header.title .region { margin: 0; font-weight: bold; text-transform: uppercase; letter-spacing: .04em; }
header.title .period { margin: 0; font-size: 17px; font-weight: bold; }
header.title .basis { margin: 4px 0 0; color: var(--muted); font-size: 12.5px; }
h2 { font-size: 18px; border-bottom: 2px solid var(--accent); padding-bottom: 3px; margin-top: 28px;
     break-after: avoid; page-break-after: avoid; }
h3 { font-size: 15px; margin: 14px 0 6px; break-after: avoid; }
.status { display: inline-block; padding: 1px 7px; border-radius: 9px; font-size: 12px; white-space: nowrap;
          border: 1px solid rgba(0,0,0,.25); }
section.summary { break-after: page; page-break-after: always; }
section.summary h2 { margin-top: 22px; }
section.summary, section.summary .status { font-size: 15px; }
section.summary ol.attention { padding-left: 22px; } section.summary ol.attention li { margin: 8px 0; }
.headline .counts, .summary .counts { font-size: 15px; }
.headline .counts b, .summary .counts b { margin-right: 10px; }
ul.attention { padding-left: 18px; } ul.attention li { margin: 4px 0; }
table { border-collapse: collapse; width: 100%; font-size: 12.5px; margin: 8px 0 14px; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
thead th { background: var(--head); border-bottom: 2px solid var(--accent); }
tr.group th { background: var(--pale); font-size: 13px; padding-top: 8px; }
td.num { text-align: right; white-space: nowrap; }
table.scorecard { table-layout: fixed; }
table.scorecard td.num { white-space: normal; }
table.scorecard small.basis { color: var(--muted); font-size: 11px; }
table.notes { table-layout: fixed; } table.notes tr > :nth-child(4) { width: 46%; }  /* the header row sets the widths */
td.name.child { padding-left: 22px; }
td.source { overflow-wrap: anywhere; font-size: 11.5px; }  /* a long address breaks anywhere, a note at its words */
img { max-width: 100%; height: auto; break-inside: avoid; }
.jp-RenderedImage, .output_png { margin: 6px 0 14px; break-inside: avoid; }
p.missing { color: var(--muted); }
@media print { body { max-width: none; padding: 0; font-size: 12px; } table { font-size: 10.5px; }
               img { max-width: min(100%, ${print_mm}mm); display: block; margin: 0 auto; }
               .status { font-size: 10px; padding: 0 5px; }
               section.summary { font-size: 14px; } section.summary .status { font-size: 12px; } }
""").substitute(ink=INK, muted=MUTED, line=LINE, accent=ACCENT, head=HEAD_FILL, pale=PALE_FILL, font=FONT,
               print_mm=PRINT_WIDTH_MM)
"""Print: a chart at the width it is drawn for (at most the 165-mm column of the Word report, never the page's
186 mm, which made it taller than its drawing and pushed it, whole, onto the next page); a table breaks between
its rows (its head repeated), a chart never."""


def wrap(body: str, *, title: str, lang: str = "vi") -> str:
    """A complete, self-contained HTML document around ``body`` (already-safe HTML)."""
    return (f'<!DOCTYPE html>\n<html lang="{escape(lang)}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(title)}</title><style>{CSS}</style></head>\n<body>\n{body}\n</body></html>\n")


_NO_ALT = 'alt="No description has been provided for this image"'
_LOCK = threading.Lock()
_EXPORTERS: list = []


def _exporter():
    """nbconvert's HTML exporter, made once per process (its templates are compiled on first use)."""
    if not _EXPORTERS:
        from nbconvert import HTMLExporter

        exporter = HTMLExporter(template_name="basic", exclude_input=True, exclude_input_prompt=True,
                                exclude_output_prompt=True)
        exporter.log.setLevel("ERROR")  # the missing alt texts it would warn about are set by export_html
        _EXPORTERS.append(exporter)
    return _EXPORTERS[0]


def warm() -> None:
    """Import nbconvert and compile its templates with a small notebook (while a report's notebook runs:
    about 0.5 s less after it)."""
    from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

    nb = new_notebook(cells=[new_markdown_cell("x"), new_code_cell("x", outputs=[
        new_output("display_data", data={"text/html": "<p>x</p>", "text/plain": "x"}),
        new_output("stream", name="stdout", text="x")])])
    with _LOCK:
        _exporter().from_notebook_node(nb)


def keep_units(body: str, units) -> str:
    """``body`` (HTML) with each number bound to its unit by no-break spaces: '3.500&nbsp;tỷ&nbsp;đồng' never
    breaks into '3.500 tỷ / đồng' in a narrow column. ``units`` are the plan's units, as the page prints them."""
    words = sorted({escape(u) for u in units if u and u.strip() and u != "%"}, key=len, reverse=True)
    if not words:
        return body
    pattern = re.compile(r"(?<=\d) (" + "|".join(re.escape(w) for w in words) + r")(?![\w])")
    return pattern.sub(lambda m: "\u00a0" + m.group(1).replace(" ", "\u00a0"), body)


def export_html(executed: Path, html_path: Path, *, title: str, lang: str, captions=(), units=()) -> None:
    """The executed notebook as a self-contained HTML page with no code and no parameter cells.

    ``captions`` are the figures' alternative texts, in the order the notebook drew them; ``units`` the plan's
    units, each kept on the line of its number (``keep_units``).
    """
    import nbformat

    nb = nbformat.read(executed, as_version=4)
    nb.cells = [c for c in nb.cells if not HIDDEN_TAGS & set(c.get("metadata", {}).get("tags", []))]
    with _LOCK:
        body, _ = _exporter().from_notebook_node(nb)
    for caption in captions:
        body = body.replace(_NO_ALT, f'alt="{escape(caption)}"', 1)
    body = keep_units(body, units)
    html_path.write_text(wrap(body, title=title, lang=lang), encoding="utf-8")


def export(ctx) -> list[Path]:
    """Exporter ``html``: ``report.html``."""
    path = ctx.folder / "report.html"
    export_html(ctx.notebook, path, title=ctx.title, lang=ctx.lang,
                captions=[c for f in ctx.figures for c in f.page_captions()],
                units=set(ctx.status["unit"]))
    return [path]
