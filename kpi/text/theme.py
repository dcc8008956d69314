"""The one look of every kpi output: ink, accent, fills, fonts, and the chart theme.

Charts, HTML sections, slides, spreadsheets and the Word report take their colours from here; the colour of
each status is in its row of ``kpi.text.status``.
"""
from __future__ import annotations

WHITE_INK = "#ffffff"
"""Text on a dark fill (a dark status, a header row)."""
INK, MUTED, TARGET, ACCENT = "#222222", "#6b6b6b", "#1f4e9c", "#1f4e9c"
"""MUTED is secondary text (notes, 'no data', page numbers) and the charts' axes: 5.3:1 on white, above the
4.5:1 WCAG AA asks of text (#8a8a8a, used before on the charts, was 3.4:1)."""
STALE_FILL = "#d9d9d9"
LINE = "#d9d9d9"
"""The rules between the rows of the HTML tables."""
HEAD_FILL = "#eef2f8"
"""The head row of the HTML tables (a pale accent)."""
PALE_FILL = "#f2f2f2"
"""The background of secondary cells and bars: group rows of the HTML tables, the counts on the summary slide,
the 100% track behind a flow's bar, a workbook's locked cells."""
FONT = "DejaVu Sans"
"""The charts' font: it has every Vietnamese letter (Debian's fonts-dejavu-core)."""
SLIDE_FONT = "Arial"
"""The font named in the slide deck: every office PC has it (and every Vietnamese letter). Here it is set and
measured with Liberation Sans, metric-compatible (Debian's fonts-liberation2, ``SLIDE_FONT_FILES``)."""
SLIDE_FONT_FILES = {False: "LiberationSans-Regular.ttf", True: "LiberationSans-Bold.ttf"}
"""The files that measure ``SLIDE_FONT`` (regular, bold), found by ``kpi.documents.pptx``."""
DOCUMENT_FONT = "Times New Roman"
"""The font of administrative documents (Decree 30/2020/NĐ-CP)."""
DOCUMENT_INK = "#000000"
"""The text and rules of the Word report: black, as the decree's forms are."""
SHEET_FONT = "Arial"
"""The font of status.xlsx, named in every cell: every office PC has it (Excel's default, Calibri or Aptos, depends
on the Office version, and LibreOffice substitutes its metric twin, Liberation Sans)."""


def use_theme(text_pt: float = 8.0, size: tuple[float, float] = (6.5, 6.7)) -> None:
    """The one theme of every kpi chart: seaborn's white grid, DejaVu Sans, plain text (no mathtext).

    Every text of a chart is ``text_pt`` points (ticks, labels, notes, the values in the cells) and its title a
    quarter larger: a chart is drawn at the size it is placed (``kpi.story.figures.Medium``), so ``text_pt`` is
    the smallest text the reader sees. ``size`` is the figure's width and the most height it may take, in
    inches (``figure.figsize``, which the charts read). The defaults are the printed page's (``PAGE``).
    """
    import seaborn as sns

    sns.set_theme(style="whitegrid", font=FONT, rc={
        "font.size": text_pt, "axes.titlesize": round(text_pt * 1.25, 1), "axes.titleweight": "bold",
        "axes.titlelocation": "left", "axes.labelsize": text_pt, "xtick.labelsize": text_pt,
        "ytick.labelsize": text_pt, "legend.fontsize": text_pt, "legend.title_fontsize": text_pt,
        "figure.figsize": size, "lines.linewidth": 1.6 * text_pt / 8, "lines.markersize": 6 * text_pt / 8,
        "axes.spines.top": False, "axes.spines.right": False, "axes.edgecolor": MUTED, "axes.labelcolor": INK,
        "xtick.color": INK, "ytick.color": INK, "text.color": INK, "grid.color": "#e6e6e6", "grid.linewidth": 0.6,
        "figure.dpi": 110, "savefig.bbox": "tight", "svg.fonttype": "none", "legend.frameon": False,
        "text.parse_math": False,  # names from data are drawn as they are: '$5$' is not mathtext
    })

INPUT_FILL = "#fff2cc"
"""Cells a person fills in a workbook (value, kind, qualifier, source, note)."""
LOCKED_FILL = PALE_FILL
"""Reference cells of a workbook that are shown but protected."""
HEADER_FILL, HEADER_INK = ACCENT, WHITE_INK


def argb(colour: str) -> str:
    """A '#rrggbb' colour as openpyxl writes it: 'RRGGBB'."""
    return colour.lstrip("#").upper()
