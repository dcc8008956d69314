"""The assessment: for every target, where it stands at a quarter and whether the year will be won.

All work is vectorised over (area, target); ``assess`` handles one plan, ``assess_many`` several
areas at once. Status thresholds live in ``Thresholds``, and only there.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .accounts import derive
from .errors import KpiError
from .periods import Quarter, parse_quarter
from .plan import Plan

STATUSES = ("met", "on_track", "at_risk", "off_track", "missed", "undetermined", "no_data")


@dataclass(frozen=True)
class Thresholds:
    """The numbers behind the status words.

    at_risk_pct : a target whose year-end projection falls short of the rule by at most this
        percent of the target (for flows: attainment at least 90% of the expected progress) is
        ``at_risk``; a larger shortfall is ``off_track``.
    qualifier_about_pct : a figure published as "khoảng x" (about) stands for x ± this percent.
    """

    at_risk_pct: float = 10.0
    qualifier_about_pct: float = 5.0


COLUMNS = ["indicator", "group", "measure", "rule", "target", "target_low", "target_high", "unit",
           "actual", "qualifier", "as_of", "baseline", "last_year", "gap", "attainment_pct", "expected_pct",
           "expected_basis", "projection", "projection_method", "required_pace", "status", "kind", "source",
           "derived", "note"]


def _rule_text(target, lang: str) -> str:
    """The rule with a percent sign where the unit is a percent: 'trên 10%', '21–22%'."""
    text = target.rule.label(lang)
    if target.unit_vi.strip() != "%" or target.rule.kind == "about":
        return text
    if target.rule.kind in ("reduce_by", "increase_by"):
        return text + (" điểm %" if lang == "vi" else " points")
    return text + "%"


def targets_frame(plan: Plan, lang: str = "vi") -> pd.DataFrame:
    """The plan's targets as a frame: one row per target, rule parameters in columns."""
    rows = []
    for order, t in enumerate(plan.targets):
        a, b = t.rule.params
        rows.append(dict(area=plan.id, order=order, indicator=t.id, group=t.group, measure=t.measure,
                         rule=_rule_text(t, lang), rule_kind=t.rule.kind, a=a, b=b, target=t.rule.reference,
                         unit=t.unit(lang), name=t.name(lang), parent=t.parent or "", year=plan.year))
    return pd.DataFrame(rows)


def _bands(kind: np.ndarray, a: np.ndarray, b: np.ndarray, baseline: np.ndarray):
    """Vectorised ``Rule.band``: the values that meet each rule."""
    inf = np.inf
    lo = np.select([np.isin(kind, ["above", "at_least", "between"]), kind == "about", kind == "increase_by"],
                   [a, a - np.abs(a) * b / 100, baseline + a], -inf)
    hi = np.select([np.isin(kind, ["below", "at_most"]), kind == "between", kind == "about", kind == "reduce_by"],
                   [a, b, a + np.abs(a) * b / 100, baseline - a], inf)
    return np.round(lo, 9), kind == "above", np.round(hi, 9), kind == "below"


def _value_interval(value: np.ndarray, qualifier: np.ndarray, about_pct: float):
    """The values a published figure stands for: 'hơn x' is (x, ∞), 'gần x' is (−∞, x), 'khoảng x' is x ± 5%."""
    value = np.round(value, 9)  # the precision bands are compared at (see _bands)
    d = np.abs(value) * about_pct / 100
    lo = np.select([qualifier == "more_than", qualifier == "less_than", qualifier == "about"],
                   [value, -np.inf, value - d], value)
    hi = np.select([qualifier == "more_than", qualifier == "less_than", qualifier == "about"],
                   [np.inf, value, value + d], value)
    return lo, qualifier == "more_than", hi, qualifier == "less_than"


def verdict(v_lo, v_lo_open, v_hi, v_hi_open, t_lo, t_lo_open, t_hi, t_hi_open) -> np.ndarray:
    """'met' if every value the figure stands for meets the rule, 'missed' if none does, else 'undetermined'."""
    inside_lo = (v_lo > t_lo) | ((v_lo == t_lo) & (~t_lo_open | v_lo_open))
    inside_hi = (v_hi < t_hi) | ((v_hi == t_hi) & (~t_hi_open | v_hi_open))
    apart = ((v_hi < t_lo) | ((v_hi == t_lo) & (v_hi_open | t_lo_open))
             | (v_lo > t_hi) | ((v_lo == t_hi) & (v_lo_open | t_hi_open)))
    return np.where(inside_lo & inside_hi, "met", np.where(apart, "missed", "undetermined"))


def _gap(v, t_lo, t_hi):
    """Signed distance to the band in the target's unit; positive (or 0 inside a two-sided band) is better."""
    v = np.round(v, 9)
    one_low = np.isinf(t_hi) & ~np.isinf(t_lo)
    one_high = np.isinf(t_lo) & ~np.isinf(t_hi)
    two = np.minimum(np.minimum(v - t_lo, t_hi - v), 0)
    with np.errstate(invalid="ignore"):
        return np.round(np.where(one_low, v - t_lo, np.where(one_high, t_hi - v, two)), 9)


def _quarters(periods: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Year and quarter numbers of 'YYYY-Qn' periods (each distinct period parsed once)."""
    codes, uniques = pd.factorize(periods.astype(str))
    years = np.array([int(u[:4]) for u in uniques], dtype=int)
    qs = np.array([int(u[-1]) for u in uniques], dtype=int)
    return years[codes], qs[codes]


def assess_many(targets: pd.DataFrame, observations: pd.DataFrame, period: str | Quarter,
                thresholds: Thresholds = Thresholds()) -> pd.DataFrame:
    """Assess the targets of many areas at once.

    Parameters
    ----------
    targets : one row per (area, target), as made by ``targets_frame``.
    observations : tidy observations with an ``area`` column.
    period : the quarter reported, ``'YYYY-Qn'``.
    thresholds : the status thresholds.

    Returns
    -------
    One row per (area, target) with the columns of ``COLUMNS`` plus ``area``, ``period`` and ``name``.
    """
    quarter = parse_quarter(str(period)) if not isinstance(period, Quarter) else period
    if quarter is None:
        raise KpiError(f"period '{period}' is not a quarter; write YYYY-Qn, e.g. 2021-Q3.")
    years = targets["year"].unique()
    if len(years) and quarter.year not in years:
        raise KpiError(f"period '{quarter}' is not in the plan year {', '.join(map(str, years))}; "
                       f"choose a quarter of that year, e.g. {years[0]}-Q{quarter.q}.")
    year, q = quarter.year, quarter.q
    obs = derive(observations, set(targets["indicator"]))
    oy, oq = _quarters(obs["period"])
    obs = obs.assign(_y=oy, _q=oq)
    keys = ["area", "indicator"]

    cur = obs[(obs["_y"] == year) & (obs["_q"] <= q)].sort_values("_q", kind="stable")
    latest = cur.groupby(keys, sort=False).last()
    prev = obs[obs["_y"] == year - 1]
    prev_end = prev[prev["_q"] == 4].set_index(keys)["value"]
    prev_same = prev[prev["_q"] == q].set_index(keys)["value"]

    f = targets.set_index(keys)
    f["actual"] = latest["value"]
    f["qualifier"] = latest["qualifier"]
    f["as_of_q"] = latest["_q"]
    f["kind"] = latest["kind"]
    f["source"] = latest["source"]
    f["derived"] = latest["derived"]
    f["note"] = latest["note"]
    f["prev_end"] = prev_end
    f["last_year"] = prev_same
    # Seasonal share of last year's total reached by each quarter, for flows.
    prev_by_q = prev.pivot_table(index=keys, columns="_q", values="value", aggfunc="last")
    f = f.reset_index()
    idx = pd.MultiIndex.from_frame(f[keys])

    kind = f["rule_kind"].to_numpy()
    measure = f["measure"].to_numpy()
    flow = measure == "flow"
    actual = f["actual"].to_numpy(dtype=float)
    has = ~np.isnan(actual)
    as_of_q = f["as_of_q"].to_numpy(dtype=float)
    current = has & (as_of_q == q)
    qualifier = f["qualifier"].fillna("").to_numpy(dtype=object).astype(str)
    needs_base = np.isin(kind, ["reduce_by", "increase_by"])
    baseline = np.where(needs_base, f["prev_end"].to_numpy(dtype=float), np.nan)

    t_lo, t_lo_open, t_hi, t_hi_open = _bands(kind, f["a"].to_numpy(float), f["b"].to_numpy(float), baseline)
    v_lo, v_lo_open, v_hi, v_hi_open = _value_interval(actual, qualifier, thresholds.qualifier_about_pct)
    gap = _gap(actual, t_lo, t_hi)

    # Attainment: the "đạt X% kế hoạch" of the province's reports.
    ref = f["a"].to_numpy(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        attain = np.select(
            [np.isin(kind, ["above", "at_least"]) & (measure != "growth"), kind == "reduce_by", kind == "increase_by"],
            [actual / ref * 100, (baseline - actual) / ref * 100, (actual - baseline) / ref * 100], np.nan)

    # Expected progress and projection, for flows.
    def share_at(quarters: np.ndarray) -> np.ndarray:
        out = np.full(len(f), np.nan)
        if prev_by_q.empty or 4 not in prev_by_q.columns:
            return out
        total = prev_by_q[4].reindex(idx).to_numpy(float)
        for qq in (1, 2, 3, 4):
            if qq in prev_by_q.columns:
                part = prev_by_q[qq].reindex(idx).to_numpy(float)
                with np.errstate(divide="ignore", invalid="ignore"):
                    out = np.where(quarters == qq, part / total, out)
        return np.where(np.isfinite(out) & (out > 0), out, np.nan)

    share_now = share_at(np.full(len(f), q))
    seasonal_now = ~np.isnan(share_now)
    expected = np.where(flow, np.where(seasonal_now, share_now * 100, q / 4 * 100), np.nan)
    share_asof = share_at(np.nan_to_num(as_of_q).astype(int))
    seasonal_asof = ~np.isnan(share_asof)
    with np.errstate(divide="ignore", invalid="ignore"):
        factor = np.where(~flow | (as_of_q == 4), 1.0,
                          np.where(seasonal_asof, 1 / share_asof, 4 / as_of_q))
    projection = np.where(has, actual * factor, np.nan)
    method = np.where(~has, "", np.where(~flow, "latest", np.where(as_of_q == 4, "actual",
                      np.where(seasonal_asof, "seasonal", "run_rate"))))

    # What the rest of the year must deliver.
    remaining = 4 - q
    bound = np.where(np.isinf(t_lo), t_hi, t_lo)
    with np.errstate(invalid="ignore", divide="ignore"):
        flow_pace = np.where(np.isinf(t_hi) & (gap >= 0), 0.0, (bound - actual) / max(remaining, 1))
        level_need = np.where(gap >= 0, 0.0,
                              np.where(actual < t_lo, t_lo - actual, np.where(actual > t_hi, t_hi - actual, 0.0)))
    pace = np.where(~has | (remaining == 0), np.nan, np.where(flow, flow_pace, level_need))

    # Status.
    now = verdict(v_lo, v_lo_open, v_hi, v_hi_open, t_lo, t_lo_open, t_hi, t_hi_open)
    fac = np.where(has, factor, 1.0)
    p_lo, p_hi = v_lo * fac, v_hi * fac
    ahead = verdict(p_lo, v_lo_open, p_hi, v_hi_open, t_lo, t_lo_open, t_hi, t_hi_open)
    p_gap = _gap(projection, t_lo, t_hi)
    scale = np.abs(np.where(np.isinf(t_lo), t_hi, t_lo))
    scale = np.where(scale > 0, scale, 1.0)
    shortfall_ok = -p_gap <= thresholds.at_risk_pct / 100 * scale
    if q == 4:
        status = np.where(current, now, "no_data")
    else:
        early = np.where(flow & np.isinf(t_hi) & (now == "met"), "met",
                         np.where(ahead == "met", "on_track",
                                  np.where(ahead == "undetermined", "undetermined",
                                           np.where(shortfall_ok, "at_risk", "off_track"))))
        status = np.where(current, early, "no_data")

    out = f.assign(
        period=str(quarter),
        as_of=np.where(has, [f"{year}-Q{int(x)}" if x == x else "" for x in as_of_q], ""),
        target_low=np.where(np.isinf(t_lo), np.nan, t_lo),
        target_high=np.where(np.isinf(t_hi), np.nan, t_hi),
        baseline=baseline, gap=np.where(has, gap, np.nan), attainment_pct=np.round(attain, 9),
        expected_pct=expected, expected_basis=np.where(flow, np.where(seasonal_now, "seasonal", "linear"), ""),
        projection=np.round(projection, 9), projection_method=method, required_pace=np.round(pace, 9),
        status=status,
    )
    out["qualifier"] = out["qualifier"].fillna("")
    out["kind"] = out["kind"].fillna("")
    out["source"] = out["source"].fillna("")
    out["note"] = out["note"].fillna("")
    out["derived"] = out["derived"].fillna(False).astype(bool)
    out = out.sort_values(["area", "order"], kind="stable").reset_index(drop=True)
    return out[["area", "period", "name", "parent", *COLUMNS]]


def assess(plan: Plan, observations: pd.DataFrame, period: str | Quarter, *, lang: str = "vi",
           thresholds: Thresholds = Thresholds()) -> pd.DataFrame:
    """Assess every target of ``plan`` at ``period``.

    Parameters
    ----------
    plan : the plan, from ``load_plan``.
    observations : its observations, from ``load_observations``.
    period : the quarter reported, ``'YYYY-Qn'``.
    lang : language of the ``name``, ``rule`` and ``unit`` columns.
    thresholds : the status thresholds.

    Returns
    -------
    One row per target, in plan order; see ``COLUMNS``.
    """
    obs = observations.assign(area=plan.id)
    out = assess_many(targets_frame(plan, lang), obs, period, thresholds)
    return out.drop(columns="area")


def latest_period(plan: Plan, observations: pd.DataFrame) -> str:
    """The latest quarter of the plan year that has a figure for any target."""
    mine = observations[observations["indicator"].isin(plan.indicators)
                        & observations["period"].str.startswith(f"{plan.year}-")]
    if mine.empty:
        raise KpiError(f"no figure for the plan year {plan.year} yet; add one, or give --period YYYY-Qn.")
    return str(max(parse_quarter(p) for p in mine["period"]))


def all_periods(plan: Plan) -> list[str]:
    """The four quarters of the plan year."""
    return [f"{plan.year}-Q{q}" for q in (1, 2, 3, 4)]


def status_counts(status: pd.DataFrame, order: Sequence[str] = STATUSES) -> pd.Series:
    """How many targets have each status, in the order a headline lists them."""
    return status["status"].value_counts().reindex(list(order), fill_value=0)


def history(plan: Plan, observations: pd.DataFrame, period: str, *, lang: str = "vi",
            thresholds: Thresholds = Thresholds()) -> pd.DataFrame:
    """The assessment at every quarter of the plan year up to ``period``, stacked."""
    last = parse_quarter(str(period))
    frames = [assess(plan, observations, f"{plan.year}-Q{q}", lang=lang, thresholds=thresholds)
              for q in range(1, (last.q if last else 4) + 1)]
    return pd.concat(frames, ignore_index=True)
