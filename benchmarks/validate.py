"""How long do `kpi validate` and `kpi status` take on the largest plan a province writes, 10,000 targets?

Generates into a temporary folder (nothing is kept) a plan of 10,000 targets (the mix of the Kon Tum plan:
every rule, measure and unit kind) and its observations CSV (8 quarters of 2020-2021 per target, 80,000
figures near each plan figure, a fifth with a qualifier, every row with its source address), then times, as
whole commands in a new process each (what a user waits for), the median of REPEAT rounds of:
  floor        : `python -c "import pandas; read_csv(...).groupby('indicator').last()"` (what any reader pays),
  kpi validate : the plan and every figure checked,
  kpi status   : `kpi status --period 2021-Q3 --format csv` to /dev/null (read, check, assess, write);
goal: each kpi command under 3 s. Prints each command's peak resident memory (ru_maxrss) too.
Run: python benchmarks/validate.py   (not part of the test run; about a minute)
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPEAT = int(os.environ.get("REPEAT", 3))
TARGETS = 10_000
GOAL_S = 3.0


RULES = [("above", "{x}"), ("at_least", "{x}"), ("below", "{x}"), ("at_most", "{x}"), ("between", "[{x}, {y}]"),
         ("about", "{x}, tolerance: 1"), ("reduce_by", "2"), ("increase_by", "5")]
UNITS = ['{vi: "%", en: "%"}', "{vi: tỷ đồng, en: bn VND}", "{vi: người, en: persons}", "{vi: ha, en: ha}"]
PERIODS = [f"{y}-Q{q}" for y in (2020, 2021) for q in (1, 2, 3, 4)]


def write_plan(path: Path, n: int, seed: int = 0) -> list[tuple[str, str, float, str]]:
    """A plan of n targets; returns (id, measure, reference, unit) for the observations."""
    rng = np.random.default_rng(seed)
    lines = ["id: bench-2021", "year: 2021", "region: {vi: Tỉnh Thử, en: Test province}",
             "title: {vi: Kế hoạch thử, en: Test plan}", "source: {document: Quyết định thử, url: ''}", "targets:"]
    out = []
    for i in range(n):
        kind, spec = RULES[i % len(RULES)]
        unit = UNITS[i % len(UNITS)] if kind not in ("reduce_by",) else UNITS[0]
        pct = '"%"' in unit
        measure = "level" if kind in ("reduce_by", "increase_by") or pct else ("flow", "level", "growth")[i % 3]
        x = round(float(rng.uniform(20, 60)), 1) if pct else int(rng.integers(100, 90000))
        y = round(x + 5, 1)
        group = ("economy", "society", "security")[(i // 3) % 3]  # every measure in every group
        lines.append(f"  - {{id: t{i:06d}, group: {group}, name: {{vi: \"Chỉ tiêu {i}, thử\", en: \"Target {i}\"}}, "
                     f"unit: {unit}, measure: {measure}, rule: {{{kind}: {spec.format(x=x, y=y)}}}}}")
        out.append((f"t{i:06d}", measure, float(x), "%" if pct else ""))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def write_observations(path: Path, targets, seed: int = 1) -> None:
    """One figure per target and quarter: 8 per target."""
    rng = np.random.default_rng(seed)
    n = len(targets) * len(PERIODS)
    ids = np.repeat([t[0] for t in targets], len(PERIODS))
    ref = np.repeat([t[2] for t in targets], len(PERIODS))
    share = np.tile([0.25, 0.5, 0.75, 1.0] * 2, len(targets))
    flow = np.repeat([t[1] == "flow" for t in targets], len(PERIODS))
    value = np.round(ref * rng.uniform(0.8, 1.1, n) * np.where(flow, share, 1.0), 2)
    period = np.tile(PERIODS, len(targets))
    kind = rng.choice(["official", "estimate", "preliminary"], n)
    qualifier = rng.choice(["", "", "", "", "more_than"], n)
    with path.open("w", encoding="utf-8") as fh:
        fh.write("indicator,period,value,kind,qualifier,source,note\n")
        for i in range(n):
            fh.write(f"{ids[i]},{period[i]},{value[i]:g},{kind[i]},{qualifier[i]},"
                     f"https://example.org/bao-cao/{period[i]},\n")


KPI = [sys.executable, "-m", "kpi.cli"]
COMMANDS = {
    "floor": [sys.executable, "-c", "import sys, pandas as pd; pd.read_csv(sys.argv[1]).groupby('indicator').last()",
              "{plan}/observations.csv"],
    "kpi validate": [*KPI, "validate", "{plan}"],
    "kpi status": [*KPI, "status", "{plan}", "--period", "2021-Q3", "--format", "csv"],
}


def run_command(argv: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MB (ru_maxrss, from wait4) of one command; exit code 0 required."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {proc.stderr.read().decode()[:500]}")
    proc.stderr.close()
    return wall, usage.ru_maxrss / 1024


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="kpi-bench-") as tmp:
        folder = Path(tmp) / "plan10k"
        folder.mkdir()
        targets = write_plan(folder / "plan.yaml", TARGETS)
        write_observations(folder / "observations.csv", targets)
        size = (folder / "plan.yaml").stat().st_size / 2**20
        print(f"{TARGETS:,} targets (plan.yaml {size:.1f} MB), {TARGETS * len(PERIODS):,} figures; "
              f"median of {REPEAT} rounds, each command in a new process")
        times: dict[str, list[float]] = {k: [] for k in COMMANDS}
        peaks: dict[str, float] = {k: 0.0 for k in COMMANDS}
        for _ in range(REPEAT):
            for name, argv in COMMANDS.items():
                wall, peak = run_command([a.format(plan=folder) for a in argv])
                times[name].append(wall)
                peaks[name] = max(peaks[name], peak)
        base = statistics.median(times["floor"])
        for name in COMMANDS:
            t = statistics.median(times[name])
            verdict = "" if name == "floor" else f"   {t / base:4.1f}x floor   goal < {GOAL_S:.0f} s: " \
                                                   f"{'yes' if t < GOAL_S else 'NO'}"
            print(f"  {name:<13} {t:6.2f} s   peak {peaks[name]:6.0f} MB{verdict}")


if __name__ == "__main__":
    main()
