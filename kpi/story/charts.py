"""Charts: each takes data (assessment frames) and an optional Axes, and returns the Axes.

No chart shows or saves itself; saving PNG + SVG is the report's job (``kpi.story.figures.save_figure``).
One theme for all (``use_theme``): DejaVu Sans, which has every Vietnamese letter. A chart is drawn for its
medium (``kpi.story.figures.Medium``): its width is the theme's ``figure.figsize``, its height grows with its
rows in lines of the theme's text (never past the medium's height), and every text is at the theme's size.
"""
from __future__ import annotations

import math
from functools import partial

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.colors import ListedColormap, to_rgb
from matplotlib.patches import Patch, Rectangle

from ..text import theme as _theme
from ..assessment.engine import PROJECTED
from ..text.formatting import DIGITS, nfc, number, tick_label
from ..text.labels import CHART, SECTION, basis_text, status_label
from ..model.period import Period
from ..model.rules import rule_words
from ..text.status import BY_CODE, CODES, attention_rank, status_of
from ..text.theme import INK, MUTED, PALE_FILL, STALE_FILL, TARGET

MAX_ROWS = 40
"""Most targets one chart draws (the flows' bullets, the scorecard's rows) and most trend charts a report
draws: a larger plan is summarised, the targets that most need attention first, with a note of how many
more there are; the report's table lists every target. (A 500-row chart at 300 dpi is a 500 MB image.)"""
NAME_CHARS = 24
"""The most characters a line of a row's name holds in the scorecard (two lines at most): the period columns keep
the room their words need (eight months of 'Undetermined' on a printed page)."""


def most_in_need(status: pd.DataFrame, limit: int = MAX_ROWS) -> tuple[pd.DataFrame, int]:
    """At most ``limit`` rows of ``status`` to draw, and how many are left out.

    Within the limit, every row in plan order; beyond it, the rows that most need attention first
    (missed, off track, at risk, undetermined, then the others, each in plan order).
    """
    if len(status) <= limit:
        return status, 0
    rank = status["status"].map(attention_rank)
    order = np.argsort(rank.to_numpy(), kind="stable")[:limit]
    return status.iloc[order], len(status) - limit


def use_theme() -> None:
    """The one theme of every kpi chart (``kpi.text.theme.use_theme``)."""
    _theme.use_theme()


def basis_note(status: pd.DataFrame, lang: str = "vi") -> str:
    """How the expected progress of the flows in ``status`` was set, in one line (empty if none)."""
    flows = status[status["expected_basis"] != ""]
    if flows.empty:
        return ""
    month = Period.parse(flows["period"].iloc[0]).month
    parts = list(dict.fromkeys(basis_text(b, y, month, lang)
                               for b, y in zip(flows["expected_basis"], flows["expected_years"])))
    return SECTION[lang]["basis"].format(basis="; ".join(parts))


def _number_ticks(axis, lang: str) -> None:
    """Tick labels in the reader's number format (6,5 in Vietnamese, 6.5 in English)."""
    from matplotlib.ticker import FuncFormatter

    axis.set_major_formatter(FuncFormatter(partial(tick_label, lang=lang)))


def _axes(ax: Axes | None, lines: float) -> Axes:
    """A new Axes as wide as the theme's figure and ``lines`` lines of its text tall: never squeezed into less, so
    that its words keep their room (``kpi.story.figures`` splits a chart taller than its medium)."""
    import matplotlib as mpl

    if ax is None:
        if mpl.rcParams["axes.titlelocation"] != "left":  # no kpi theme yet (a chart drawn outside a medium)
            use_theme()
        width = mpl.rcParams["figure.figsize"][0]
        _, ax = plt.subplots(figsize=(width, lines * _pt() / 72), layout="constrained")
    return ax


def _pt() -> float:
    """The theme's text size, in points: every text of a chart is drawn at it."""
    import matplotlib as mpl

    return float(mpl.rcParams["font.size"])


def _legend(ax: Axes, handles: list, columns: int) -> None:
    """The legend under the chart, across the figure (laid out with it by the constrained layout)."""
    if handles:
        ax.figure.legend(handles=handles, loc="outside lower left", ncols=columns, handlelength=1.6,
                         columnspacing=1.2)


def _heading(ax: Axes, title: str, lines: list[str], *, aside: float = 6) -> None:
    """The title, and under it in grey the lines that say what the chart shows: period, unit, basis.

    The grey lines are wrapped to the width the axes leave beside ``aside`` characters of labels (the tick
    labels on the left, the values on the right), and kept out of the layout: they never narrow the plot.
    """
    import textwrap

    pt = _pt()
    per_line = max(20, int(ax.figure.get_size_inches()[0] * 72 / (0.56 * pt) - aside))
    lines = [line for x in lines if x for line in textwrap.wrap(nfc(x), per_line)]
    ax.set_title(nfc(title), pad=pt * (0.6 + 1.3 * len(lines)))
    if lines:
        ax.annotate("\n".join(lines), (0, 1), xycoords="axes fraction", xytext=(0, pt * 0.4),
                    textcoords="offset points", color=MUTED, va="bottom", ha="left", linespacing=1.3,
                    in_layout=False)


def _chars(labels) -> int:
    """The longest line of ``labels``, in characters."""
    return max((len(line) for label in labels for line in str(label).split("\n")), default=0)


def _through(period: str, lang: str) -> str:
    """'Số liệu đến 9 tháng năm 2021' / 'Figures up to 9 months 2021': the period a chart reports, in words."""
    return CHART[lang]["through"].format(period=Period.parse(period).in_text(lang))


def year_end_before(observations: pd.DataFrame | None, indicator: str, year: int) -> float:
    """The figure on file for ``indicator`` at the end of the year before ``year`` (NaN when none)."""
    if observations is None or observations.empty:
        return math.nan
    rows = observations[observations["indicator"] == indicator]
    for period, value in zip(rows["period"], rows["value"]):
        p = Period.try_parse(period)
        if p is not None and p.year == year - 1 and p.is_year_end:
            return float(value)
    return math.nan


def _limits(values: list[float], *, from_zero: bool) -> tuple[float, float]:
    """Axis limits from the values (data and band), with room below and, for the labels, above."""
    vals = [v for v in values if not math.isnan(v)]
    if not vals:
        return 0.0, 1.0
    low, high = min(vals), max(vals)
    span = high - low or abs(high) * 0.1 or 1.0
    bottom, top = low - 0.2 * span, high + 0.35 * span
    if from_zero:
        bottom, top = min(0.0, bottom), max(0.0, top)
    elif low >= 0:
        bottom = max(0.0, bottom)
    return bottom, top


def own_frequency(rows: pd.DataFrame) -> pd.DataFrame:
    """The periods of one target's history (``rows``, in order) at which it is published.

    A month report steps month by month; a target whose figures are all quarterly (GRDP) is drawn at its
    quarters only, the months that close a quarter: a quarterly figure repeated on each month would draw
    eight points for two figures and crowd the axis.
    """
    periods = [Period.parse(p) for p in rows["period"]]
    if not periods or periods[0].is_quarter:
        return rows
    known = [Period.parse(a) for a in rows["as_of"] if a]
    if not known or not all(k.is_quarter for k in known):
        return rows
    return rows[[p.month % 3 == 0 for p in periods]]


def _tick(period: Period, quarterly: bool, lang: str) -> str:
    """A period's label on a time axis: the quarter for a quarterly target in a month report."""
    return (Period.quarter(period.year, period.month // 3) if quarterly else period).label(lang, wrap=True)


def trend(history: pd.DataFrame, indicator: str, *, observations: pd.DataFrame | None = None, lang: str = "vi",
          ax: Axes | None = None) -> Axes:
    """One target's figure period by period, with the plan's line or band.

    Parameters
    ----------
    history : assessment frames of several periods (``kpi.assessment.engine.history``).
    indicator : the target id, e.g. ``'grdp_growth'``.
    observations : the figures on file (``kpi.load``); when given, last year's year-end figure is the
        first point ('Năm 2020'), the base the year is measured from.

    A growth rate is drawn on an axis that holds 0; a level on an axis chosen from its figures and its
    band, so that a band of ±1% stays visible. Value labels stay inside the axes. Under the title of a
    flow, how its expected progress was set at the last period (``basis_note``). A quarterly target in a
    month report is drawn at its quarters (``own_frequency``). The legend names what is drawn: the plan,
    the figures, the colour of each verdict shown, and last year's point.
    """
    t = CHART[lang]
    every = history[history["indicator"] == indicator].sort_values("period", key=lambda s: s.map(Period.parse))
    rows = own_frequency(every)
    quarterly = len(rows) < len(every)
    ax = _axes(ax, 25)
    pt = _pt()
    first, last = every.iloc[0], every.iloc[-1]
    year = Period.parse(first["period"]).year
    # a figure is drawn at its own period only (a yearly figure's 6-month estimate is current at 9 months, but it is
    # the 6-month point of the line)
    current = [bool(a) and Period.parse(a).slot == Period.parse(p).slot for a, p in zip(rows["as_of"], rows["period"])]
    y = list(np.where(current, rows["actual"], np.nan))
    labels = [_tick(Period.parse(p), quarterly, lang) for p in rows["period"]]
    statuses = list(np.where(current, rows["status"], None))
    base = year_end_before(observations, indicator, year)
    if not math.isnan(base):
        y, labels, statuses = [base] + y, [t["baseline"].format(year=year - 1)] + labels, [None] + statuses
    x = np.arange(len(y))
    lo, hi = first["target_low"], first["target_high"]
    rule = rule_words(first, lang, with_unit=False)
    handles = []
    if not math.isnan(lo) and not math.isnan(hi):
        handles.append(ax.axhspan(lo, hi, color=TARGET, alpha=0.15, lw=0, label=f"{t['target']}: {rule}"))
    else:
        handles.append(ax.axhline(lo if not math.isnan(lo) else hi, color=TARGET, ls="--", lw=1.4 * pt / 8,
                                  label=f"{t['target']}: {rule}"))
    handles += ax.plot(x, y, color=INK, lw=1.6 * pt / 8, label=t["actual"])
    bottom, top = _limits([*y, lo, hi], from_zero=first["measure"] == "growth")
    lines = [v for v in (lo, hi) if not math.isnan(v)]
    dot = 70 * (pt / 9) ** 2
    for xi, yi, st in zip(x, y, statuses):
        if not math.isnan(yi):
            # above the point, unless the plan's line runs just above it: then below, clear of the line
            under = any(0 <= v - yi < 0.15 * (top - bottom) for v in lines)
            ax.annotate(number(yi, lang), (xi, yi), textcoords="offset points",
                        xytext=(0, -pt if under else 0.8 * pt), ha="center", va="top" if under else "baseline",
                        color=INK if st else MUTED)
            ax.scatter([xi], [yi], s=dot, color=status_of(st).colour if st else "white", zorder=3,
                       edgecolor=INK if st else MUTED, lw=0.6 if st else 1.2)
    for st in dict.fromkeys(s for s, v in zip(statuses, y) if s and not math.isnan(v)):  # each verdict drawn
        handles.append(plt.Line2D([], [], marker="o", ls="", markersize=math.sqrt(dot), markerfacecolor=status_of(st).colour,
                                  markeredgecolor=INK, markeredgewidth=0.6, label=status_label(st, lang)))
    ax.set_xticks(x, labels)  # each on two lines (Period.label's wrap): the period, then the year
    ax.set_xlim(-0.5, len(x) - 0.5)
    ax.set_ylim(bottom, top)
    unit = first["unit"]
    _number_ticks(ax.yaxis, lang)
    ax.set_ylabel(nfc(unit))
    # a flow's points are coloured against the progress expected by then: say how it was set (at the last period)
    basis = basis_note(every.iloc[[-1]], lang) if last["measure"] == "flow" else ""
    _heading(ax, t["growth_title"].format(name=first["name"]),
             [f"{_through(last['period'], lang)} · {t['unit'].format(unit=unit)}", basis], aside=12)
    if np.isnan(y).all():
        ax.text(0.5, 0.5, t["no_data"], transform=ax.transAxes, ha="center", color=MUTED)
    if not math.isnan(base):  # the hollow first point: last year's figure, the base of the year
        handles.append(plt.Line2D([], [], marker="o", ls="", markersize=math.sqrt(dot), markerfacecolor="white",
                                  markeredgecolor=MUTED, markeredgewidth=1.2, label=t["base_point"]))
    _legend(ax, handles, 3)
    return ax


def structure_rows(status: pd.DataFrame) -> pd.DataFrame:
    """The economy's levels in percent held inside a band, ``between`` (the sector shares of GRDP, 21–22%): by
    measure, group, unit and rule, never by id."""
    banded = status["rule_kind"].eq("between")
    return status[(status["group"] == "economy") & (status["measure"] == "level") & banded
                  & (status["unit"].astype(str).str.strip() == "%")]


def structure(status: pd.DataFrame, *, lang: str = "vi", ax: Axes | None = None) -> Axes:
    """Sector shares against their bands (``structure_rows``): one row per target, the band shaded, the figure marked.

    Each row reads top to bottom: the figure and its verdict above the band, the band with the point, the
    plan's words under it; none of them is drawn over the band.
    """
    t = CHART[lang]
    rows = structure_rows(status).reset_index(drop=True)
    ax = _axes(ax, 8 + 5.5 * max(len(rows), 1))
    pt = _pt()
    ax.grid(axis="y", visible=False)
    left, right = 0.0, 100.0
    if len(rows):
        left = max(0, np.nanmin(np.r_[rows["target_low"], rows["actual"]]) - 5)
        right = np.nanmax(np.r_[rows["target_high"], rows["actual"]]) + 5
        ax.set_xlim(left, right)
    half = 0.2  # the band's half-height, in rows: the words above and under it take the rest of the row
    handles = []
    for i, r in rows.iterrows():
        lo, hi = r["target_low"], r["target_high"]
        ax.barh(i, hi - lo, left=lo, height=2 * half, color=TARGET, alpha=0.18, lw=0)
        if r["as_of"] and not r["stale"]:
            colour = status_of(r["status"]).colour
            ax.scatter([r["actual"]], [i], s=90 * (pt / 9) ** 2, color=colour, edgecolor=INK, zorder=3)
            word = status_label(r["status"], lang, approximate=r["approximate"])
            # above the band, running towards the middle of the axis so that it never leaves the axes
            leftish = r["actual"] <= (left + right) / 2
            ax.annotate(f"{number(r['actual'], lang)}% · {word}", (r["actual"], i - half), xytext=(0, pt * 0.3),
                        textcoords="offset points", ha="left" if leftish else "right", va="bottom")
            if word not in [h.get_label() for h in handles]:
                handles.append(plt.Line2D([], [], marker="o", ls="", markersize=math.sqrt(90) * pt / 9,
                                          markerfacecolor=colour, markeredgecolor=INK, label=word))
        else:
            ax.annotate(t["no_data"], ((lo + hi) / 2, i - half), xytext=(0, pt * 0.3), textcoords="offset points",
                        ha="center", va="bottom", color=MUTED)
        ax.annotate(f"{t['target']} {rule_words(r, lang, with_unit=False)}", ((lo + hi) / 2, i + half),
                    xytext=(0, -pt * 0.3), textcoords="offset points", ha="center", va="top", color=TARGET)
    ax.set_yticks(range(len(rows)), [nfc(n) for n in rows["name"]])
    _number_ticks(ax.xaxis, lang)
    ax.set_xlabel("% GRDP")
    ax.set_ylim(max(len(rows), 1) - 0.5, -0.5)
    period = status["period"].iloc[0] if len(status) else ""
    _heading(ax, t["structure_title"],
             [f"{_through(period, lang)} · {t['unit'].format(unit='% GRDP')}" if period else ""],
             aside=_chars(rows["name"]) + 4)
    if len(rows):
        handles.insert(0, Patch(facecolor=TARGET, alpha=0.18, lw=0, label=t["target"]))
    _legend(ax, handles, 4)
    return ax


def bullet(status: pd.DataFrame, *, lang: str = "vi", ax: Axes | None = None, limit: int = MAX_ROWS,
           first: int = 0, count: int | None = None) -> Axes:
    """A bullet per flow target, in % of its annual target.

    At most ``limit`` flows are drawn (``most_in_need``); a line under the title counts the others. ``first``
    and ``count`` draw a part of them, for a medium that holds fewer bars (``kpi.story.figures.parts``).

    The figure is the bar (coloured by status; hatched when it is from an earlier quarter), the
    progress expected by now a black tick, last year's figure a grey tick, the target the dashed
    line at 100%, and the year-end projection a hollow diamond. The percent is printed at the right.
    The legend names what is drawn: one swatch per verdict of the bars shown, and the marks that appear.
    """
    t = CHART[lang]
    rows, more = most_in_need(status[status["measure"] == "flow"], limit)
    rows = rows.iloc[first:None if count is None else first + count].reset_index(drop=True)
    ax = _axes(ax, 13 + 3 * max(len(rows), 1))
    pt = _pt()
    ax.grid(axis="y", visible=False)
    ref = rows["target"].to_numpy(float)
    top = 100.0
    right = ax.get_yaxis_transform()
    drawn: dict = {}
    tick = dict(lw=2.2 * pt / 8)
    for i, r in rows.iterrows():
        ax.barh(i, 100, height=0.72, color=PALE_FILL, lw=0)
        has = not math.isnan(r["actual"]) and bool(ref[i])
        if has:
            pct = r["actual"] / ref[i] * 100
            stale = bool(r["stale"])
            colour = STALE_FILL if stale else status_of(r["status"]).colour
            ax.barh(i, pct, height=0.4, color=colour, edgecolor=INK, lw=0.4, hatch="///" if stale else None)
            key = "earlier" if stale else r["status"]
            drawn.setdefault(key, Patch(facecolor=colour, edgecolor=INK, lw=0.4, hatch="///" if stale else None,
                                        label=t["earlier"] if stale else status_label(r["status"], lang)))
            note = "" if not stale else f" ({Period.parse(r['as_of']).span(lang)})"
            ax.annotate(f"{number(pct, lang, digits=DIGITS['attainment_pct'])}%{note}", (1, i), xycoords=right,
                        xytext=(pt * 0.4, 0), textcoords="offset points", va="center")
            top = max(top, pct)
            if r["projection_method"] in PROJECTED and not stale:
                pp = r["projection"] / ref[i] * 100
                ax.scatter([pp], [i], marker="D", s=26 * (pt / 8) ** 2, facecolor="white", edgecolor=INK, zorder=3)
                drawn.setdefault("projection", plt.Line2D([], [], marker="D", ls="", markerfacecolor="white",
                                                          markeredgecolor=INK, label=t["projection"]))
                top = max(top, pp)
            if not math.isnan(r["expected_pct"]) and not stale:
                ax.plot([r["expected_pct"]] * 2, [i - 0.3, i + 0.3], color=INK, **tick)
                drawn.setdefault("expected", plt.Line2D([], [], color=INK, label=t["expected"], **tick))
        else:
            ax.annotate(t["no_data"], (1, i), xycoords=right, xytext=(pt * 0.4, 0), textcoords="offset points",
                        va="center", color=MUTED)
        if not math.isnan(r["last_year"]) and ref[i]:
            ly = r["last_year"] / ref[i] * 100
            ax.plot([ly] * 2, [i - 0.3, i + 0.3], color=MUTED, **tick)
            drawn.setdefault("last_year", plt.Line2D([], [], color=MUTED, label=t["last_year"], **tick))
            top = max(top, ly)
    ax.axvline(100, color=TARGET, lw=1.4 * pt / 8, ls="--")
    labels = [nfc(f"{r['name']}\n{t['target']} {rule_words(r, lang, with_unit=False)} {r['unit']}")
              for _, r in rows.iterrows()]
    ax.set_yticks(range(len(rows)), labels)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(0, top * 1.05)
    _number_ticks(ax.xaxis, lang)
    ax.set_xlabel(t["pct_plan"])
    period = status["period"].iloc[0] if len(status) else ""
    _heading(ax, t["flows_title"], [f"{_through(period, lang)} · {t['unit'].format(unit=t['pct_plan'])}" if period
                                    else "", basis_note(rows, lang), t["more"].format(n=more) if more else ""],
             aside=_chars(labels) + 2)  # the values on the right lie under the heading
    verdicts = [drawn[c] for c in CODES if c in drawn]  # the bars' colours first, in the order of the statuses
    marks = [drawn[k] for k in ("earlier", "expected", "last_year", "projection") if k in drawn]
    target = plt.Line2D([], [], color=TARGET, lw=1.4 * pt / 8, ls="--", label=t["target"] + " (100%)")
    _legend(ax, verdicts + marks + [target], 4)
    return ax


def scorecard(history: pd.DataFrame, *, lang: str = "vi", ax: Axes | None = None,
              only_with_data: bool = True, limit: int = MAX_ROWS, first: int = 0, count: int | None = None) -> Axes:
    """A heatmap (seaborn) of the targets' status (rows) by period (columns), labelled in each cell.

    With ``only_with_data`` (default) the targets with no figure in any quarter are left out and
    counted in a note under the chart, so the rows that say something stay legible. At most ``limit``
    targets are drawn, those that most need attention at the last period first (``most_in_need``); the
    note counts the others. ``first`` and ``count`` draw a part of the rows (``kpi.story.figures.parts``).
    A verdict too long for its cell is wrapped onto two lines.
    """
    t = CHART[lang]
    order = list(dict.fromkeys(history["indicator"]))
    left_out = 0
    if only_with_data:
        seen = set(history.loc[history["as_of"] != "", "indicator"])
        left_out = len([i for i in order if i not in seen])
        order = [i for i in order if i in seen] or order[:1]
    periods = sorted(history["period"].unique(), key=Period.parse)
    more = 0
    if len(order) > limit:
        last = history[history["period"] == periods[-1]].set_index("indicator").loc[order].reset_index()
        shown, more = most_in_need(last, limit)
        order = list(shown["indicator"])
    order = order[first:None if count is None else first + count]
    history = history[history["indicator"].isin(order)]
    grid = history.pivot(index="indicator", columns="period", values="status").reindex(index=order, columns=periods)
    names = history.drop_duplicates("indicator").set_index("indicator").loc[order, "name"]
    import matplotlib as mpl

    pt = _pt()
    width_in = ax.figure.get_size_inches()[0] if ax is not None else mpl.rcParams["figure.figsize"][0]
    per_line = width_in * 72 / (0.56 * pt)  # characters across the figure
    # a name on at most two lines of at most about a quarter of the width: the columns keep the room their words need
    name_chars = int(min(NAME_CHARS, per_line * 0.25, max(map(len, names), default=1)))
    cell_chars = max(5, int((per_line - name_chars - 2) / max(len(periods), 1)) - 1)
    statuses = list(CODES)
    codes = grid.map(statuses.index).to_numpy()
    cells = history.set_index(["indicator", "period"])
    words, stale, approximate = _cell_words(grid, cells, lang, cell_chars)
    labels = [_two_lines(nfc(n), name_chars) for n in names]
    tall = max([w.count("\n") + 1 for w in [*words.ravel(), *labels]] + [1])
    ax = _axes(ax, 12 + (1.25 * tall + 0.8) * len(order))
    ax.grid(False)
    sns.heatmap(codes, cmap=ListedColormap([BY_CODE[s].colour for s in statuses]), vmin=-0.5,
                vmax=len(statuses) - 0.5, annot=words, fmt="", cbar=False, linewidths=1.2, linecolor="white",
                annot_kws={"fontsize": pt, "linespacing": 1.1}, ax=ax)
    for text, code in zip(ax.texts, codes.ravel()):
        text.set_color(BY_CODE[statuses[code]].ink)
    for i, j in zip(*np.nonzero(stale)):  # the verdict of an earlier figure: hatched around its words
        status = statuses[codes[i, j]]
        ax.add_patch(Rectangle((j, i), 1, 1, fill=False, lw=0, hatch="///", zorder=2,
                               edgecolor=(*to_rgb(status_of(status).ink), 0.5)))
        ax.texts[i * codes.shape[1] + j].set_bbox(dict(facecolor=status_of(status).colour, edgecolor="none", pad=1))
    heads = [Period.parse(p).label(lang, wrap=True) for p in periods]  # two lines: the period, then the year
    ax.set_xticks(np.arange(len(periods)) + 0.5, heads)
    ax.xaxis.tick_top()
    ax.set_yticks(np.arange(len(order)) + 0.5, labels, rotation=0)
    ax.tick_params(which="both", length=0)
    ax.set_title(nfc(t["scorecard_title"]), pad=pt * (1.0 + 1.25 * max(h.count("\n") + 1 for h in heads)))
    notes = [t["stale_cells"] if stale.any() else "", t["approximate_cells"] if approximate.any() else "",
             t["left_out"].format(n=left_out) if left_out else "", t["more"].format(n=more) if more else ""]
    if any(notes):
        ax.annotate("\n".join(n for n in notes if n), (0, 0), xycoords="axes fraction", xytext=(0, -pt * 0.5),
                    textcoords="offset points", ha="left", va="top", color=MUTED, wrap=True)  # at the figure's edge
    return ax


def _cell_words(grid: pd.DataFrame, cells: pd.DataFrame, lang: str,
                chars: int = 40) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The words of each scorecard cell, and which cells are stale and which approximate.

    A cell says its status ('–' with no figure), with ≈ when the verdict rests on an approximate figure,
    wrapped at ``chars`` characters; a stale cell adds, on a line of its own, the span of the earlier figure
    whose verdict it keeps: '(6 tháng)'.
    """
    words = np.full(grid.shape, "–", dtype=object)
    stale = np.zeros(grid.shape, dtype=bool)
    approximate = np.zeros(grid.shape, dtype=bool)
    for i, indicator in enumerate(grid.index):
        for j, period in enumerate(grid.columns):
            status = grid.iat[i, j]
            if not isinstance(status, str) or status == "no_data":
                continue
            row = cells.loc[(indicator, period)]
            approximate[i, j] = bool(row.get("approximate", False))
            stale[i, j] = bool(row.get("stale", False)) and bool(row["as_of"])
            words[i, j] = fill(status_label(status, lang, approximate=approximate[i, j]), chars)
            if stale[i, j]:
                words[i, j] += "\n" + fill(f"({Period.parse(row['as_of']).span(lang)})", chars)
    return words, stale, approximate


def fill(text: str, chars: int) -> str:
    """``text`` on lines of at most ``chars`` characters, broken between words; a word longer than a line is
    hyphenated ('Undeter-' / 'mined'), never cut without a sign."""
    import textwrap

    out = []
    for line in textwrap.wrap(text, max(chars, 2), break_long_words=False, break_on_hyphens=False):
        while len(line) > chars >= 2:
            out.append(line[:chars - 1] + "-")
            line = line[chars - 1:]
        out.append(line)
    return "\n".join(out)


def _two_lines(name: str, chars: int) -> str:
    """A row's name on at most two lines of ``chars`` characters (``fill``), the second cut with '…' if need be."""
    lines = fill(name, chars).split("\n")
    if len(lines) <= 2:
        return "\n".join(lines)
    first = lines[0]
    consumed = first[:-1] if first.endswith("-") and not name.startswith(first) else first  # a hyphen fill added
    rest = name[len(consumed):].strip()
    return first + "\n" + rest[:chars - 1].rstrip() + "…"


def season_path(path: pd.DataFrame, row: pd.Series, *, seasons: pd.DataFrame | None = None,
                observations: pd.DataFrame | None = None, range_years: str = "", lang: str = "vi",
                ax: Axes | None = None) -> Axes:
    """A flow's cumulative path through the year, month-end by month-end (``kpi.analysis.dossier``).

    Parameters
    ----------
    path : one row per month-end 0-12 with ``expected`` (the plan along the expected season), ``actual``,
        ``projected``, ``low`` and ``high`` (the projection range, NaN where there is none).
    row : the target's row of the assessment (name, rule, unit, period, basis).
    seasons : the earlier years (``year``); with ``observations``, each is drawn faint, for comparison.
    range_years : the years the range rests on, named in its legend.

    The plan is the dashed line, the season it is expected along the dotted one; the year's figures are the dark
    points; from the last of them the projection runs dashed to a diamond at the year end, inside the band of the
    projections made on each earlier year's season.
    """
    from ..text.labels import ANALYSIS, MONTH_SHORT
    from ..text.theme import ACCENT

    t, words = CHART[lang], ANALYSIS[lang]
    ax = _axes(ax, 33)  # 3.7 in on the page: as tall as it was drawn at 9 pt
    months = path["month"].to_numpy()
    year = Period.parse(row["period"]).year
    rule = rule_words(row, lang, with_unit=False)
    reference = row["target_low"] if not math.isnan(row["target_low"]) else row["target_high"]
    ax.axhline(reference, color=TARGET, ls="--", lw=1.4, label=words["plan_line"].format(rule=rule))
    seasonal = path["expected_basis"] != "linear" if row["expected_basis"] == "history" else path["month"] >= 0
    ax.plot(months[seasonal], path.loc[seasonal, "expected"], color=TARGET, ls=":", lw=1.4, marker=".", ms=4,
            label=words["expected_path"])  # where no earlier year has a figure by then, no point: the engine says m/12
    values = [reference, *path["expected"]]
    if seasons is not None and observations is not None:
        rows = observations[observations["indicator"] == row["indicator"]]
        for k, y in enumerate(seasons["year"]):
            mine = [(Period.parse(p).month, v) for p, v in zip(rows["period"], rows["value"])
                    if Period.try_parse(p) is not None and Period.parse(p).year == y]
            if not mine:
                continue
            xs, ys = zip(*sorted([(0, 0.0), *mine]))
            ax.plot(xs, ys, color=MUTED, lw=0.9, alpha=0.35 + 0.3 * (k % 2), marker=".", ms=4,
                    label=words["earlier"].format(year=y))
            values += list(ys)
    if path["low"].notna().any():
        ax.fill_between(months, path["low"], path["high"], where=path["low"].notna(), color=ACCENT, alpha=0.25,
                        lw=0.6, edgecolor=ACCENT, label=words["range"].format(years=range_years))
        values += list(path["low"].dropna()) + list(path["high"].dropna())
    projected = path["projected"]
    if projected.notna().any():
        ax.plot(months, projected, color=INK, ls="--", lw=1.2, label=words["projected"])
        end = projected.iloc[-1]
        ax.scatter([months[-1]], [end], marker="D", s=36, facecolor="white", edgecolor=INK, zorder=4)
        ax.annotate(number(end, lang, digits=0), (months[-1], end), textcoords="offset points", xytext=(-6, 6),
                    ha="right")
        values.append(end)
    known = path["actual"].notna() & (path["month"] > 0)
    ax.plot(path.loc[path["actual"].notna(), "month"], path.loc[path["actual"].notna(), "actual"], color=INK,
            lw=1.8, marker="o", ms=5, label=words["actual"].format(year=year))
    for m, v in zip(path.loc[known, "month"], path.loc[known, "actual"]):
        ax.annotate(number(v, lang), (m, v), textcoords="offset points", xytext=(0, 7), ha="center")
    values += list(path["actual"].dropna())
    ax.set_ylim(0, _limits(values, from_zero=True)[1])  # cumulative from 1 January: never below 0
    ax.set_xlim(-0.3, 12.6)
    ax.set_xticks(months, [""] + [words["month_tick"].format(m=m, month=MONTH_SHORT[m - 1]) for m in months[1:]])
    ax.set_xlabel(words["month"])
    _number_ticks(ax.yaxis, lang)
    ax.set_ylabel(nfc(row["unit"]))
    _heading(ax, words["path_title"].format(name=row["name"], year=year),
             [f"{_through(row['period'], lang)} · {t['unit'].format(unit=row['unit'])}", basis_note(row.to_frame().T, lang)])
    handles, labels = ax.get_legend_handles_labels()
    first = [words["plan_line"].format(rule=rule), words["expected_path"], words["actual"].format(year=year),
             words["projected"]]  # the plan and this year first, then the range and the earlier years
    order = sorted(range(len(labels)), key=lambda k: first.index(labels[k]) if labels[k] in first else len(first) + k)
    ax.legend([handles[k] for k in order], [labels[k] for k in order], loc="upper left", bbox_to_anchor=(0, -0.14),
              ncols=3)
    return ax
