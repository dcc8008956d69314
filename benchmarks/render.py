"""How long does a render take? Median wall time (REPEAT runs, interleaved) of, in one run:

  (a) the floor: papermill executing an empty notebook (one kernel started, one cell run, the notebook written);
  (b) kpi report for one quarter with its default formats (HTML, PDF, DOCX, XLSX, status.csv, figures);
      the goal is (b)/(a) <= 2.0;
  (c) the peer a papermill user would chain by hand for the HTML and the PDF alone: papermill on the report
      notebook, ``jupyter nbconvert --to html --no-input``, then ``chromium --headless --print-to-pdf``;
      the goal is (b)/(c) <= 1.0 (kpi's full report is not slower).
Run: python benchmarks/render.py   (not part of the test run; about 2 minutes on 2 cores with REPEAT=5)
Also printed: the CPU seconds of each measure (the command and its children) and of everything else the
machine ran meanwhile, which tells a slow machine from a slow render.
"""
from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from kpi.paths import REPORT_NOTEBOOK  # noqa: E402
from kpi.documents.pdf import CHROMIUM_FLAGS, chromium_path  # noqa: E402

PLAN = ROOT / "data" / "kontum-2021"
PERIOD = "2021-Q3"
REPEAT = int(os.environ.get("REPEAT", 5))
KPI = [sys.executable, "-m", "kpi.cli"]
JUPYTER = shutil.which("jupyter", path=str(Path(sys.executable).parent)) or "jupyter"


def _busy() -> float | None:
    """CPU seconds the whole machine has spent busy (Linux), to see what else ran during a measure."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return None
    user, nice, system, _idle, _iowait, irq, softirq, steal = (int(x) for x in fields[:8])
    return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")


def timed(*cmds: list[str]) -> tuple[float, float, float | None]:
    """Wall time of the commands run one after the other, their CPU time (with their children), and the CPU
    time of everything else meanwhile."""
    r0, b0, t0 = resource.getrusage(resource.RUSAGE_CHILDREN), _busy(), time.perf_counter()
    for cmd in cmds:
        subprocess.run(cmd, check=True, capture_output=True)
    wall, r1, b1 = time.perf_counter() - t0, resource.getrusage(resource.RUSAGE_CHILDREN), _busy()
    cpu = (r1.ru_utime + r1.ru_stime) - (r0.ru_utime + r0.ru_stime)
    return wall, cpu, (b1 - b0 - cpu) if b0 is not None and b1 is not None else None


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="kpi-bench-") as tmp:
        tmp = Path(tmp)
        empty = tmp / "empty.ipynb"
        nb = new_notebook(cells=[new_code_cell("x = 1", metadata={"tags": ["parameters"]})])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, empty)
        peer = tmp / "peer"
        peer.mkdir()
        runs = {
            "a": [[sys.executable, "-m", "papermill", str(empty), str(tmp / "out.ipynb"), "-k", "python3",
                   "-p", "x", "2", "--no-progress-bar"]],
            "b": [KPI + ["report", str(PLAN), "--period", PERIOD, "--out", str(tmp / "reports")]],
            "c": [[sys.executable, "-m", "papermill", str(REPORT_NOTEBOOK), str(peer / "report.ipynb"), "-k", "python3",
                   "-p", "plan_dir", str(PLAN), "-p", "period", PERIOD, "--cwd", str(REPORT_NOTEBOOK.parent),
                   "--no-progress-bar"],
                  [JUPYTER, "nbconvert", "--to", "html", "--no-input", str(peer / "report.ipynb")],
                  [chromium_path(), *CHROMIUM_FLAGS, "--headless", f"--user-data-dir={peer / 'profile'}",
                   f"--print-to-pdf={peer / 'report.pdf'}", (peer / "report.html").as_uri()]],
        }
        samples: dict[str, list[tuple]] = {k: [] for k in runs}
        for _ in range(REPEAT):  # interleaved, so that a slow spell of the machine hits every measure alike
            for k, cmds in runs.items():
                samples[k].append(timed(*cmds))
            assert (tmp / "reports" / "kontum-2021" / PERIOD / "report.pdf").is_file()
            assert (peer / "report.pdf").stat().st_size > 0
    m = {k: statistics.median(w for w, _, _ in v) for k, v in samples.items()}
    a, b, c = m["a"], m["b"], m["c"]
    print(f"{time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, median of {REPEAT} runs, wall time")
    print(f"(a) floor: papermill, empty notebook              {a:6.2f} s")
    print(f"(b) kpi report, one quarter (default formats)     {b:6.2f} s   (b)/(a) = {b / a:.2f}x  (goal <= 2.0)")
    print(f"(c) peer: papermill + nbconvert html + chromium   {c:6.2f} s   (b)/(c) = {b / c:.2f}x  (goal <= 1.0)")
    print("    every sample (s): " + "; ".join(f"({k}) " + " ".join(f"{w:.2f}" for w, _, _ in v)
                                         for k, v in samples.items()))
    # CPU seconds: a measure that keeps 2 cores busy has cpu = 2 x wall; 'other' is what the rest of the machine
    # ran meanwhile (another user's jobs; also Chromium's zygote-forked renderers, whose time never reaches the
    # command's own).
    print("median CPU seconds   " + "   ".join(
        f"({k}) {statistics.median(c for _, c, _ in v):.1f}"
        + (f" other {statistics.median(o for _, _, o in v):.1f}" if v[0][2] is not None else "")
        for k, v in samples.items()))


if __name__ == "__main__":
    main()
