"""National-accounts derivations: headline figures computed from their components.

Each derivation fills a figure only where the observations hold its components and lack the
figure itself; derived rows carry ``kind='derived'`` and a note saying how they were computed.
The input ids are conventions a plan declares under ``inputs:`` (see data/README.md).
Periods are matched by slot (year and end month), so a quarter and the month that ends it agree.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from .labels import DERIVED_NOTES
from .period import MONTHS_PER_YEAR, slot_arrays

SECTORS = ("agriculture", "industry", "services")
"""Sector suffixes: inputs ``va_<sector>_current`` / ``va_<sector>_constant``, targets ``share_<sector>``."""
_SLOT = ["area", "_year", "_month"]
DERIVATIONS = {
    "grdp_growth": ("grdp_constant_prices",),
    **{f"share_{s}": (f"va_{s}_current", "grdp_current_prices") for s in SECTORS},
    "grdp_per_capita": ("grdp_current_prices", "population"),
    "poverty_rate": ("poverty_rate", "poverty_rate_reduction"),
}
"""Each derived target and the indicators it is computed from (the rows ``derive`` reads)."""


def _with_slots(obs: pd.DataFrame) -> pd.DataFrame:
    if "_year" in obs and "_month" in obs:
        return obs
    years, months = slot_arrays(obs["period"])
    return obs.assign(_year=years, _month=months)


def _wide(obs: pd.DataFrame) -> pd.DataFrame:
    """Values as a table: one row per (area, year, month), one column per indicator."""
    return obs.pivot_table(index=_SLOT, columns="indicator", values="value", aggfunc="last")


def _shifted(wide: pd.DataFrame, column: str, *, year_end: bool = False) -> pd.Series:
    """The same slot one year earlier (or the end of the year before), aligned to each row."""
    idx = wide.index
    months = idx.get_level_values("_month")
    key = pd.MultiIndex.from_arrays([idx.get_level_values("area"), idx.get_level_values("_year") - 1,
                                     np.full(len(idx), MONTHS_PER_YEAR) if year_end else months])
    return pd.Series(wide[column].reindex(key).to_numpy(), index=idx)


def _year_earlier(wide: pd.DataFrame, column: str) -> pd.Series:
    return _shifted(wide, column)


def _rows(values: pd.Series, indicator: str, texts: pd.Series) -> pd.DataFrame:
    values = values.dropna()
    out = values.rename("value").reset_index()
    out["period"] = texts.reindex(values.index).to_numpy()
    out["indicator"] = indicator
    out["note"] = DERIVED_NOTES["en"][indicator]  # the report gives it in its own language
    return out


def derive(obs: pd.DataFrame, wanted: set[str]) -> pd.DataFrame:
    """Add the figures of ``wanted`` indicators that can be computed from components.

    Parameters
    ----------
    obs : tidy observations with an ``area`` column.
    wanted : the indicator ids of the plan(s); only these are derived.

    Returns
    -------
    The observations plus derived rows (``kind='derived'``, ``derived=True``).
    """
    obs = obs.assign(derived=False) if "derived" not in obs else obs
    if obs.empty:
        return obs
    inputs = {i for target, needs in DERIVATIONS.items() if target in wanted for i in needs}
    inputs &= set(pd.unique(obs["indicator"]).tolist())
    if not inputs:
        return obs  # nothing can be derived: no pivot of every figure
    obs = _with_slots(obs)
    used = obs[obs["indicator"].isin(inputs)]
    wide = _wide(used)
    texts = used.groupby(_SLOT, sort=False)["period"].first()  # the period as written, per slot
    has = set(wide.columns)
    parts: list[pd.DataFrame] = []
    if "grdp_growth" in wanted and "grdp_constant_prices" in has:
        g = (wide["grdp_constant_prices"] / _year_earlier(wide, "grdp_constant_prices") - 1) * 100
        parts.append(_rows(g, "grdp_growth", texts))
    if "grdp_current_prices" in has:
        for s in SECTORS:
            if f"share_{s}" in wanted and f"va_{s}_current" in has:
                sh = wide[f"va_{s}_current"] / wide["grdp_current_prices"] * 100
                parts.append(_rows(sh, f"share_{s}", texts))
        if "grdp_per_capita" in wanted and "population" in has:
            full_year = wide.index.get_level_values("_month") == MONTHS_PER_YEAR
            pc = (wide["grdp_current_prices"] / wide["population"] * 1000).where(full_year)
            parts.append(_rows(pc, "grdp_per_capita", texts))
    if "poverty_rate" in wanted and "poverty_rate_reduction" in has and "poverty_rate" in has:
        pr = _shifted(wide, "poverty_rate", year_end=True) - wide["poverty_rate_reduction"]
        parts.append(_rows(pr, "poverty_rate", texts))
    if not parts:
        return obs
    new = pd.concat(parts, ignore_index=True)
    new["value"] = new["value"].round(9)
    known = pd.MultiIndex.from_frame(obs[["area", "indicator", "_year", "_month"]])
    new = new[~pd.MultiIndex.from_frame(new[["area", "indicator", "_year", "_month"]]).isin(known)]
    new = new.assign(kind="derived", qualifier="", source="", derived=True)
    for c in obs.columns:
        if c not in new:
            new[c] = ""
    return pd.concat([obs, new[obs.columns]], ignore_index=True)


def contributions(obs: pd.DataFrame) -> pd.DataFrame:
    """Each sector's contribution to GRDP growth, in percentage points.

    contribution = (VA at constant prices − VA a year earlier) / GRDP a year earlier × 100, for every
    (area, period) where the components exist. Returns ``area, period, sector, contribution_pp``.
    """
    empty = pd.DataFrame(columns=["area", "period", "sector", "contribution_pp"])
    if "area" not in obs:
        obs = obs.assign(area="")
    if obs.empty:
        return empty
    obs = _with_slots(obs)
    wide = _wide(obs)
    if "grdp_constant_prices" not in wide:
        return empty
    texts = obs.groupby(_SLOT, sort=False)["period"].first()
    base = _year_earlier(wide, "grdp_constant_prices")
    frames = []
    for s in SECTORS:
        col = f"va_{s}_constant"
        if col in wide:
            c = ((wide[col] - _year_earlier(wide, col)) / base * 100).dropna()
            frames.append(pd.DataFrame({"area": c.index.get_level_values("area"),
                                        "period": texts.reindex(c.index).to_numpy(),
                                        "sector": s, "contribution_pp": c.to_numpy()}))
    if not frames:
        return empty
    out = pd.concat(frames, ignore_index=True)
    out["contribution_pp"] = np.round(out["contribution_pp"].astype(float), 9)
    return out.sort_values(["area", "period", "sector"]).reset_index(drop=True)
