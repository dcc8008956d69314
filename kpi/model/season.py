"""The season of a flow: what share of its year-end total is normally reached by a given month.

Three bases, in the order the assessment prefers them:

- a profile the plan declares (``profile: year_end``, or cumulative percents by quarter or month);
- history: the median, over the earlier years the observations hold, of each year's share of its
  own year-end total reached by the same month (a year counts only if it has its year-end figure);
- linear: m/12 of the year by month m.

Shares are cumulative fractions on the 13 month-ends 0 (1 January) to 12 (31 December); between
two known month-ends a share is interpolated linearly.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

MONTH_ENDS = 13
"""Month-ends 0..12: 0 is 1 January (nothing yet), 12 is the whole year."""


@dataclass(frozen=True)
class Profile:
    """A declared season: ``shares[m]`` is the fraction of the year-end total expected by month m."""

    name: str
    shares: tuple[float, ...]
    note_vi: str = ""
    note_en: str = ""
    """What the profile rests on, printed with the expected progress (``profile: {..., note: {vi: ..., en: ...}}``):
    a published schedule, or the office's assumption."""

    def __post_init__(self) -> None:
        if len(self.shares) != MONTH_ENDS or self.shares[0] != 0 or self.shares[-1] != 1:
            raise ValueError("a profile needs 13 cumulative shares from 0 (1 January) to 1 (year end)")
        if any(b < a for a, b in zip(self.shares, self.shares[1:])):
            raise ValueError("cumulative shares must not fall from one period to the next")

    @classmethod
    def year_end(cls) -> Profile:
        """Recognised or counted only at the end of the year (communes certified in December)."""
        return cls("year_end", (0.0,) * 12 + (1.0,))

    @classmethod
    def from_points(cls, points: dict[int, float]) -> Profile:
        """Cumulative percents at some month-ends (``{3: 10, 6: 30, 9: 55}``), interpolated between."""
        months = [0, *sorted(points), 12]
        values = [0.0, *(points[m] / 100 for m in sorted(points)), 1.0]
        return cls("declared", tuple(float(v) for v in np.interp(np.arange(MONTH_ENDS), months, values)))

    def share(self, month: int) -> float:
        """The fraction expected by the end of ``month`` (0-12)."""
        return self.shares[month]

    def note(self, lang: str = "vi") -> str:
        """What the profile rests on, in ``lang`` ('' when the plan says nothing)."""
        return self.note_vi if lang == "vi" else self.note_en


def parse_profile(spec) -> Profile:
    """A profile from a plan entry: ``'year_end'`` or ``{Q1: 10, Q2: 30, Q3: 55}`` / ``{5: 40, 10: 85}``.

    Raises ``ValueError`` with a reader's explanation.
    """
    if spec == "year_end":
        return Profile.year_end()
    if not isinstance(spec, dict) or not spec:
        raise ValueError(f"profile {spec!r} is neither 'year_end' nor a mapping of cumulative percents, "
                         "e.g. {Q1: 10, Q2: 30, Q3: 55} or {5: 40, 10: 85}")
    points: dict[int, float] = {}
    for key, value in spec.items():
        text = str(key)
        if text in ("Q1", "Q2", "Q3"):
            month = int(text[1]) * 3
        elif isinstance(key, int) and not isinstance(key, bool) and 1 <= key <= 11:
            month = key
        else:
            raise ValueError(f"profile key {key!r} is not Q1-Q3 or a month 1-11 (the year end is 100%)")
        if month in points:
            raise ValueError(f"profile gives month {month} twice")
        if not isinstance(value, (int, float)) or isinstance(value, bool) or not 0 <= value <= 100:
            raise ValueError(f"profile value {value!r} at {key} is not a percent from 0 to 100")
        points[month] = float(value)
    return Profile.from_points(points)


def interpolate(shares: np.ndarray, months: np.ndarray) -> np.ndarray:
    """Row-wise linear interpolation: ``shares`` is (rows, 13) with NaN where unknown, ``months`` the
    month-end wanted per row. Column 0 must hold 0 and column 12 the year-end share (1).

    NaN where the row knows no in-year figure at or before the month (1 January alone is no season),
    and at the year end, where every basis agrees (100%).
    """
    n = len(shares)
    rows = np.arange(n)
    m = np.clip(np.asarray(months, dtype=int), 0, MONTH_ENDS - 1)
    known = ~np.isnan(shares)
    cols = np.arange(MONTH_ENDS)
    # the nearest known month-end at or before m, and at or after m
    lower = np.where(known & (cols <= m[:, None]), cols, -1).max(axis=1)
    upper = np.where(known & (cols >= m[:, None]), cols, MONTH_ENDS).min(axis=1)
    lower, upper = np.clip(lower, 0, 12), np.clip(upper, 0, 12)
    lo_v, hi_v = shares[rows, lower], shares[rows, upper]
    with np.errstate(divide="ignore", invalid="ignore"):
        w = np.where(upper > lower, (m - lower) / (upper - lower), 0.0)
    return np.where((lower > 0) & (m < 12), lo_v + (hi_v - lo_v) * w, np.nan)


def share_grid(history: pd.DataFrame, keys: list[str]):
    """Each earlier year's cumulative shares by month-end, per key, for ``history_shares``.

    Returns ``(shares, key_index, years)``: a (rows, 13) array with NaN where unknown, the key of each row
    and its year; only years with a positive year-end figure. ``None`` when there is no such year.
    """
    if history.empty:
        return None
    grid = history.pivot_table(index=[*keys, "_year"], columns="_month", values="value", aggfunc="last")
    grid = grid.reindex(columns=range(MONTH_ENDS))
    total = grid[12].to_numpy(float)
    good = np.isfinite(total) & (total > 0)
    grid = grid[good]
    if grid.empty:
        return None
    shares = grid.to_numpy(float) / grid[12].to_numpy(float)[:, None]
    shares[:, 0] = 0.0
    return shares, grid.index.droplevel("_year"), grid.index.get_level_values("_year").to_numpy()


def history_shares(history: pd.DataFrame, keys: list[str], wanted: pd.DataFrame, grid=None) -> pd.DataFrame:
    """The median share by a month-end over earlier years, per key.

    Parameters
    ----------
    history : observations of earlier years with ``keys``, ``_year``, ``_month`` and ``value``.
    keys : the key columns (e.g. ``["area", "indicator"]``).
    wanted : one row per key with a ``month`` column (the month-end asked for).
    grid : ``share_grid(history, keys)`` when already computed (it is then used instead of ``history``).

    Returns
    -------
    ``wanted``'s rows with ``share`` (NaN where no earlier year has its year-end figure) and
    ``years`` (the years used, e.g. ``'2019, 2020'``).
    """
    out = wanted.assign(share=np.nan, years="")
    if wanted.empty:
        return out
    if grid is None:
        grid = share_grid(history, keys)
    if grid is None:
        return out
    shares, key_index, years = grid
    months = wanted.set_index(keys)["month"].reindex(key_index).to_numpy()
    present = ~pd.isna(months)
    shares, key_index, months = shares[present], key_index[present], months[present].astype(int)
    years = years[present]
    value = interpolate(shares, months)
    ok = np.isfinite(value) & (value > 0)
    per_year = pd.DataFrame({"share": value[ok], "year": years[ok]}, index=key_index[ok])
    if per_year.empty:
        return out
    grouped = per_year.groupby(level=list(range(len(keys))), sort=False)
    median = grouped["share"].median()
    used = _years_text(per_year["year"], grouped)
    got = wanted.set_index(keys)
    got["share"] = median
    got["years"] = used
    got["years"] = got["years"].fillna("")
    return got.reset_index()


def _years_text(year: pd.Series, grouped) -> pd.Series:
    """The years of each key as text ('2019, 2020'), from one row per key and year."""
    first, span = int(year.min()), int(year.max() - year.min())
    if span >= 62:  # too many years for a bit mask: join per key
        return grouped["year"].agg(lambda ys: ", ".join(str(y) for y in sorted(set(ys))))
    # each key's set of years as a bit mask (one row per key and year, so the sum is the union);
    # keys share few distinct sets, so each set is written out once
    mask = (np.int64(1) << (year.to_numpy(np.int64) - first)).astype(np.int64)
    masks = pd.Series(mask, index=year.index).groupby(level=list(range(year.index.nlevels)), sort=False).sum()
    text = {m: ", ".join(str(first + i) for i in range(span + 1) if m >> i & 1) for m in np.unique(masks)}
    return masks.map(text)
