"""Charts: each takes data (assessment frames) and an optional Axes, and returns the Axes.

No chart shows or saves itself; saving PNG + SVG is the report's job (``kpi.report.save_figure``).
One theme for all (``use_theme``): DejaVu Sans, which has every Vietnamese letter.
"""
from __future__ import annotations

import math

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.patches import Patch

from .formatting import STATUS_LABELS, nfc, number
from .periods import parse_quarter

STATUS_COLOURS = {
    # Lightness (CIE L*) differs from one status to the next, for grey-scale print and colour-blind readers.
    "missed": "#7a1010",        # L* 25
    "met": "#1a5e2e",           # L* 35
    "off_track": "#d9482b",     # L* 51
    "undetermined": "#9f8bd9",  # L* 62
    "on_track": "#85cc88",      # L* 76
    "at_risk": "#f5d04c",       # L* 85
    "no_data": "#ececec",       # L* 93
}
DARK_STATUSES = {"missed", "met", "off_track"}
"""Statuses whose colour needs white text."""
INK, MUTED, TARGET = "#222222", "#8a8a8a", "#1f4e9c"

_TEXT = {
    "vi": {"growth_title": "{name} so với kế hoạch", "quarter": "Kỳ báo cáo (lũy kế từ đầu năm)",
           "target": "Kế hoạch", "actual": "Thực hiện", "expected": "Tiến độ cần đạt", "last_year": "Cùng kỳ năm trước",
           "structure_title": "Cơ cấu kinh tế so với kế hoạch", "pct_plan": "% kế hoạch năm",
           "flows_title": "Tiến độ các chỉ tiêu lũy kế", "no_data": "chưa có số liệu",
           "scorecard_title": "Đánh giá các chỉ tiêu theo quý", "projection": "Ước cả năm",
           "earlier": "Số liệu kỳ trước", "actual_coloured": "Thực hiện (màu theo đánh giá)",
           "left_out": "{n} chỉ tiêu khác chưa có số liệu đến kỳ này."},
    "en": {"growth_title": "{name} against the plan", "quarter": "Period (cumulative from January)",
           "target": "Plan", "actual": "Actual", "expected": "Expected by now", "last_year": "Same period last year",
           "structure_title": "Economic structure against the plan", "pct_plan": "% of the annual plan",
           "flows_title": "Progress of cumulative targets", "no_data": "no data",
           "scorecard_title": "Status of every target by quarter", "projection": "Year-end projection",
           "earlier": "Figure of an earlier quarter", "actual_coloured": "Actual (coloured by status)",
           "left_out": "{n} other targets have no figure so far this year."},
}


def use_theme() -> None:
    """The one theme of every kpi chart."""
    plt.rcParams.update({
        "font.family": "DejaVu Sans", "font.size": 9, "axes.titlesize": 11, "axes.titleweight": "bold",
        "axes.titlelocation": "left", "axes.spines.top": False, "axes.spines.right": False,
        "axes.edgecolor": MUTED, "axes.labelcolor": INK, "xtick.color": INK, "ytick.color": INK,
        "axes.grid": True, "grid.color": "#e6e6e6", "grid.linewidth": 0.6, "figure.dpi": 110,
        "savefig.bbox": "tight", "svg.fonttype": "none", "legend.frameon": False,
        "text.parse_math": False,  # names from the data are text: "$5$" is not mathematics
    })


def _number_ticks(axis, lang: str) -> None:
    """Tick labels in the reader's number format (6,5 in Vietnamese, 6.5 in English)."""
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(lambda v, _pos: number(v, lang)))


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is None:
        use_theme()
        _, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


def trend(history: pd.DataFrame, indicator: str, *, lang: str = "vi", ax: Axes | None = None) -> Axes:
    """One target's figure quarter by quarter, with the plan's line or band.

    Parameters
    ----------
    history : assessment frames of several quarters (``kpi.assessment.history``).
    indicator : the target id, e.g. ``'grdp_growth'``.
    """
    t = _TEXT[lang]
    rows = history[history["indicator"] == indicator].sort_values("period")
    ax = _axes(ax, (6.4, 3.4))
    first = rows.iloc[0]
    periods = list(rows["period"])
    x = np.arange(len(periods))
    current = rows["as_of"] == rows["period"]
    y = np.where(current, rows["actual"], np.nan)
    lo, hi = first["target_low"], first["target_high"]
    if not math.isnan(lo) and not math.isnan(hi):
        ax.axhspan(lo, hi, color=TARGET, alpha=0.15, lw=0, label=f"{t['target']}: {first['rule']}")
    else:
        ax.axhline(lo if not math.isnan(lo) else hi, color=TARGET, ls="--", lw=1.4,
                   label=f"{t['target']}: {first['rule']}")
    ax.plot(x, y, marker="o", color=INK, lw=1.6, label=t["actual"])
    for xi, yi, st in zip(x, y, rows["status"]):
        if not math.isnan(yi):
            ax.annotate(number(yi, lang), (xi, yi), textcoords="offset points", xytext=(0, 7), ha="center",
                        fontsize=9, color=INK)
            ax.scatter([xi], [yi], s=70, color=STATUS_COLOURS[st], zorder=3, edgecolor=INK, lw=0.6)
    ax.set_xticks(x, [parse_quarter(p).label(lang) for p in periods])
    ax.set_xlim(-0.5, len(periods) - 0.5)
    vals = [v for v in [*y, lo, hi] if not (isinstance(v, float) and math.isnan(v))]
    if vals:
        span = max(vals) - min(vals) or abs(max(vals)) or 1
        ax.set_ylim(min(0, min(vals) - 0.15 * span), max(vals) + 0.25 * span)
    unit = first["unit"]
    _number_ticks(ax.yaxis, lang)
    ax.set_ylabel(nfc(unit))
    ax.set_title(nfc(t["growth_title"].format(name=first["name"])))
    if np.isnan(y).all():
        ax.text(0.5, 0.5, t["no_data"], transform=ax.transAxes, ha="center", color=MUTED)
    ax.legend(loc="upper left", bbox_to_anchor=(0, -0.14), ncols=2)
    return ax


def structure(status: pd.DataFrame, *, lang: str = "vi", ax: Axes | None = None,
              prefix: str = "share_") -> Axes:
    """Sector shares against their bands: one row per share target, the band shaded, the figure marked."""
    t = _TEXT[lang]
    rows = status[status["indicator"].str.startswith(prefix)].reset_index(drop=True)
    ax = _axes(ax, (6.4, 0.8 + 0.9 * max(len(rows), 1)))
    ax.grid(axis="y", visible=False)
    for i, r in rows.iterrows():
        lo, hi = r["target_low"], r["target_high"]
        ax.barh(i, hi - lo, left=lo, height=0.5, color=TARGET, alpha=0.18, lw=0,
                label=t["target"] if i == 0 else None)
        if r["as_of"] == r["period"]:
            ax.scatter([r["actual"]], [i], s=90, color=STATUS_COLOURS[r["status"]], edgecolor=INK, zorder=3)
            ax.annotate(f"{number(r['actual'], lang)}% · {STATUS_LABELS[lang][r['status']]}", (r["actual"], i),
                        xytext=(0, 10), textcoords="offset points", ha="center", fontsize=8.5)
        else:
            ax.text((lo + hi) / 2, i - 0.38, t["no_data"], ha="center", va="center", color=MUTED, fontsize=8.5)
        ax.text((lo + hi) / 2, i + 0.42, f"{t['target']} {r['rule']}", ha="center", va="center", fontsize=8,
                color=TARGET)
    ax.set_yticks(range(len(rows)), [nfc(n) for n in rows["name"]])
    ax.invert_yaxis()
    _number_ticks(ax.xaxis, lang)
    ax.set_xlabel("% GRDP")
    if len(rows):
        lows = np.nanmin(np.r_[rows["target_low"], rows["actual"]])
        highs = np.nanmax(np.r_[rows["target_high"], rows["actual"]])
        ax.set_xlim(max(0, lows - 4), highs + 4)
        ax.set_ylim(len(rows) - 0.3, -0.8)
    ax.set_title(t["structure_title"])
    return ax


def bullet(status: pd.DataFrame, *, lang: str = "vi", ax: Axes | None = None) -> Axes:
    """A bullet per flow target, in % of its annual target.

    The figure is the bar (coloured by status; hatched when it is from an earlier quarter), the
    progress expected by now a black tick, last year's figure a grey tick, the target the dashed
    line at 100%, and the year-end projection a hollow diamond. The percent is printed at the right.
    """
    t = _TEXT[lang]
    rows = status[status["measure"] == "flow"].reset_index(drop=True)
    ax = _axes(ax, (10, 1.2 + 0.5 * max(len(rows), 1)))
    ax.grid(axis="y", visible=False)
    ref = rows["target"].to_numpy(float)
    top = 100.0
    right = ax.get_yaxis_transform()
    for i, r in rows.iterrows():
        ax.barh(i, 100, height=0.72, color="#f3f3f3", lw=0)
        has = not math.isnan(r["actual"]) and bool(ref[i])
        if has:
            pct = r["actual"] / ref[i] * 100
            stale = r["as_of"] != r["period"]
            ax.barh(i, pct, height=0.4, color="#d9d9d9" if stale else STATUS_COLOURS[r["status"]], edgecolor=INK,
                    lw=0.4, hatch="///" if stale else None)
            note = "" if not stale else f" ({parse_quarter(r['as_of']).label(lang).split(' 20')[0].lower()})"
            ax.text(1.01, i, f"{number(pct, lang, digits=1)}%{note}", transform=right, va="center", fontsize=8)
            top = max(top, pct)
            if r["projection_method"] in ("run_rate", "seasonal") and not stale:
                pp = r["projection"] / ref[i] * 100
                ax.scatter([pp], [i], marker="D", s=26, facecolor="white", edgecolor=INK, zorder=3)
                top = max(top, pp)
            if not math.isnan(r["expected_pct"]) and not stale:
                ax.plot([r["expected_pct"]] * 2, [i - 0.3, i + 0.3], color=INK, lw=2.2)
        else:
            ax.text(1.01, i, t["no_data"], transform=right, va="center", fontsize=8, color=MUTED)
        if not math.isnan(r["last_year"]) and ref[i]:
            ly = r["last_year"] / ref[i] * 100
            ax.plot([ly] * 2, [i - 0.3, i + 0.3], color=MUTED, lw=2.2)
            top = max(top, ly)
    ax.axvline(100, color=TARGET, lw=1.4, ls="--")
    labels = [nfc(f"{n}\n{t['target']} {rule} {u}") for n, rule, u in zip(rows["name"], rows["rule"], rows["unit"])]
    ax.set_yticks(range(len(rows)), labels, fontsize=8)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(0, top * 1.05)
    _number_ticks(ax.xaxis, lang)
    ax.set_xlabel(t["pct_plan"])
    ax.set_title(t["flows_title"])
    handles = [Patch(facecolor=STATUS_COLOURS["on_track"], edgecolor=INK, lw=0.4, label=t["actual_coloured"]),
               Patch(facecolor="#d9d9d9", edgecolor=INK, lw=0.4, hatch="///", label=t["earlier"]),
               plt.Line2D([], [], color=INK, lw=2, label=t["expected"]),
               plt.Line2D([], [], color=MUTED, lw=2, label=t["last_year"]),
               plt.Line2D([], [], color=TARGET, lw=1.4, ls="--", label=t["target"] + " (100%)"),
               plt.Line2D([], [], marker="D", ls="", markerfacecolor="white", markeredgecolor=INK,
                          label=t["projection"])]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.9 / max(len(rows), 1)), ncols=3,
              fontsize=8)
    return ax


def scorecard(history: pd.DataFrame, *, lang: str = "vi", ax: Axes | None = None,
              only_with_data: bool = True) -> Axes:
    """A heatmap of the targets' status (rows) by quarter (columns), labelled in each cell.

    With ``only_with_data`` (default) the targets with no figure in any quarter are left out and
    counted in a note under the chart, so the rows that say something stay legible.
    """
    t = _TEXT[lang]
    order = list(dict.fromkeys(history["indicator"]))
    left_out = 0
    if only_with_data:
        seen = set(history.loc[history["as_of"] != "", "indicator"])
        left_out = len([i for i in order if i not in seen])
        order = [i for i in order if i in seen] or order[:1]
        history = history[history["indicator"].isin(order)]
    periods = sorted(history["period"].unique())
    grid = history.pivot(index="indicator", columns="period", values="status").reindex(index=order, columns=periods)
    names = history.drop_duplicates("indicator").set_index("indicator").loc[order, "name"]
    ax = _axes(ax, (9, 1.3 + 0.34 * len(order)))
    ax.grid(False)
    statuses = list(STATUS_COLOURS)
    codes = grid.map(statuses.index).to_numpy()
    from matplotlib.colors import ListedColormap

    ax.imshow(codes, cmap=ListedColormap([STATUS_COLOURS[s] for s in statuses]), vmin=-0.5,
              vmax=len(statuses) - 0.5, aspect="auto", interpolation="nearest")
    for (i, j), code in np.ndenumerate(codes):
        s = statuses[code]
        ax.text(j, i, "–" if s == "no_data" else STATUS_LABELS[lang][s], ha="center", va="center", fontsize=6.5,
                color="white" if s in DARK_STATUSES else INK)
    ax.set_xticks(range(len(periods)), [parse_quarter(p).label(lang) for p in periods])
    ax.xaxis.tick_top()
    ax.set_yticks(range(len(order)), [nfc(n if len(n) <= 48 else n[:47] + "…") for n in names], fontsize=7.5)
    ax.tick_params(which="both", length=0)
    for s in ax.spines.values():
        s.set_visible(False)
    ax.set_xticks(np.arange(-0.5, len(periods)), minor=True)
    ax.set_yticks(np.arange(-0.5, len(order)), minor=True)
    ax.grid(which="minor", color="white", lw=1.2)
    ax.set_title(t["scorecard_title"], pad=22)
    if left_out:
        ax.text(0, -0.02, t["left_out"].format(n=left_out), transform=ax.transAxes, ha="left", va="top",
                fontsize=8, color=MUTED)
    return ax
