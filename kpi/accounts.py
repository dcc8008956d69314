"""National-accounts derivations: headline figures computed from their components.

Each derivation fills a figure only where the observations hold its components and lack the
figure itself; derived rows carry ``kind='derived'`` and a note saying how they were computed.
The input ids are conventions a plan declares under ``inputs:`` (see data/README.md).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

SECTORS = ("agriculture", "industry", "services")
"""Sector suffixes: inputs ``va_<sector>_current`` / ``va_<sector>_constant``, targets ``share_<sector>``."""


def _wide(obs: pd.DataFrame) -> pd.DataFrame:
    """Values as a table: one row per (area, period), one column per indicator."""
    return obs.pivot_table(index=["area", "period"], columns="indicator", values="value", aggfunc="last")


def _year_earlier(wide: pd.DataFrame, column: str) -> pd.Series:
    """The same period one year earlier, aligned to each row."""
    idx = wide.index
    prev = [f"{int(p[:4]) - 1}{p[4:]}" for p in idx.get_level_values("period")]
    key = pd.MultiIndex.from_arrays([idx.get_level_values("area"), prev])
    return pd.Series(wide[column].reindex(key).to_numpy(), index=idx)


def _rows(values: pd.Series, indicator: str, note: str) -> pd.DataFrame:
    values = values.dropna()
    out = values.rename("value").reset_index()
    out["indicator"] = indicator
    out["note"] = note
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
    wide = _wide(obs)
    has = set(wide.columns)
    parts: list[pd.DataFrame] = []
    if "grdp_growth" in wanted and "grdp_constant_prices" in has:
        g = (wide["grdp_constant_prices"] / _year_earlier(wide, "grdp_constant_prices") - 1) * 100
        parts.append(_rows(g, "grdp_growth", "derived: GRDP at constant prices against the same period a year earlier"))
    if "grdp_current_prices" in has:
        for s in SECTORS:
            if f"share_{s}" in wanted and f"va_{s}_current" in has:
                sh = wide[f"va_{s}_current"] / wide["grdp_current_prices"] * 100
                parts.append(_rows(sh, f"share_{s}", f"derived: value added of {s} over GRDP, current prices"))
        if "grdp_per_capita" in wanted and "population" in has:
            full_year = wide.index.get_level_values("period").str.endswith("Q4")
            pc = (wide["grdp_current_prices"] / wide["population"] * 1000).where(full_year)
            parts.append(_rows(pc, "grdp_per_capita",
                               "derived: GRDP at current prices (bn VND) × 1000 / average population"))
    if "poverty_rate" in wanted and "poverty_rate_reduction" in has and "poverty_rate" in has:
        idx = wide.index
        prev_end = [f"{int(p[:4]) - 1}-Q4" for p in idx.get_level_values("period")]
        base = wide["poverty_rate"].reindex(pd.MultiIndex.from_arrays([idx.get_level_values("area"), prev_end]))
        pr = pd.Series(base.to_numpy(), index=idx) - wide["poverty_rate_reduction"]
        parts.append(_rows(pr, "poverty_rate", "derived: end of last year's rate less the reduction reported"))
    if not parts:
        return obs
    new = pd.concat(parts, ignore_index=True)
    new["value"] = new["value"].round(9)
    known = pd.MultiIndex.from_frame(obs[["area", "indicator", "period"]])
    new = new[~pd.MultiIndex.from_frame(new[["area", "indicator", "period"]]).isin(known)]
    new = new.assign(kind="derived", qualifier="", source="", derived=True)
    return pd.concat([obs, new[obs.columns]], ignore_index=True)


def contributions(obs: pd.DataFrame) -> pd.DataFrame:
    """Each sector's contribution to GRDP growth, in percentage points.

    contribution = (VA at constant prices − VA a year earlier) / GRDP a year earlier × 100, for every
    (area, period) where the components exist. Returns ``area, period, sector, contribution_pp``.
    """
    if "area" not in obs:
        obs = obs.assign(area="")
    wide = _wide(obs) if not obs.empty else pd.DataFrame()
    if "grdp_constant_prices" not in wide:
        return pd.DataFrame(columns=["area", "period", "sector", "contribution_pp"])
    base = _year_earlier(wide, "grdp_constant_prices")
    frames = []
    for s in SECTORS:
        col = f"va_{s}_constant"
        if col in wide:
            c = (wide[col] - _year_earlier(wide, col)) / base * 100
            frames.append(c.rename("contribution_pp").dropna().reset_index().assign(sector=s))
    if not frames:
        return pd.DataFrame(columns=["area", "period", "sector", "contribution_pp"])
    out = pd.concat(frames, ignore_index=True)[["area", "period", "sector", "contribution_pp"]]
    out["contribution_pp"] = np.round(out["contribution_pp"].astype(float), 9)
    return out.sort_values(["area", "period", "sector"]).reset_index(drop=True)
