"""How fast is the assessment of a national dataset, and in how much memory?

34 provinces × 50 targets and 3,300 communes × 20 targets, each with 60 monthly figures (2017-2021): about
4.1 million figures, assessed at 2021-08 in one call of ``kpi.assess_many``.
Prints the median wall time (of REPEAT runs, measured in the same run) of
  engine : kpi.assess_many for every area at 2021-08 (goal: within 3 times the floor),
  floor  : a plain pandas groupby(...).last() over the same frame (the latest figure per area and target),
and engine/floor, and the peak resident memory of the process during the engine's runs (goal: under 2 GB;
the peak is reset before them through /proc/self/clear_refs, so the made-up data's own building is not
counted, only the frames it holds). With --loop also a straightforward per-target loop on the provinces.
Run: python benchmarks/assess.py [--loop]   (not part of the test run; about a minute)
"""
from __future__ import annotations

import statistics
import sys
import time

import numpy as np
import pandas as pd

from kpi.assessment.engine import assess_many

TIERS = ((34, 50, "province"), (3300, 20, "commune"))
"""(areas, targets per area, name) of each tier of the dataset."""
YEARS, REPEAT, PERIOD = range(2017, 2022), 5, "2021-08"
KINDS = ["above", "at_least", "below", "at_most", "between", "about", "reduce_by", "increase_by"]
MEASURES = ["flow", "level", "growth"]


def synthetic(seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Targets and monthly observations of every tier's made-up areas (benchmark data only)."""
    rng = np.random.default_rng(seed)
    area, indicator, order = [], [], []
    for areas, targets, name in TIERS:
        area.append(np.repeat([f"{name}{i:04d}" for i in range(areas)], targets))
        indicator.append(np.tile([f"{name[0]}{j:02d}" for j in range(targets)], areas))
        order.append(np.tile(np.arange(targets), areas))
    area, indicator, order = np.concatenate(area), np.concatenate(indicator), np.concatenate(order)
    n = len(area)
    kind = rng.choice(KINDS, n)
    measure = np.where(np.isin(kind, ["reduce_by", "increase_by"]), "level", rng.choice(MEASURES, n))
    a = rng.uniform(10, 100, n)
    b = np.where(kind == "between", a + 5, np.where(kind == "about", 2.0, np.nan))
    targets = pd.DataFrame(dict(area=area, order=order, indicator=indicator, group="economy", measure=measure,
                                rule=kind, rule_kind=kind, a=a, b=b, target=a, unit="", name=indicator, parent="",
                                year=2021))
    periods = [f"{y}-{m:02d}" for y in YEARS for m in range(1, 13)]
    k = len(periods)
    obs = pd.DataFrame(dict(area=np.repeat(area, k), indicator=np.repeat(indicator, k),
                            period=np.tile(periods, n), value=rng.uniform(0, 120, n * k), kind="estimate",
                            qualifier=rng.choice(["", "", "", "more_than", "about"], n * k), source="", note=""))
    return targets, obs


def peak_mb() -> float:
    """The process's peak resident memory since the last reset (VmHWM, MB)."""
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def reset_peak() -> None:
    """Start the peak count again from the memory now held (Linux: /proc/self/clear_refs, value 5)."""
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")


def floor(obs: pd.DataFrame, period: str) -> pd.DataFrame:
    """The least any assessment must do: the latest figure up to the period, per area and target."""
    return obs[obs["period"] <= period].groupby(["area", "indicator"]).last()


def median_time(fn, repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    targets, obs = synthetic()
    tiers = " + ".join(f"{a:,} {name}s × {t} targets" for a, t, name in TIERS)
    print(f"{tiers} × 60 months = {len(obs):,} figures; median of {REPEAT} runs at {PERIOD}")
    reset_peak()
    held = peak_mb()
    engine = median_time(lambda: assess_many(targets, obs, PERIOD))
    peak = peak_mb()
    base = median_time(lambda: floor(obs, PERIOD))
    print(f"  engine (kpi.assess_many)     {engine * 1000:9.0f} ms   peak {peak:,.0f} MB (the data alone: {held:,.0f} MB)")
    print(f"  floor  (groupby().last())    {base * 1000:9.0f} ms   engine/floor = {engine / base:.1f}x (goal: 3)")
    sys.exit(0)


if __name__ == "__main__":
    main()
