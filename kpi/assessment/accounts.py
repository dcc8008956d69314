"""National-accounts derivations: headline figures computed from their components.

A plan declares, per target, how it is derived (``derive:``, see data/README.md); no id is known to
the code. Each derivation fills a figure only where the observations hold its components and lack the
figure itself; derived rows carry ``kind='derived'`` and a note saying how they were computed.
Periods are matched by slot (year and end month), so a quarter and the month that ends it agree.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from ..model.derivations import Derivation
from ..model.period import MONTHS_PER_YEAR, slot_arrays

_SLOT = ["area", "_year", "_month"]


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


def _values(d: Derivation, wide: pd.DataFrame) -> pd.Series:
    """The values ``d`` derives, one per (area, year, month) row of ``wide``."""
    if d.method == "growth":
        return (wide[d.of] / _shifted(wide, d.of) - 1) * 100
    if d.method == "share":
        return wide[d.of] / wide[d.by] * 100
    if d.method == "ratio":
        value = wide[d.of] / wide[d.by] * d.times
        return value.where(wide.index.get_level_values("_month") == MONTHS_PER_YEAR) if d.year_end else value
    return _shifted(wide, d.target, year_end=True) - wide[d.by]


def _rows(values: pd.Series, derivation: Derivation, texts: pd.Series, lang: str) -> pd.DataFrame:
    values = values.replace([np.inf, -np.inf], np.nan).dropna()  # a component of 0 derives nothing, not infinity
    out = values.rename("value").reset_index()
    out["period"] = texts.reindex(values.index).to_numpy()
    out["indicator"] = derivation.target
    out["note"] = derivation.note(lang)
    return out


def derive(obs: pd.DataFrame, derivations, lang: str = "en") -> pd.DataFrame:
    """Add the figures that ``derivations`` compute from their components.

    Parameters
    ----------
    obs : tidy observations with an ``area`` column.
    derivations : ``Derivation`` objects (a plan's ``Plan.derivations``).
    lang : the language of the derived figures' notes (``kpi.assess`` sets each row's own afterwards).

    Returns
    -------
    The observations plus derived rows (``kind='derived'``, ``derived=True``), only where the
    components are there and the figure itself is not.
    """
    obs = obs.assign(derived=False) if "derived" not in obs else obs
    if obs.empty:
        return obs
    present = set(pd.unique(obs["indicator"]).tolist())
    usable = [d for d in derivations if all(i in present for i in d.needs if i != d.target) and
              (d.method != "less" or d.target in present)]
    if not usable:
        return obs  # nothing can be derived: no pivot of every figure
    obs = _with_slots(obs)
    used = obs[obs["indicator"].isin({i for d in usable for i in d.needs})]
    wide = _wide(used)
    texts = used.groupby(_SLOT, sort=False)["period"].first()  # the period as written, per slot
    new = pd.concat([_rows(_values(d, wide), d, texts, lang) for d in usable], ignore_index=True)
    new["value"] = new["value"].round(9)
    known = pd.MultiIndex.from_frame(obs[["area", "indicator", "_year", "_month"]])
    new = new[~pd.MultiIndex.from_frame(new[["area", "indicator", "_year", "_month"]]).isin(known)]
    if new.empty:
        return obs
    new = new.assign(kind="derived", qualifier="", source="", derived=True)
    for c in obs.columns:
        if c not in new:
            new[c] = ""
    return pd.concat([obs, new[obs.columns]], ignore_index=True)


def contributions(obs: pd.DataFrame, total: str, parts) -> pd.DataFrame:
    """Each part's contribution to the growth of ``total``, in percentage points.

    contribution = (part − part a year earlier) / ``total`` a year earlier × 100, for every (area, period)
    where the figures exist; ``total`` and ``parts`` are indicator ids at constant prices (a plan's
    ``contributions:``). Returns ``area, period, indicator, contribution_pp``.
    """
    empty = pd.DataFrame(columns=["area", "period", "indicator", "contribution_pp"])
    if "area" not in obs:
        obs = obs.assign(area="")
    if obs.empty:
        return empty
    obs = _with_slots(obs)
    wide = _wide(obs)
    if total not in wide:
        return empty
    texts = obs.groupby(_SLOT, sort=False)["period"].first()
    base = _shifted(wide, total)
    frames = []
    for part in parts:
        if part in wide:
            c = ((wide[part] - _shifted(wide, part)) / base * 100).dropna()
            frames.append(pd.DataFrame({"area": c.index.get_level_values("area"),
                                        "period": texts.reindex(c.index).to_numpy(),
                                        "indicator": part, "contribution_pp": c.to_numpy()}))
    if not frames:
        return empty
    out = pd.concat(frames, ignore_index=True)
    out["contribution_pp"] = np.round(out["contribution_pp"].astype(float), 9)
    return out.sort_values(["area", "period"], kind="stable").reset_index(drop=True)


def derived_figures(plan, observations: pd.DataFrame, lang: str = "vi") -> pd.DataFrame:
    """The figures the plan's ``derive:`` computes from their components, as the assessment uses them.

    Parameters
    ----------
    plan : the plan (``kpi.load``).
    observations : its observations.
    lang : the language of each row's note (how it was computed).

    Returns
    -------
    The derived rows only: ``indicator``, ``period``, ``value`` and ``note``, in the order they are derived.
    """
    rows = derive(observations.assign(area=plan.id), plan.derivations, lang)
    return rows.loc[rows["derived"].astype(bool), ["indicator", "period", "value", "note"]].reset_index(drop=True)
