"""One target in depth: every figure on file with its source and revisions, the season the year is expected to
follow and the years it rests on, the projection and the range the seasons on file give it, the pace the remaining
months must hold, and the same target in earlier years.

The projection range: each earlier year with its year-end figure gives the share of its total reached by the
figure's month (interpolated between the month-ends on file, as ``kpi.model.season`` does); the figure divided by
each share is where the year ends if it follows that year's season. The engine's projection divides by the median
share; the range is the lowest and the highest of these. With fewer than two such years there is no range.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..assessment.engine import Thresholds, history
from ..model.period import MONTHS_PER_YEAR, Period, slot_arrays
from ..model.plan import Plan
from ..model.season import MONTH_ENDS, interpolate, share_grid
from .changes import revisions_of
from .names import period_of, target_id

MONTHS = np.arange(MONTH_ENDS)
"""Month-ends 0 (1 January) to 12 (31 December)."""


@dataclass(frozen=True)
class Dossier:
    """Everything on file about one target at one period (built by ``dossier``).

    row : the target's row of the assessment (``kpi.assess``).
    figures : every figure on file, oldest first: ``period``, ``value``, ``qualifier``, ``kind``, ``source``,
        ``note``, ``revisions`` (how many times the log says it was replaced).
    revisions : the log's rows for the target (``revisions.csv``), oldest first.
    path : for a flow, one row per month-end 0-12: ``expected_pct`` (the share expected by then, %, as the
        assessment of a period ending then would expect it), ``expected_basis`` (``history``, or ``linear`` where no
        earlier year has a figure by then; ``profile``, ``year_end``), ``expected``
        (the plan along it), ``actual`` (this year's figures), ``projected`` (the figure carried along the
        expected season to the year end), ``low`` / ``high`` (the same along the earliest and the latest season on
        file); empty for a level or a growth rate.
    seasons : each earlier year on file: ``year``, ``at_month`` (its figure at the period's month, where on file),
        ``year_end``, ``share`` (%, of its year-end reached by the figure's month, for a flow) and
        ``projection_if`` (the year end if this year follows that season).
    low, high : the projection range (NaN without two seasons).
    pace : one row: ``months_left``, ``needed`` (per month to reach the plan, for a flow; what a level must still
        gain), ``so_far`` (per month this year), ``last_year`` (per month over the same months last year).
    steps : the assessment at each period of the year up to this one (for the trend chart).
    """

    indicator: str
    period: str
    row: pd.Series
    figures: pd.DataFrame
    revisions: pd.DataFrame
    path: pd.DataFrame
    seasons: pd.DataFrame
    low: float
    high: float
    pace: pd.DataFrame
    steps: pd.DataFrame
    observations: pd.DataFrame

    @property
    def years(self) -> str:
        """The earlier years the range rests on ('2019, 2020'), '' without a range."""
        if math.isnan(self.low):
            return ""
        used = self.seasons.dropna(subset=["projection_if"])["year"]
        return ", ".join(str(int(y)) for y in used)

    def summary(self, lang: str = "vi") -> list[str]:
        """The target in sentences: where it stands (``sections.takeaway``), the projection and its range, and
        for a flow the pace the remaining months must hold."""
        from ..story.sections import takeaway
        from ..text.formatting import number
        from ..text.labels import ANALYSIS

        words, row, unit = ANALYSIS[lang], self.row, self.row["unit"]
        lines = [takeaway(row, lang)]
        if row["measure"] == "flow" and row["projection_method"] in ("seasonal", "profile", "run_rate"):
            if math.isnan(self.low):
                lines.append(words["one_season"].format(projection=number(row["projection"], lang, digits=0), unit=unit))
            else:
                lines.append(words["range_sentence"].format(
                    projection=number(row["projection"], lang, digits=0), unit=unit, years=self.years,
                    low=number(self.low, lang, digits=0), high=number(self.high, lang, digits=0)))
            pace = self.pace.iloc[0]
            if pace["months_left"] and not math.isnan(pace["needed"]):
                last = "" if math.isnan(pace["last_year"]) else words["pace_last_year"].format(
                    value=number(pace["last_year"], lang, digits=1), unit=unit)
                cap = pd.isna(row["target_low"])  # a ceiling ('không quá 800'): what the rest may still bring
                lines.append(words["pace_cap" if cap else "pace_sentence"].format(
                    as_of=Period.parse(row["as_of"]).in_text(lang), months=int(pace["months_left"]), needed=number(max(pace["needed"], 0.0), lang, digits=1), unit=unit,
                    so_far=number(pace["so_far"], lang, digits=1), last_year=last))
        return lines

    def chart(self, *, lang: str = "vi", ax=None):
        """The target's chart: a flow's cumulative path through the year (plan, expected season, figures, the
        projection and its range as a band, earlier years); a level's or a growth rate's trend (``charts.trend``)."""
        from ..story import charts

        if self.row["measure"] == "flow" and len(self.path):
            return charts.season_path(self.path, self.row, seasons=self.seasons, observations=self.observations,
                                      range_years=self.years, lang=lang, ax=ax)
        return charts.trend(self.steps, self.indicator, observations=self.observations, lang=lang, ax=ax)


def _slots(frame: pd.DataFrame) -> pd.DataFrame:
    years, months = slot_arrays(frame["period"]) if len(frame) else (np.array([], int), np.array([], int))
    return frame.assign(_year=years, _month=months)


def dossier(plan: Plan, observations: pd.DataFrame, target: str, period: str | Period, *, lang: str = "vi",
            revisions: pd.DataFrame | None = None, thresholds: Thresholds = Thresholds()) -> Dossier:
    """One target in depth at ``period``.

    Parameters
    ----------
    plan, observations : from ``kpi.load``.
    target : the target: its id or its name (``kpi.analysis.names.target_id``).
    period : the period assessed: ``YYYY-MM``, ``YYYY-Qn``, ``'latest'`` or its name (``period_of``).
    lang : language of the names.
    revisions : the revision log (default: the plan folder's ``revisions.csv``).
    thresholds : the status thresholds.

    Returns
    -------
    ``Dossier``; its ``chart()`` draws the target's chart with the projection range as a band.
    """
    target = target_id(plan, target)
    p = Period.parse(period_of(plan, observations, period))
    steps = history(plan, observations, p, lang=lang, thresholds=thresholds)
    row = steps[(steps["period"] == str(p)) & (steps["indicator"] == target)].iloc[0]  # the last step is the period
    log = revisions_of(plan) if revisions is None else revisions
    log = log[log["indicator"] == target].reset_index(drop=True)

    mine = _slots(observations[observations["indicator"] == target])
    mine = mine.sort_values(["_year", "_month"], kind="stable")
    count = log.groupby("period").size()
    figures = mine[["period", "value", "qualifier", "kind", "source", "note"]].assign(
        revisions=mine["period"].map(count).fillna(0).astype(int).to_numpy()).reset_index(drop=True)

    flow = row["measure"] == "flow"
    as_of = int(Period.parse(row["as_of"]).month) if row["as_of"] else p.month
    earlier = mine[mine["_year"] < p.year]
    grid = share_grid(earlier[["_year", "_month", "value"]].assign(_key=0), ["_key"]) \
        if flow and len(earlier) else None
    seasons = _seasons(earlier, grid, p, as_of, row)
    profile = plan.target(target).profile
    this_year = mine[(mine["_year"] == p.year) & (mine["_month"] <= p.month)]  # nothing after the period
    path = _path(this_year, grid, profile, as_of, row) if flow else pd.DataFrame()
    usable = seasons["projection_if"].dropna() if flow and row["expected_basis"] == "history" else pd.Series([], dtype=float)
    low, high = (float(usable.min()), float(usable.max())) if len(usable) >= 2 else (math.nan, math.nan)
    if len(path) and not math.isnan(low):
        path = _band(path, grid, as_of, row)
    pace = _pace(row, as_of, seasons, p)
    return Dossier(target, str(p), row, figures, log, path, seasons, low, high, pace, steps, observations)


def _seasons(earlier: pd.DataFrame, grid, p: Period, as_of: int, row: pd.Series) -> pd.DataFrame:
    """Each earlier year: its figure at the period's month, its year end, the share by ``as_of`` and where it leads."""
    years = sorted(set(earlier["_year"].tolist()))
    at_month = earlier[earlier["_month"] == p.month].groupby("_year")["value"].last()
    year_end = earlier[earlier["_month"] == MONTHS_PER_YEAR].groupby("_year")["value"].last()
    share = pd.Series(np.nan, index=years, dtype=float)
    if grid is not None and as_of < MONTHS_PER_YEAR:
        shares, _, grid_years = grid
        got = interpolate(shares, np.full(len(shares), as_of))
        share.loc[grid_years] = np.where(np.isfinite(got) & (got > 0), got, np.nan)
    actual = float(row["actual"]) if not pd.isna(row["actual"]) else math.nan
    with np.errstate(divide="ignore", invalid="ignore"):
        projection = np.round(actual / share.to_numpy(), 9)
    return pd.DataFrame({"year": years, "at_month": at_month.reindex(years).to_numpy(float),
                         "year_end": year_end.reindex(years).to_numpy(float),
                         "share": np.round(share.to_numpy() * 100, 9), "projection_if": projection})


def _expected_shares(grid, profile, basis: str) -> tuple[np.ndarray, np.ndarray]:
    """The share expected by each month-end 0-12 as the engine sets it, and on what: the profile; or history's
    median, where an earlier year has a figure by then, else m/12 (``linear``)."""
    linear = MONTHS / MONTHS_PER_YEAR
    if basis in ("profile", "year_end") and profile is not None:
        return np.array(profile.shares, dtype=float), np.full(MONTH_ENDS, basis, dtype=object)
    if basis != "history" or grid is None:
        return linear, np.full(MONTH_ENDS, "linear", dtype=object)
    shares = grid[0]
    out, on = linear.copy(), np.full(MONTH_ENDS, "history", dtype=object)
    for m in range(1, MONTHS_PER_YEAR):
        got = interpolate(shares, np.full(len(shares), m))
        got = got[np.isfinite(got) & (got > 0)]
        out[m] = np.median(got) if len(got) else linear[m]
        on[m] = "history" if len(got) else "linear"
    return out, on


def _path(this_year: pd.DataFrame, grid, profile, as_of: int, row: pd.Series) -> pd.DataFrame:
    """A flow's path through the year: the plan along the expected season, the figures, the projection."""
    share, on = _expected_shares(grid, profile, row["expected_basis"])
    reference = row["target_low"] if not pd.isna(row["target_low"]) else row["target_high"]
    figures = this_year.groupby("_month")["value"].last()
    actual = np.array(figures.reindex(MONTHS), dtype=float)
    actual[0] = 0.0
    projected = np.full(MONTH_ENDS, np.nan)
    if not pd.isna(row["projection"]) and row["projection_method"] in ("seasonal", "profile", "run_rate"):
        later = MONTHS >= as_of
        projected[later] = row["actual"] + (row["projection"] - row["actual"]) * (
            (share[later] - share[as_of]) / (1 - share[as_of]) if share[as_of] < 1 else 0)
    return pd.DataFrame({"month": MONTHS, "expected_pct": np.round(share * 100, 9), "expected_basis": on,
                         "expected": np.round(share * reference, 9), "actual": actual,
                         "projected": np.round(projected, 9), "low": np.nan, "high": np.nan})


def _band(path: pd.DataFrame, grid, as_of: int, row: pd.Series) -> pd.DataFrame:
    """The lowest and highest path from the figure's month to the year end over the earlier years' seasons."""
    shares = grid[0]
    at = interpolate(shares, np.full(len(shares), as_of))
    ok = np.isfinite(at) & (at > 0)
    low, high = np.full(MONTH_ENDS, np.nan), np.full(MONTH_ENDS, np.nan)
    for m in range(as_of, MONTH_ENDS):
        s = np.ones(len(shares)) if m == MONTHS_PER_YEAR else interpolate(shares, np.full(len(shares), m))
        carried = row["actual"] * s[ok] / at[ok]
        low[m], high[m] = carried.min(), carried.max()
    return path.assign(low=np.round(low, 9), high=np.round(high, 9))


def _pace(row: pd.Series, as_of: int, seasons: pd.DataFrame, p: Period) -> pd.DataFrame:
    """What each remaining month must bring (a flow), against the pace so far and last year's over the same months."""
    left = MONTHS_PER_YEAR - as_of
    actual = float(row["actual"]) if not pd.isna(row["actual"]) else math.nan
    if row["measure"] != "flow":
        return pd.DataFrame({"months_left": [left], "needed": [row["required_pace"]], "so_far": [math.nan],
                             "last_year": [math.nan]})
    bound = row["target_low"] if not pd.isna(row["target_low"]) else row["target_high"]
    needed = (bound - actual) / left if left else math.nan
    last = seasons[seasons["year"] == p.year - 1]
    last_pace = math.nan
    if len(last) and left:
        r = last.iloc[0]
        at = r["year_end"] * r["share"] / 100  # last year's figure by the same month (interpolated where not on file)
        last_pace = (r["year_end"] - at) / left
    return pd.DataFrame({"months_left": [left], "needed": [round(needed, 9)],
                         "so_far": [round(actual / as_of, 9) if as_of else math.nan],
                         "last_year": [round(last_pace, 9) if not math.isnan(last_pace) else math.nan]})
