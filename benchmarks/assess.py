"""How fast is the assessment? 700 areas × 45 targets, one plan per area, at two resolutions:
20 quarters (2017-2021, 630,000 figures) and 60 months (2017-2021, 1,890,000 figures).

Prints, per resolution, the median wall time (of REPEAT runs, measured in the same run) of
  engine : kpi.assessment.assess_many for all areas at one period (2021-Q3, 2021-08),
  floor  : a plain pandas groupby(...).last() over the same frame,
and engine/floor; with --loop also a straightforward per-target Python loop at quarters (~1 min a run).
Run: python benchmarks/assess.py [--loop]   (not part of the test run)
"""
from __future__ import annotations

import statistics
import sys
import time

import numpy as np
import pandas as pd

from kpi.assessment import assess_many

AREAS, TARGETS, YEARS, REPEAT = 700, 45, range(2017, 2022), 7
KINDS = ["above", "at_least", "below", "at_most", "between", "about", "reduce_by", "increase_by"]
MEASURES = ["flow", "level", "growth"]


def synthetic(seed: int = 0, months: bool = False) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Targets and observations of AREAS made-up areas, by quarter or by month (benchmark data only)."""
    rng = np.random.default_rng(seed)
    n = AREAS * TARGETS
    area = np.repeat([f"area{i:03d}" for i in range(AREAS)], TARGETS)
    indicator = np.tile([f"t{j:02d}" for j in range(TARGETS)], AREAS)
    kind = rng.choice(KINDS, n)
    measure = np.where(np.isin(kind, ["reduce_by", "increase_by"]), "level", rng.choice(MEASURES, n))
    a = rng.uniform(10, 100, n)
    b = np.where(kind == "between", a + 5, np.where(kind == "about", 2.0, np.nan))
    targets = pd.DataFrame(dict(area=area, order=np.tile(np.arange(TARGETS), AREAS), indicator=indicator,
                                group="economy", measure=measure, rule=kind, rule_kind=kind, a=a, b=b, target=a,
                                unit="", name=indicator, parent="", year=2021))
    periods = ([f"{y}-{m:02d}" for y in YEARS for m in range(1, 13)] if months
               else [f"{y}-Q{q}" for y in YEARS for q in (1, 2, 3, 4)])
    k = len(periods)
    obs = pd.DataFrame(dict(area=np.repeat(area, k), indicator=np.repeat(indicator, k),
                            period=np.tile(periods, n), value=rng.uniform(0, 120, n * k), kind="estimate",
                            qualifier=rng.choice(["", "", "", "more_than", "about"], n * k), source="", note=""))
    return targets, obs


def floor(obs: pd.DataFrame, period: str) -> pd.DataFrame:
    """The least any assessment must do: the latest figure up to the period, per area and target."""
    return obs[obs["period"] <= period].groupby(["area", "indicator"]).last()


def loop(targets: pd.DataFrame, obs: pd.DataFrame, period: str) -> list[str]:
    """One target at a time, the way a first script would do it."""
    year, q = int(period[:4]), int(period[-1])
    by_key = {k: g for k, g in obs.groupby(["area", "indicator"])}
    out = []
    for t in targets.itertuples(index=False):
        g = by_key[(t.area, t.indicator)]
        cur = g[(g["period"].str[:4].astype(int) == year) & (g["period"].str[-1].astype(int) <= q)]
        if cur.empty:
            out.append("no_data")
            continue
        v = cur["value"].iloc[-1]
        prev = g[g["period"] == f"{year - 1}-Q4"]["value"]
        base = prev.iloc[0] if len(prev) else np.nan
        lo, hi = {"above": (t.a, np.inf), "at_least": (t.a, np.inf), "below": (-np.inf, t.a),
                  "at_most": (-np.inf, t.a), "between": (t.a, t.b), "about": (t.a * 0.98, t.a * 1.02),
                  "reduce_by": (-np.inf, base - t.a), "increase_by": (base + t.a, np.inf)}[t.rule_kind]
        out.append("met" if lo <= v <= hi else "missed")
    return out


def median_time(fn, repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    for months, period in ((False, "2021-Q3"), (True, "2021-08")):
        targets, obs = synthetic(months=months)
        unit = "months" if months else "quarters"
        print(f"{AREAS} areas × {TARGETS} targets × {len(obs) // len(targets)} {unit} = {len(obs):,} observations; "
              f"median of {REPEAT} runs at {period}")
        engine = median_time(lambda: assess_many(targets, obs, period))
        base = median_time(lambda: floor(obs, period))
        print(f"  engine (kpi.assess_many)     {engine * 1000:9.0f} ms")
        print(f"  floor  (groupby().last())    {base * 1000:9.0f} ms   engine/floor = {engine / base:.1f}x")
        if "--loop" in sys.argv and not months:
            slow = median_time(lambda: loop(targets, obs, period), repeat=3)  # ~1 min a run
            print(f"  loop   (per-target Python)   {slow * 1000:9.0f} ms   loop/engine  = {slow / engine:.1f}x")
    sys.exit(0)


if __name__ == "__main__":
    main()
