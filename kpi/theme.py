"""The one look of every kpi output: status colours, ink, accent, fonts, and the chart theme.

Charts, HTML sections, slides, spreadsheets and the Word report take their colours from here.
"""
from __future__ import annotations

STATUS_COLOURS = {
    # Lightness (CIE L*) differs by at least 8 from one status to the next, for grey-scale print and
    # colour-blind readers.
    "missed": "#7a1010",        # L* 25
    "met": "#1a5e2e",           # L* 35
    "not_due": "#3d689b",       # L* 43
    "off_track": "#d9482b",     # L* 51
    "undetermined": "#9f8bd9",  # L* 62
    "on_track": "#85cc88",      # L* 76
    "at_risk": "#f5d04c",       # L* 85
    "no_data": "#ececec",       # L* 93
}
DARK_STATUSES = frozenset({"missed", "met", "not_due", "off_track"})
"""Statuses whose colour needs white text."""
INK, MUTED, TARGET, ACCENT = "#222222", "#8a8a8a", "#1f4e9c", "#1f4e9c"
STALE_FILL = "#d9d9d9"
FONT = "DejaVu Sans"
"""A font with every Vietnamese letter (Debian's fonts-dejavu-core)."""
DOCUMENT_FONT = "Times New Roman"
"""The font of administrative documents (Decree 30/2020/NĐ-CP)."""


def ink_for(status: str) -> str:
    """The text colour that reads on a status colour."""
    return "#ffffff" if status in DARK_STATUSES else INK


def use_theme() -> None:
    """The one theme of every kpi chart: seaborn's white grid, DejaVu Sans, plain text (no mathtext)."""
    import seaborn as sns

    sns.set_theme(style="whitegrid", font=FONT, rc={
        "font.size": 9, "axes.titlesize": 11, "axes.titleweight": "bold", "axes.titlelocation": "left",
        "axes.labelsize": 9, "xtick.labelsize": 8.5, "ytick.labelsize": 8.5, "legend.fontsize": 8.5,
        "axes.spines.top": False, "axes.spines.right": False, "axes.edgecolor": MUTED, "axes.labelcolor": INK,
        "xtick.color": INK, "ytick.color": INK, "text.color": INK, "grid.color": "#e6e6e6", "grid.linewidth": 0.6,
        "figure.dpi": 110, "savefig.bbox": "tight", "svg.fonttype": "none", "legend.frameon": False,
        "text.parse_math": False,  # names from data are drawn as they are: '$5$' is not mathtext
    })

INPUT_FILL = "#fff2cc"
"""Cells a person fills in a workbook (value, kind, qualifier, source, note)."""
LOCKED_FILL = "#f2f2f2"
"""Reference cells of a workbook that are shown but protected."""
HEADER_FILL, HEADER_INK = ACCENT, "#ffffff"


def argb(colour: str) -> str:
    """A '#rrggbb' colour as openpyxl writes it: 'RRGGBB'."""
    return colour.lstrip("#").upper()
