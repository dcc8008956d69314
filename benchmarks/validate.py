"""How fast, and in how much memory, are a large plan and a million figures read, checked and assessed?

Generates into a temporary folder (nothing is kept):
  * a plan of 10,000 targets (the mix of the Kon Tum plan: every rule, measure and unit kind),
  * a plan of 125,000 targets and an observations CSV of 1,000,000 figures for it
    (125,000 indicators × 8 quarters of 2020-2021, values near each plan figure, a fifth with a
    qualifier, every row with its source address).
Prints the median wall time (of REPEAT runs, the steps interleaved in each round) of
  floor      : pandas.read_csv + groupby("indicator").last() over the CSV (what any reader must pay),
               timed inside a fresh Python (from `import pandas`) and as a whole command,
  load_plan  : kpi.load_plan of the 10,000-target plan (goal: < 3 s),
  validate   : kpi.load_observations of the million figures against the 125,000-target plan (read
               beforehand): every check,
  load       : kpi.load of the 125,000-target folder: reading the plan too,
  assess     : kpi.assess of the loaded frames at 2021-Q3 (it was 10.6 s before the engine rewrite),
  `kpi validate` and `kpi status --period 2021-Q3 --format csv` (to /dev/null) of that folder as whole
               commands in a subprocess (goal: each within 10 times the floor command, under 1 GB),
and the peak resident memory of each process (VmHWM in-process; ru_maxrss from wait4 for a command, and
the peaks of the RSS and PSS sums over a command's processes, RSS sampled every 10 ms, PSS every 100 ms: kpi.load reads a
large observations file and half of a large plan in forked processes, which share pages with their parent).
Run: python benchmarks/validate.py   (not part of the test run; about 5 minutes)
     PARTS=commands REPEAT=5 python benchmarks/validate.py   (only the whole commands, five rounds)
"""
from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPEAT = int(os.environ.get("REPEAT", 3))
PARTS = os.environ.get("PARTS", "steps,commands")
"""What to measure: the steps in a fresh Python, the whole commands, or both (PARTS=commands: only those)."""
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


SETUP = {"validate": "import kpi; plan = kpi.load_plan(D / 'big')",
         "assess": "import kpi; plan, obs = kpi.load(D / 'big')"}
STEPS = {
    "floor": "import pandas as pd; pd.read_csv(D / 'big' / 'observations.csv').groupby('indicator').last()",
    "load_plan": "import kpi; kpi.load_plan(D / 'plan10k')",
    "validate": "kpi.load_observations(D / 'big' / 'observations.csv', plan)",
    "load": "import kpi; kpi.load(D / 'big')",
    "assess": "kpi.assess(plan, obs, '2021-Q3')",
}
KPI = [sys.executable, "-m", "kpi.cli"]
COMMANDS = {
    "floor": [sys.executable, "-c", "import sys, pandas as pd; pd.read_csv(sys.argv[1]).groupby('indicator').last()",
              "{big}/observations.csv"],
    "kpi validate": [*KPI, "validate", "{big}"],
    "kpi status": [*KPI, "status", "{big}", "--period", "2021-Q3", "--format", "csv"],
}


def _peak_mb() -> str:
    """Code that prints the peak resident memory of this process in MB (VmHWM; ru_maxrss where not Linux)."""
    return ("import resource; s = open('/proc/self/status').read() if Path('/proc/self/status').exists() else ''; "
            "hwm = [int(l.split()[1]) for l in s.splitlines() if l.startswith('VmHWM')]; "
            "print(t, (hwm[0] if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024)")


def run_step(step: str, folder: Path) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one step in a fresh Python."""
    code = (f"import time, resource, sys; from pathlib import Path; D = Path({str(folder)!r}); "
            f"{SETUP.get(step, 'pass')}; t = time.perf_counter(); {STEPS[step]}; t = time.perf_counter() - t; "
            + _peak_mb())
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    return float(out[0]), float(out[1])


def _tree(pid: int) -> list[int]:
    """A process and its descendants now."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        try:
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, ValueError):
            continue
    return found


def _field_kb(path: str, field: str) -> int:
    try:
        return next(int(line.split()[1]) for line in Path(path).read_text().splitlines() if line.startswith(field))
    except (OSError, StopIteration, ValueError):
        return 0  # the process has gone


def _rss_mb(pids: list[int]) -> float:
    """The sum of the processes' RSS now (a page shared by a forked child counts in both), in MB; cheap."""
    return sum(_field_kb(f"/proc/{p}/status", "VmRSS:") for p in pids) / 1024


def _pss_mb(pids: list[int]) -> float:
    """The sum of the processes' PSS now (a shared page split among those sharing it: the physical memory they
    hold together), in MB. Dearer than RSS: the kernel walks every page table, holding the process's memory
    map lock, which stalls its own allocations; so it is read only every tenth sample."""
    return sum(_field_kb(f"/proc/{p}/smaps_rollup", "Pss:") for p in pids) / 1024


def run_command(name: str, folder: Path) -> tuple[float, float, float, float]:
    """Wall seconds, peak RSS of its largest process (MB, ru_maxrss from wait4) and the peaks of the RSS and
    PSS sums over the command's processes (MB; RSS sampled every 10 ms, PSS every 100 ms: kpi reads a large CSV
    and half of a large plan in forked processes) of a whole command, output to /dev/null."""
    import threading

    cmd = [a.format(big=folder / "big") for a in COMMANDS[name]]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak, done = [0.0, 0.0], threading.Event()

    def sample() -> None:
        n = 0
        while not done.wait(0.01):
            pids = _tree(proc.pid)
            peak[0] = max(peak[0], _rss_mb(pids))
            n += 1
            if n % 10 == 0:
                peak[1] = max(peak[1], _pss_mb(pids))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    done.set()
    sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"{name} failed ({proc.returncode}): {proc.stderr.read().decode()[-1000:]}")
    return seconds, usage.ru_maxrss / 1024, peak[0], peak[1]


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="kpi-bench-") as tmp:
        d = Path(tmp)
        (d / "plan10k").mkdir()
        (d / "big").mkdir()
        t0 = time.perf_counter()
        write_plan(d / "plan10k" / "plan.yaml", 10_000)
        targets = write_plan(d / "big" / "plan.yaml", 125_000)
        write_observations(d / "big" / "observations.csv", targets)
        size = (d / "big" / "observations.csv").stat().st_size / 2**20
        print(f"generated in {time.perf_counter() - t0:.0f} s: plan of 10,000 targets "
              f"({(d / 'plan10k' / 'plan.yaml').stat().st_size / 2**20:.1f} MB); plan of 125,000 targets "
              f"({(d / 'big' / 'plan.yaml').stat().st_size / 2**20:.0f} MB) and 1,000,000 figures ({size:.0f} MB); "
              f"median of {REPEAT} rounds, each step in a fresh process, the steps interleaved")
        runs: dict[str, list[tuple[float, float]]] = {}  # the steps in a fresh Python
        commands: dict[str, list[tuple[float, float, float, float]]] = {}  # the whole commands (both have a 'floor')
        for _ in range(REPEAT):
            for step in STEPS if "steps" in PARTS else ():
                runs.setdefault(step, []).append(run_step(step, d))
            for name in COMMANDS if "commands" in PARTS else ():
                commands.setdefault(name, []).append(run_command(name, d))
        results = {k: (statistics.median(r[0] for r in v), max(r[1] for r in v)) for k, v in runs.items()}
    if runs:
        print("in a fresh Python, from its first import:")
    for step in STEPS if runs else ():
        base = results["floor"][0]
        secs, rss = results[step]
        ratio = f"   {secs / base:4.1f}x floor" if step in ("validate", "load") else ""
        print(f"  {step:10s} {secs:7.2f} s   peak RSS {rss:6.0f} MB{ratio}")
    if not commands:
        return
    base = statistics.median(r[0] for r in commands["floor"])
    print("whole commands (Python start-up included), output to /dev/null; peak RSS of the largest process; of all "
          "its processes together (sampled), the sum of their RSS (shared pages counted in each) and of their PSS "
          "(the physical memory they hold; the goal's measure):")
    for name in COMMANDS:
        secs = statistics.median(r[0] for r in commands[name])
        rss = max(r[1] for r in commands[name])
        rss_sum, pss_sum = max(r[2] for r in commands[name]), max(r[3] for r in commands[name])
        goal = "" if name == "floor" else (f"   {secs / base:4.1f}x floor (goal <= 10x: {'met' if secs <= 10 * base else 'MISSED'})"
                                           f"; < 1 GB: {'met' if max(rss, pss_sum) < 1024 else 'MISSED'}")
        print(f"  {name:12s} {secs:7.2f} s   peak RSS {rss:6.0f} MB, together RSS {rss_sum:6.0f} MB, "
              f"PSS {pss_sum:6.0f} MB{goal}")
    print(f"(this process: peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")


if __name__ == "__main__":
    main()
