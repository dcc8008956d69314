"""Does `kpi collect` end within 10 s and 500 MB on a hostile returned workbook: 100,000 rows, a 3 MB zip bomb?

Generates into a temporary folder (nothing is kept) a copy of the test plan tests/fixtures/owned and, from the
'cts' workbook that `kpi template --by owner` makes for 2021-Q3:
  normal        : the workbook filled (10 rows, figures that pass the plan's checks), to be merged;
  100,000 rows  : the same header, sheet name and stamp (custom document properties), 100,000 rows repeating the
                  cts indicators (openpyxl write-only);
  zip bomb      : its sheet part replaced by 3 GB of spaces, deflated to about 3 MB (15-20 s to build);
and, to see whether the size bounds of kpi/inputs/xlsxfile.py keep every workbook within the goal, workbooks
crafted to pass them by a few bytes (the bounds are read from there):
  empty cells   : the header row, then rows of eleven `<c/>` (the smallest cell openpyxl makes an object of)
                  up to PART_LIMITS["sheets"];
  shared strings: the normal workbook with a shared-strings part of empty strings, up to PART_LIMITS["shared texts"];
  styles        : the normal workbook with its cell formats (`<xf/>`) up to PART_LIMITS["styles"];
  all at once   : the three together (their costs add up: the worst workbook that passes the bounds).
Times, as whole commands in a new process each (what a user waits for), with a fresh copy of the plan folder
for each run (so every run does the same work), the median of REPEAT rounds of:
  floor         : `python -c "import openpyxl; openpyxl.load_workbook(<normal workbook>)"` (what reading any
                  workbook costs), and `kpi validate <plan>` as a second reference,
  kpi collect   : <plan> <workbook>, for the normal, 100,000-row and zip-bomb workbooks;
the crafted ones once each (up to a minute each: a command still running after TIMEOUT seconds, or holding more
than LIMIT_MB, is killed), with the floor `openpyxl.load_workbook` of the empty-cells workbook. The workbooks are
built in a child process: a child's ru_maxrss starts from its parent's peak, so the timing process stays small.
Goal (the issue): `kpi collect` on the 100,000-row workbook and on the zip bomb each ends within 10 s and 500 MB.
Prints per command the median seconds, the peak resident memory (ru_maxrss of the child, from wait4), the exit
code and the first line it wrote (stderr, else stdout), then whether each case met the goal. Exits 0 unless a
command crashed (an exit code other than 0 and 2, or a signal other than the timeout's).
Run: python benchmarks/collect.py   (not part of the test run; about 4 minutes; REPEAT=3 TIMEOUT=60 LIMIT_MB=4000 by
default)
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

REPEAT = int(os.environ.get("REPEAT", "3"))
TIMEOUT = float(os.environ.get("TIMEOUT", "60"))
LIMIT_MB = float(os.environ.get("LIMIT_MB", "4000"))
GOAL_S, GOAL_MB = 10.0, 500.0
ROWS = 100_000
BOMB_BYTES, CHUNK = 3 * 2**30, 16 * 2**20
PLAN = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "owned"
SHEET = "xl/worksheets/sheet1.xml"
KPI = [sys.executable, "-m", "kpi.cli"]

FIGURES = {"grdp_growth": 7.5, "share_agriculture": 21.5, "grdp_per_capita": 55, "population": 100500,
           "grdp_current_prices": 9300, "grdp_constant_prices": 6700, "va_agriculture_current": 2000,
           "va_agriculture_constant": 1600, "va_industry_constant": 2150, "va_services_constant": 2500}
"""The cts figures for 2021-Q3 (nine months: the flows above the six months on file; the rules' bands and the
derived growth, share and per-capita figures agree)."""
VALUE, KIND, SOURCE = 7, 8, 10
"""The columns (1-based) of the value, kind and source in a department's workbook (G, H, J)."""


# -- the workbooks ----------------------------------------------------------------------------------------------

def template(tmp: Path) -> Path:
    """The 'cts' workbook `kpi template --by owner` makes for 2021-Q3, unfilled."""
    out = tmp / "template"
    subprocess.run([*KPI, "template", str(tmp / "plan"), "--period", "2021-Q3", "--by", "owner", "-o", str(out)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return out / "cts-2021-Q3.xlsx"


def filled(blank: Path, path: Path) -> None:
    """The workbook as a department returns it: every row's value, kind and source filled."""
    from openpyxl import load_workbook

    book = load_workbook(blank)
    ws = book.worksheets[0]
    for r in range(2, ws.max_row + 1):
        ws.cell(r, VALUE).value = FIGURES[ws.cell(r, 1).value]
        ws.cell(r, KIND).value = "ước tính"
        ws.cell(r, SOURCE).value = "https://example.org/q3"
    book.save(path)


def many_rows(normal: Path, path: Path, n: int = ROWS) -> None:
    """The normal workbook's header, sheet name and stamp, then n rows repeating its rows (write-only)."""
    from openpyxl import Workbook, load_workbook

    source = load_workbook(normal)
    ws = source.worksheets[0]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    book = Workbook(write_only=True)
    for prop in source.custom_doc_props:
        book.custom_doc_props.append(prop)
    out = book.create_sheet(ws.title)
    out.append(rows[0])
    body = rows[1:]
    for i in range(n):
        out.append(body[i % len(body)])
    book.save(path)


def parts_of(path: Path) -> dict[str, bytes]:
    """Every part of a workbook package, in its order."""
    with zipfile.ZipFile(path) as z:
        return {info.filename: z.read(info) for info in z.infolist()}


def write_package(parts: dict[str, bytes], path: Path) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def zip_bomb(normal: Path, path: Path) -> None:
    """The normal workbook with its sheet part replaced by BOMB_BYTES of spaces, deflated."""
    parts = parts_of(normal)
    spaces = b" " * CHUNK
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            if name != SHEET:
                z.writestr(name, data)
                continue
            with z.open(name, "w", force_zip64=True) as part:
                for _ in range(BOMB_BYTES // CHUNK):
                    part.write(spaces)
    size = path.stat().st_size
    if not 2 * 2**20 < size < 4 * 2**20:
        raise SystemExit(f"the zip bomb is {size / 2**20:.1f} MB, not about 3 MB")


def _padded(parts: dict[str, bytes], name: str, head: bytes, item: bytes, tail: bytes, bound: int,
            kind: str) -> int:
    """Set part ``name`` to head + item × n + tail with the largest n that keeps the parts of its ``kind``
    (kpi.inputs.xlsxfile.part_kind) within ``bound`` bytes; returns n."""
    from kpi.inputs.xlsxfile import part_kind

    others = sum(len(v) for k, v in parts.items() if part_kind(k) == kind and k != name)
    n = (bound - others - len(head) - len(tail)) // len(item)
    parts[name] = head + item * n + tail
    return n


def empty_cells(parts: dict[str, bytes], bound: int) -> int:
    """The header row, then rows of eleven empty cells up to ``bound`` bytes of sheets; returns the cells."""
    xml = parts[SHEET]
    head, tail = xml[:xml.index(b"</row>") + len(b"</row>")], xml[xml.index(b"</sheetData>"):]
    rows = _padded(parts, SHEET, head, b"<row>" + b"<c/>" * 11 + b"</row>", tail, bound, "sheets")
    return rows * 11


def shared_strings(parts: dict[str, bytes], bound: int) -> int:
    """A shared-strings part of empty strings up to ``bound`` bytes; returns the strings."""
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                     b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/'
                             b'2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
    parts["xl/sharedStrings.xml"] = b""
    return _padded(parts, "xl/sharedStrings.xml",
                   b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">', b"<si><t/></si>",
                   b"</sst>", bound, "shared texts")


def styles(parts: dict[str, bytes], bound: int) -> int:
    """Empty cell formats added to the styles up to ``bound`` bytes; returns the formats."""
    xml = parts["xl/styles.xml"]
    at = xml.index(b">", xml.index(b"<cellXfs")) + 1
    return _padded(parts, "xl/styles.xml", xml[:at], b"<xf/>", xml[at:], bound, "styles")


def crafted(normal: Path, path: Path, *pads) -> list[int]:
    """The normal workbook with each of ``pads`` ((builder, bound), ...) applied; returns what each added."""
    parts = parts_of(normal)
    counts = [pad(parts, bound) for pad, bound in pads]
    write_package(parts, path)
    return counts


# -- the runs ---------------------------------------------------------------------------------------------------

@dataclass
class Run:
    wall: float
    peak_mb: float
    code: int | None   # None: killed after TIMEOUT s or above LIMIT_MB
    said: str          # the first line of stderr, else of stdout


def _resident_mb(pid: int) -> float:
    """A running process's resident memory (VmRSS, MB); 0 if it cannot be read."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def run_command(argv: list[str], cwd: Path) -> Run:
    """Wall seconds, peak resident MB (ru_maxrss, from wait4), exit code and first line of one command."""
    out, err = cwd / ".stdout", cwd / ".stderr"
    with out.open("wb") as o, err.open("wb") as e:
        t0 = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, stdout=o, stderr=e)
        killed = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if not killed and (time.perf_counter() - t0 > TIMEOUT or _resident_mb(proc.pid) > LIMIT_MB):
                os.kill(proc.pid, signal.SIGKILL)   # not reaped yet: the pid is still this child's
                killed = True
            time.sleep(0.01)
        wall = time.perf_counter() - t0
    said = ""
    for f in (err, out):
        lines = f.read_text(encoding="utf-8", errors="replace").splitlines()
        if lines:
            said = lines[0]
            break
    code = None if killed else os.waitstatus_to_exitcode(status)
    return Run(wall, usage.ru_maxrss / 1024, code, said)


def collect_run(tmp: Path, workbook: str) -> Run:
    """`kpi collect` of one workbook into a fresh copy of the plan folder."""
    plan = tmp / "run"
    shutil.rmtree(plan, ignore_errors=True)
    shutil.copytree(tmp / "plan", plan)
    try:
        return run_command([*KPI, "collect", "run", workbook], tmp)
    finally:
        shutil.rmtree(plan)


def median_run(runs: list[Run]) -> Run:
    """The median wall time, the highest peak, the last exit code and first line."""
    return Run(statistics.median(r.wall for r in runs), max(r.peak_mb for r in runs), runs[-1].code, runs[-1].said)


def row(name: str, r: Run) -> str:
    said = r.said if len(r.said) <= 110 else r.said[:109] + "…"
    code = "killed" if r.code is None else str(r.code)
    seconds = f"> {r.wall:.0f}" if r.code is None else f"{r.wall:.2f}"
    return f"  {name:<44} {seconds:>7} s {r.peak_mb:7.0f} MB  {code:>6}  {said}"


def verdict(name: str, r: Run) -> str:
    met = r.code is not None and r.wall <= GOAL_S and r.peak_mb <= GOAL_MB
    took = f"killed after {r.wall:.0f} s" if r.code is None else f"{r.wall:.2f} s"
    return f"  {name:<44} {took}, {r.peak_mb:,.0f} MB: {'met' if met else 'NOT met'}"


def crashed(r: Run, expected=(0, 2)) -> bool:
    return r.code is not None and r.code not in expected


def build(tmp: Path) -> None:
    """Every workbook into ``tmp`` (in a process of its own; see ``main``), their counts into built.json."""
    from kpi.inputs.xlsxfile import PART_LIMITS

    normal = tmp / "normal.xlsx"
    filled(template(tmp), normal)
    t0 = time.perf_counter()
    many_rows(normal, tmp / "rows.xlsx")
    print(f"built the {ROWS:,}-row workbook in {time.perf_counter() - t0:.0f} s; building the zip bomb "
          f"({BOMB_BYTES / 2**30:.0f} GB of spaces, deflated; 15-20 s)…", flush=True)
    t0 = time.perf_counter()
    zip_bomb(normal, tmp / "bomb.xlsx")
    cells, strings, formats = ((f, PART_LIMITS[k]) for f, k in ((empty_cells, "sheets"),
                                                                 (shared_strings, "shared texts"),
                                                                 (styles, "styles")))
    built = {"cells": crafted(normal, tmp / "cells.xlsx", cells)[0],
             "strings": crafted(normal, tmp / "strings.xlsx", strings)[0],
             "formats": crafted(normal, tmp / "styles.xlsx", formats)[0],
             "all": crafted(normal, tmp / "all.xlsx", cells, strings, formats),
             "limits": {k: v / 2**20 for k, v in PART_LIMITS.items()}}
    (tmp / "built.json").write_text(json.dumps(built))
    size = {p: (tmp / p).stat().st_size / 2**20 for p in ("rows.xlsx", "bomb.xlsx")}
    print(f"built the zip bomb ({size['bomb.xlsx']:.1f} MB) and the crafted workbooks in "
          f"{time.perf_counter() - t0:.0f} s; the {ROWS:,}-row workbook is {size['rows.xlsx']:.1f} MB")


def main() -> None:
    """Build the workbooks in a child process, then time the commands.

    A child's ru_maxrss starts from what its parent held when it started it (subprocess starts it with vfork:
    the parent's peak), so this process stays small: it never imports openpyxl or kpi.
    """
    with tempfile.TemporaryDirectory(prefix="kpi-bench-") as name:
        tmp = Path(name)
        shutil.copytree(PLAN, tmp / "plan")
        subprocess.run([sys.executable, __file__, "--build", str(tmp)], check=True)
        built = json.loads((tmp / "built.json").read_text())
        cells, strings, formats = built["cells"], built["strings"], built["formats"]
        limits = ", ".join(f"{k} up to {v:g} MB" for k, v in built["limits"].items())

        load = [sys.executable, "-c", "import sys, openpyxl; openpyxl.load_workbook(sys.argv[1])"]
        plain = {
            "floor: openpyxl.load_workbook(normal)": lambda: run_command([*load, "normal.xlsx"], tmp),
            "floor: kpi validate plan": lambda: run_command([*KPI, "validate", "plan"], tmp),
            "kpi collect: normal workbook": lambda: collect_run(tmp, "normal.xlsx"),
            f"kpi collect: {ROWS:,} rows": lambda: collect_run(tmp, "rows.xlsx"),
            "kpi collect: 3 MB zip bomb": lambda: collect_run(tmp, "bomb.xlsx"),
        }
        runs: dict[str, list[Run]] = {k: [] for k in plain}
        for _ in range(REPEAT):
            for k, fn in plain.items():
                runs[k].append(fn())
        results = {k: median_run(v) for k, v in runs.items()}
        crafted = {
            f"kpi collect: {cells:,} empty cells": lambda: collect_run(tmp, "cells.xlsx"),
            "floor: openpyxl.load_workbook(empty cells)": lambda: run_command([*load, "cells.xlsx"], tmp),
            f"kpi collect: {strings:,} shared strings": lambda: collect_run(tmp, "strings.xlsx"),
            f"kpi collect: {formats:,} cell formats": lambda: collect_run(tmp, "styles.xlsx"),
            "kpi collect: all three at once": lambda: collect_run(tmp, "all.xlsx"),
        }
        once = {k: fn() for k, fn in crafted.items()}

    head = f"  {'command':<44} {'seconds':>9} {'peak':>10}  {'exit':>6}  first line of stderr (else stdout)"
    print(f"\nmedian of {REPEAT} rounds, each command in a new process (2 cores; the floor measured in the same run)")
    print(head)
    for k, r in results.items():
        print(row(k, r))
    print(f"\ncrafted to pass the size bounds by a few bytes ({limits}); once each, killed after {TIMEOUT:.0f} s "
          f"or above {LIMIT_MB:,.0f} MB")
    print(head)
    for k, r in once.items():
        print(row(k, r))
    print(f"\ngoal: kpi collect ends within {GOAL_S:.0f} s and {GOAL_MB:.0f} MB")
    for k in (f"kpi collect: {ROWS:,} rows", "kpi collect: 3 MB zip bomb"):
        print(verdict(k.removeprefix("kpi collect: "), results[k]))
    for k, r in once.items():
        if k.startswith("kpi collect"):
            print(verdict(k.removeprefix("kpi collect: ") + " (crafted)", r))
    every = [(k, r) for k, v in runs.items() for r in v] + list(once.items())
    bad = sorted({k for k, r in every if crashed(r, (0,) if k.startswith("floor") else (0, 2))})
    if bad:
        raise SystemExit(f"crashed: {', '.join(bad)}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--build"]:
        build(Path(sys.argv[2]))
    else:
        main()
