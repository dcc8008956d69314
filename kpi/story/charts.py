"""Charts: each takes data (assessment frames) and an optional Axes, and returns the Axes.

No chart shows or saves itself; saving PNG + SVG is the report's job (``kpi.story.figures.save_figure``).
One theme for all (``use_theme``): DejaVu Sans, which has every Vietnamese letter.
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


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is None:
        use_theme()
        _, ax = plt.subplots(figsize=size, layout="constrained")
    return ax


def _heading(ax: Axes, title: str, lines: list[str]) -> None:
    """The title, and under it in grey the lines that say what the chart shows: period, unit, basis."""
    lines = [nfc(x) for x in lines if x]
    ax.set_title(nfc(title), pad=6 + 11 * len(lines))
    if lines:
        ax.text(0, 1.015, "\n".join(lines), transform=ax.transAxes, fontsize=7.5, color=MUTED, va="bottom",
                ha="left", linespacing=1.3)


def _through(period: str, lang: str) -> str:
    """'Số liệu đến 9 tháng 2021' / 'Figures up to 9 months 2021': the period a chart reports, in words."""
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
    flow, how its expected progress was set at the last period (``basis_note``).
    """
    t = CHART[lang]
    rows = history[history["indicator"] == indicator].sort_values("period", key=lambda s: s.map(Period.parse))
    ax = _axes(ax, (6.4, 3.4))
    first, last = rows.iloc[0], rows.iloc[-1]
    year = Period.parse(first["period"]).year
    current = (rows["as_of"] != "") & ~rows["stale"]
    y = list(np.where(current, rows["actual"], np.nan))
    labels = [Period.parse(p).label(lang) for p in rows["period"]]
    statuses = list(rows["status"])
    base = year_end_before(observations, indicator, year)
    if not math.isnan(base):
        y, labels, statuses = [base] + y, [t["baseline"].format(year=year - 1)] + labels, [None] + statuses
    x = np.arange(len(y))
    lo, hi = first["target_low"], first["target_high"]
    rule = rule_words(first, lang, with_unit=False)
    if not math.isnan(lo) and not math.isnan(hi):
        ax.axhspan(lo, hi, color=TARGET, alpha=0.15, lw=0, label=f"{t['target']}: {rule}")
    else:
        ax.axhline(lo if not math.isnan(lo) else hi, color=TARGET, ls="--", lw=1.4,
                   label=f"{t['target']}: {rule}")
    ax.plot(x, y, marker="o", color=INK, lw=1.6, label=t["actual"])
    bottom, top = _limits([*y, lo, hi], from_zero=first["measure"] == "growth")
    lines = [v for v in (lo, hi) if not math.isnan(v)]
    for xi, yi, st in zip(x, y, statuses):
        if not math.isnan(yi):
            # above the point, unless the plan's line runs just above it: then below, clear of the line
            under = any(0 <= v - yi < 0.15 * (top - bottom) for v in lines)
            ax.annotate(number(yi, lang), (xi, yi), textcoords="offset points", xytext=(0, -9 if under else 7),
                        ha="center", va="top" if under else "baseline", fontsize=9, color=INK if st else MUTED)
            ax.scatter([xi], [yi], s=70, color=status_of(st).colour if st else "white", zorder=3,
                       edgecolor=INK if st else MUTED, lw=0.6 if st else 1.2)
    ax.set_xticks(x, labels)
    ax.set_xlim(-0.5, len(x) - 0.5)
    ax.set_ylim(bottom, top)
    unit = first["unit"]
    _number_ticks(ax.yaxis, lang)
    ax.set_ylabel(nfc(unit))
    # a flow's points are coloured against the progress expected by then: say how it was set (at the last period)
    basis = basis_note(rows.iloc[[-1]], lang) if last["measure"] == "flow" else ""
    _heading(ax, t["growth_title"].format(name=first["name"]),
             [f"{_through(last['period'], lang)} · {t['unit'].format(unit=unit)}", basis])
    if np.isnan(y).all():
        ax.text(0.5, 0.5, t["no_data"], transform=ax.transAxes, ha="center", color=MUTED)
    if not math.isnan(base):  # the hollow first point: last year's figure, the base of the year
        ax.scatter([], [], s=70, color="white", edgecolor=MUTED, lw=1.2, label=t["base_point"])
    ax.legend(loc="upper left", bbox_to_anchor=(0, -0.14), ncols=3 if not math.isnan(base) else 2)
    return ax


def structure_rows(status: pd.DataFrame) -> pd.DataFrame:
    """The economy's levels in percent held inside a band, ``between`` (the sector shares of GRDP, 21–22%): by
    measure, group, unit and rule, never by id."""
    banded = status["rule_kind"].eq("between")
    return status[(status["group"] == "economy") & (status["measure"] == "level") & banded
                  & (status["unit"].astype(str).str.strip() == "%")]


def structure(status: pd.DataFrame, *, lang: str = "vi", ax: Axes | None = None) -> Axes:
    """Sector shares against their bands (``structure_rows``): one row per target, the band shaded, the figure marked."""
    t = CHART[lang]
    rows = structure_rows(status).reset_index(drop=True)
    ax = _axes(ax, (6.4, 1.2 + 0.9 * max(len(rows), 1)))
    ax.grid(axis="y", visible=False)
    left, right = 0.0, 100.0
    if len(rows):
        left = max(0, np.nanmin(np.r_[rows["target_low"], rows["actual"]]) - 5)
        right = np.nanmax(np.r_[rows["target_high"], rows["actual"]]) + 5
        ax.set_xlim(left, right)
    for i, r in rows.iterrows():
        lo, hi = r["target_low"], r["target_high"]
        ax.barh(i, hi - lo, left=lo, height=0.5, color=TARGET, alpha=0.18, lw=0,
                label=t["target"] if i == 0 else None)
        if r["as_of"] and not r["stale"]:
            ax.scatter([r["actual"]], [i], s=90, color=status_of(r["status"]).colour, edgecolor=INK, zorder=3)
            # above the point, running towards the middle of the axis so that it never leaves the axes
            leftish = r["actual"] <= (left + right) / 2
            ax.annotate(f"{number(r['actual'], lang)}% · {status_label(r['status'], lang, approximate=r['approximate'])}",
                        (r["actual"], i), xytext=(-6 if leftish else 6, 9), textcoords="offset points",
                        ha="left" if leftish else "right", va="bottom", fontsize=8.5)
        else:
            ax.text((lo + hi) / 2, i - 0.38, t["no_data"], ha="center", va="center", color=MUTED, fontsize=8.5)
        ax.text((lo + hi) / 2, i + 0.42, f"{t['target']} {rule_words(r, lang, with_unit=False)}", ha="center",
                va="center", fontsize=8,
                color=TARGET)
    ax.set_yticks(range(len(rows)), [nfc(n) for n in rows["name"]])
    _number_ticks(ax.xaxis, lang)
    ax.set_xlabel("% GRDP")
    ax.set_ylim(max(len(rows), 1) - 1 + 0.75, -0.85)  # the first row's labels clear the top edge
    period = status["period"].iloc[0] if len(status) else ""
    _heading(ax, t["structure_title"],
             [f"{_through(period, lang)} · {t['unit'].format(unit='% GRDP')}" if period else ""])
    return ax


def bullet(status: pd.DataFrame, *, lang: str = "vi", ax: Axes | None = None, limit: int = MAX_ROWS) -> Axes:
    """A bullet per flow target, in % of its annual target.

    At most ``limit`` flows are drawn (``most_in_need``); a line under the title counts the others.

    The figure is the bar (coloured by status; hatched when it is from an earlier quarter), the
    progress expected by now a black tick, last year's figure a grey tick, the target the dashed
    line at 100%, and the year-end projection a hollow diamond. The percent is printed at the right.
    """
    t = CHART[lang]
    rows, more = most_in_need(status[status["measure"] == "flow"], limit)
    rows = rows.reset_index(drop=True)
    ax = _axes(ax, (10, 1.2 + 0.5 * max(len(rows), 1)))
    ax.grid(axis="y", visible=False)
    ref = rows["target"].to_numpy(float)
    top = 100.0
    right = ax.get_yaxis_transform()
    for i, r in rows.iterrows():
        ax.barh(i, 100, height=0.72, color=PALE_FILL, lw=0)
        has = not math.isnan(r["actual"]) and bool(ref[i])
        if has:
            pct = r["actual"] / ref[i] * 100
            stale = bool(r["stale"])
            ax.barh(i, pct, height=0.4, color=STALE_FILL if stale else status_of(r["status"]).colour, edgecolor=INK,
                    lw=0.4, hatch="///" if stale else None)
            note = "" if not stale else f" ({Period.parse(r['as_of']).span(lang)})"
            ax.text(1.01, i, f"{number(pct, lang, digits=DIGITS['attainment_pct'])}%{note}", transform=right, va="center", fontsize=8)
            top = max(top, pct)
            if r["projection_method"] in PROJECTED and not stale:
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
    labels = [nfc(f"{r['name']}\n{t['target']} {rule_words(r, lang, with_unit=False)} {r['unit']}")
              for _, r in rows.iterrows()]
    ax.set_yticks(range(len(rows)), labels, fontsize=8)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(0, top * 1.05)
    _number_ticks(ax.xaxis, lang)
    ax.set_xlabel(t["pct_plan"])
    period = status["period"].iloc[0] if len(status) else ""
    _heading(ax, t["flows_title"], [f"{_through(period, lang)} · {t['unit'].format(unit=t['pct_plan'])}" if period
                                    else "", basis_note(rows, lang), t["more"].format(n=more) if more else ""])
    handles = [Patch(facecolor=status_of("on_track").colour, edgecolor=INK, lw=0.4, label=t["actual_coloured"]),
               Patch(facecolor=STALE_FILL, edgecolor=INK, lw=0.4, hatch="///", label=t["earlier"]),
               plt.Line2D([], [], color=INK, lw=2, label=t["expected"]),
               plt.Line2D([], [], color=MUTED, lw=2, label=t["last_year"]),
               plt.Line2D([], [], color=TARGET, lw=1.4, ls="--", label=t["target"] + " (100%)"),
               plt.Line2D([], [], marker="D", ls="", markerfacecolor="white", markeredgecolor=INK,
                          label=t["projection"])]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.9 / max(len(rows), 1)), ncols=3,
              fontsize=8)
    return ax


def scorecard(history: pd.DataFrame, *, lang: str = "vi", ax: Axes | None = None,
              only_with_data: bool = True, limit: int = MAX_ROWS) -> Axes:
    """A heatmap (seaborn) of the targets' status (rows) by period (columns), labelled in each cell.

    With ``only_with_data`` (default) the targets with no figure in any quarter are left out and
    counted in a note under the chart, so the rows that say something stay legible. At most ``limit``
    targets are drawn, those that most need attention at the last period first (``most_in_need``); the
    note counts the others.
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
    history = history[history["indicator"].isin(order)]
    grid = history.pivot(index="indicator", columns="period", values="status").reindex(index=order, columns=periods)
    names = history.drop_duplicates("indicator").set_index("indicator").loc[order, "name"]
    ax = _axes(ax, (9, 1.3 + 0.34 * len(order)))
    ax.grid(False)
    statuses = list(CODES)
    codes = grid.map(statuses.index).to_numpy()
    cells = history.set_index(["indicator", "period"])
    words, stale, approximate = _cell_words(grid, cells, lang)
    sns.heatmap(codes, cmap=ListedColormap([BY_CODE[s].colour for s in statuses]), vmin=-0.5,
                vmax=len(statuses) - 0.5, annot=words, fmt="", cbar=False, linewidths=1.2, linecolor="white",
                annot_kws={"fontsize": 6.5, "linespacing": 1.1}, ax=ax)
    for text, code in zip(ax.texts, codes.ravel()):
        text.set_color(BY_CODE[statuses[code]].ink)
    for i, j in zip(*np.nonzero(stale)):  # the verdict of an earlier figure: hatched around its words
        status = statuses[codes[i, j]]
        ax.add_patch(Rectangle((j, i), 1, 1, fill=False, lw=0, hatch="///", zorder=2,
                               edgecolor=(*to_rgb(status_of(status).ink), 0.5)))
        ax.texts[i * codes.shape[1] + j].set_bbox(dict(facecolor=status_of(status).colour, edgecolor="none", pad=1))
    ax.set_xticks(np.arange(len(periods)) + 0.5, [Period.parse(p).label(lang) for p in periods])
    ax.xaxis.tick_top()
    ax.set_yticks(np.arange(len(order)) + 0.5, [nfc(n if len(n) <= 48 else n[:47] + "…") for n in names],
                  fontsize=7.5, rotation=0)
    ax.tick_params(which="both", length=0)
    ax.set_title(nfc(t["scorecard_title"]), pad=22)
    notes = [t["stale_cells"] if stale.any() else "", t["approximate_cells"] if approximate.any() else "",
             t["left_out"].format(n=left_out) if left_out else "", t["more"].format(n=more) if more else ""]
    if any(notes):
        ax.text(0, -0.02, "\n".join(n for n in notes if n), transform=ax.transAxes, ha="left", va="top",
                fontsize=8, color=MUTED)
    return ax


def _cell_words(grid: pd.DataFrame, cells: pd.DataFrame, lang: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The words of each scorecard cell, and which cells are stale and which approximate.

    A cell says its status ('–' with no figure), with ≈ when the verdict rests on an approximate figure;
    a stale cell adds, on a second line, the span of the earlier figure whose verdict it keeps: '(6 tháng)'.
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
            words[i, j] = status_label(status, lang, approximate=approximate[i, j])
            if stale[i, j]:
                words[i, j] += f"\n({Period.parse(row['as_of']).span(lang)})"
    return words, stale, approximate


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
    ax = _axes(ax, (7.0, 4.2))
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
                    ha="right", fontsize=8.5)
        values.append(end)
    known = path["actual"].notna() & (path["month"] > 0)
    ax.plot(path.loc[path["actual"].notna(), "month"], path.loc[path["actual"].notna(), "actual"], color=INK,
            lw=1.8, marker="o", ms=5, label=words["actual"].format(year=year))
    for m, v in zip(path.loc[known, "month"], path.loc[known, "actual"]):
        ax.annotate(number(v, lang), (m, v), textcoords="offset points", xytext=(0, 7), ha="center", fontsize=8.5)
    values += list(path["actual"].dropna())
    ax.set_ylim(0, _limits(values, from_zero=True)[1])  # cumulative from 1 January: never below 0
    ax.set_xlim(-0.3, 12.6)
    ax.set_xticks(months, [""] + [words["month_tick"].format(m=m, month=MONTH_SHORT[m - 1]) for m in months[1:]])
    ax.set_xlabel(words["month"])
    _number_ticks(ax.yaxis, lang)
    ax.set_ylabel(nfc(row["unit"]))
    _heading(ax, words["path_title"].format(name=row["name"], year=year),
             [f"{_through(row['period'], lang)} · {t['unit'].format(unit=row['unit'])}", basis_note(row.to_frame().T, lang)])
    ax.tick_params(axis="x", labelsize=7.5)
    handles, labels = ax.get_legend_handles_labels()
    first = [words["plan_line"].format(rule=rule), words["expected_path"], words["actual"].format(year=year),
             words["projected"]]  # the plan and this year first, then the range and the earlier years
    order = sorted(range(len(labels)), key=lambda k: first.index(labels[k]) if labels[k] in first else len(first) + k)
    ax.legend([handles[k] for k in order], [labels[k] for k in order], loc="upper left", bbox_to_anchor=(0, -0.14),
              ncols=3, fontsize=7.5)
    return ax
