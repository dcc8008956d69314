"""How long does a render take? Median wall time (REPEAT runs) of, in one run:

  (a) kpi report for one quarter with its defaults (HTML, PDF, figures, DOCX, XLSX, status.csv),
  (b) papermill executing an empty notebook with the same kernel (the floor); the goal is (a)/(b) <= 2,
  (c) the four quarters serially (--jobs 1),
  (d) the same four with --jobs 2; the goal is (c)/(d) >= 1.6.
Run: python benchmarks/render.py   (not part of the test run; about 5 minutes on 2 cores)
"""
from __future__ import annotations

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
REPEAT = 3
KPI = [sys.executable, "-m", "kpi.cli"]


def timed(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, capture_output=True)
    return time.perf_counter() - t0


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
        times: dict[str, list[float]] = {k: [] for k in runs}
        for _ in range(REPEAT):  # interleaved, so that a slow spell of the machine hits every measure alike
            for k, cmd in runs.items():
                times[k].append(timed(cmd))
    m = {k: statistics.median(v) for k, v in times.items()}
    a, a_nopdf, b, c, d = m["a"], m["a_nopdf"], m["b"], m["c"], m["d"]
    print(f"median of {REPEAT} runs, wall time")
    print(f"(a) kpi report, one quarter (defaults) {a:6.2f} s   (a)/(b) = {a / b:.2f}x  (goal <= 2)")
    print(f"    same, --no-pdf                     {a_nopdf:6.2f} s   ({a_nopdf / b:.2f}x)")
    print(f"(b) papermill, empty notebook          {b:6.2f} s")
    print(f"(c) four quarters, --jobs 1            {c:6.2f} s")
    print(f"(d) four quarters, --jobs 2            {d:6.2f} s   (c)/(d) = {c / d:.2f}x  (goal >= 1.6)")


if __name__ == "__main__":
    main()
