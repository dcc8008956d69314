"""How much memory, and how long, does the report of a large plan take?

Generates into a temporary folder (nothing is kept) a plan of 500 targets and one of 10,000, each with
realistic figures (every rule, measure and unit kind; groups economy / society / security; 8 quarters of
2020-2021 near each plan figure, flows cumulative; see ``validate.write_plan``), and renders each with
``kpi report PLAN --period 2021-Q3 --no-pdf`` in a subprocess, sampling every 50 ms the resident memory of
the notebook's kernel (the process running ``ipykernel``) and of the whole process tree.
Prints, per plan: the wall time, the kernel's peak RSS (goal for 500 targets: under 1.5 GB; it was 5.7 GB
before the charts were capped at ``kpi.story.charts.MAX_ROWS`` rows), the tree's peak, and the number of figures.
Run: python benchmarks/report_memory.py [--only 500]   (not part of the test run; a few minutes)
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from validate import write_observations, write_plan  # noqa: E402

SIZES = (500, 10_000)
GOAL_MB = {500: 1536}
TIMEOUT = 1800


def _children() -> dict[int, list[int]]:
    """Every process's children, from /proc."""
    kids: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat[stat.rindex(")") + 2:].split()[1])
            kids.setdefault(ppid, []).append(int(entry))
    return kids


def _tree(root: int) -> list[int]:
    kids, out, todo = _children(), [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += kids.get(pid, [])
    return out


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _is_kernel(pid: int) -> bool:
    try:
        return b"ipykernel" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def render(plan_dir: Path, out: Path) -> tuple[float, float, float, int]:
    """Wall seconds, the kernel's peak RSS (MB), the process tree's peak RSS (MB), the exit code."""
    cmd = [sys.executable, "-m", "kpi.cli", "report", str(plan_dir), "--period", "2021-Q3", "--no-pdf",
           "--out", str(out), "--timeout", str(TIMEOUT)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    kernel_peak = tree_peak = 0.0
    while proc.poll() is None:
        pids = _tree(proc.pid)
        sizes = {pid: _rss_mb(pid) for pid in pids}
        tree_peak = max(tree_peak, sum(sizes.values()))
        kernel_peak = max([kernel_peak] + [mb for pid, mb in sizes.items() if _is_kernel(pid)])
        time.sleep(0.05)
    seconds = time.perf_counter() - t0
    if proc.returncode:
        print(proc.stderr.read().decode()[-2000:], file=sys.stderr)
    return seconds, kernel_peak, tree_peak, proc.returncode


def main() -> None:
    sizes = SIZES
    if "--only" in sys.argv:
        sizes = (int(sys.argv[sys.argv.index("--only") + 1]),)
    with tempfile.TemporaryDirectory(prefix="kpi-report-bench-") as tmp:
        for n in sizes:
            plan_dir = Path(tmp) / f"plan{n}"
            plan_dir.mkdir()
            write_observations(plan_dir / "observations.csv", write_plan(plan_dir / "plan.yaml", n))
            seconds, kernel, tree, code = render(plan_dir, Path(tmp) / "out")
            figures = list((Path(tmp) / "out").glob(f"bench-2021/2021-Q3/figures/{'manifest.json'}"))
            count = len(json.loads(figures[0].read_text())) if figures else 0
            goal = f" (goal < {GOAL_MB[n]} MB: {'met' if kernel < GOAL_MB[n] else 'MISSED'})" if n in GOAL_MB else ""
            state = "finished" if code == 0 else f"FAILED (exit code {code})"
            print(f"{n:6,d} targets: {state} in {seconds:6.1f} s; kernel peak RSS {kernel:6.0f} MB{goal}; "
                  f"process tree peak {tree:6.0f} MB; {count} figures")


if __name__ == "__main__":
    main()
