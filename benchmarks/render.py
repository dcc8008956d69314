"""How long does a render take? Median wall time (REPEAT runs) of, in one run:

  (a) kpi report for one quarter with its defaults (HTML, PDF, figures, DOCX, XLSX, status.csv),
  (b) papermill executing an empty notebook with the same kernel (the floor); the goal is (a)/(b) <= 2,
  (c) the four quarters serially (--jobs 1),
  (d) the same four with --jobs 2; the goal is (c)/(d) >= 1.6.
Run: python benchmarks/render.py   (not part of the test run; about 5 minutes on 2 cores)
Also printed: the CPU seconds of each measure (the command and its children) and of everything else the
machine ran meanwhile, which tells a slow machine from a slow render.
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

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
PLAN = ROOT / "data" / "kontum-2021"
REPEAT = int(os.environ.get("REPEAT", 3))
KPI = [sys.executable, "-m", "kpi.cli"]


def _busy() -> float | None:
    """CPU seconds the whole machine has spent busy (Linux), to see what else ran during a measure."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def timed(cmd: list[str]) -> tuple[float, float, float | None]:
    """Wall time, CPU time of the command and its children, and CPU time of everything else meanwhile."""
    r0, b0, t0 = resource.getrusage(resource.RUSAGE_CHILDREN), _busy(), time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    wall, r1, b1 = time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_CHILDREN), _busy()
    cpu = (r1.ru_utime + r1.ru_stime) - (r0.ru_utime + r0.ru_stime)
    return wall, cpu, (b1 - b0 - cpu) if b0 is not None and b1 is not None else None


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        empty = tmp / "empty.ipynb"
        nb = new_notebook(cells=[new_code_cell("x = 1", metadata={"tags": ["parameters"]})])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, empty)
        out = str(tmp / "reports")
        runs = {
            "a": KPI + ["report", str(PLAN), "--period", "2021-Q3", "--out", out],
            "a_nopdf": KPI + ["report", str(PLAN), "--period", "2021-Q3", "--out", out, "--no-pdf"],
            "b": [sys.executable, "-m", "papermill", str(empty), str(tmp / "out.ipynb"), "-k", "python3",
                  "-p", "x", "2", "--no-progress-bar"],
            "c": KPI + ["report", str(PLAN), "--period", "all", "--out", out, "--jobs", "1"],
            "d": KPI + ["report", str(PLAN), "--period", "all", "--out", out, "--jobs", "2"],
        }
        samples: dict[str, list[tuple]] = {k: [] for k in runs}
        for _ in range(REPEAT):  # interleaved, so that a slow spell of the machine hits every measure alike
            for k, cmd in runs.items():
                samples[k].append(timed(cmd))
    m = {k: statistics.median(w for w, _, _ in v) for k, v in samples.items()}
    a, a_nopdf, b, c, d = m["a"], m["a_nopdf"], m["b"], m["c"], m["d"]
    print(f"median of {REPEAT} runs, wall time")
    print(f"(a) kpi report, one quarter (defaults) {a:6.2f} s   (a)/(b) = {a / b:.2f}x  (goal <= 2)")
    print(f"    same, --no-pdf                     {a_nopdf:6.2f} s   ({a_nopdf / b:.2f}x)")
    print(f"(b) papermill, empty notebook          {b:6.2f} s")
    print(f"(c) four quarters, --jobs 1            {c:6.2f} s")
    print(f"(d) four quarters, --jobs 2            {d:6.2f} s   (c)/(d) = {c / d:.2f}x  (goal >= 1.6)")
    # CPU seconds: a measure that uses 2 cores fully has cpu = 2 x wall; 'other' is what the rest of the
    # machine ran meanwhile (another user's jobs make (d), which needs both cores, slower than (c)). It
    # also holds Chromium's zygote-forked renderers, whose time never reaches the command's own: compare
    # (a) with (a_nopdf) (about 1.8 s a PDF here).
    print("median CPU seconds   " + "   ".join(
        f"({k}) {statistics.median(c for _, c, _ in v):.1f}"
        + (f" other {statistics.median(o for _, _, o in v):.1f}" if v[0][2] is not None else "")
        for k, v in samples.items()))


if __name__ == "__main__":
    main()
